import fs from 'node:fs'
import path from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'
import { alias } from '../../electron.vite.config'

declare module 'vitest' {
  export interface ProvidedContext {
    importWorker: string
    backupWorker: string
    migrationWorker: string
  }
}

const root = path.resolve(__dirname, '../..')

/**
 * Global setup: the import, backup and migration workers as the app runs them, bundled to CommonJS like
 * out/main/import-worker.js, out/main/backup-worker.js and out/main/migrate-worker.js with their dependencies left to node_modules (so they live
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
    // The migrations the migration worker runs read constants of the contract.
    resolve: { alias },
    build: {
      ssr: true,
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: {
        input: {
          'import-worker': path.join(root, 'src-main/import/worker.ts'),
          'backup-worker': path.join(root, 'src-main/services/backup-worker.ts'),
          'migrate-worker': path.join(root, 'src-main/db/migrate-worker.ts')
        },
        output: { format: 'cjs', entryFileNames: '[name].js' }
      }
    }
  })
  project.provide('importWorker', path.join(outDir, 'import-worker.js'))
  project.provide('backupWorker', path.join(outDir, 'backup-worker.js'))
  project.provide('migrationWorker', path.join(outDir, 'migrate-worker.js'))
  return () => fs.rmSync(outDir, { recursive: true, force: true })
}
