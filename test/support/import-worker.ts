import fs from 'node:fs'
import path from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    importWorker: string
    backupWorker: string
  }
}

const root = path.resolve(__dirname, '../..')

/**
 * Global setup: the import and backup workers as the app runs them, bundled to CommonJS like
 * out/main/import-worker.js and out/main/backup-worker.js with their dependencies left to node_modules (so they live
 * under out/, where `exceljs` resolves). Built once per run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // A folder of this run's own: two vitest runs at once must not empty each other's workers.
  fs.mkdirSync(path.join(root, 'out'), { recursive: true })
  const outDir = fs.mkdtempSync(path.join(root, 'out', 'test-import-worker-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: {
          'import-worker': path.join(root, 'src-main/import/worker.ts'),
          'backup-worker': path.join(root, 'src-main/services/backup-worker.ts')
        },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  })
  project.provide('importWorker', path.join(outDir, 'import-worker.js'))
  project.provide('backupWorker', path.join(outDir, 'backup-worker.js'))
  return () => fs.rmSync(outDir, { recursive: true, force: true })
}
