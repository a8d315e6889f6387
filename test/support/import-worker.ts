import fs from 'node:fs'
import path from 'node:path'
import { build } from 'vite'
import type { TestProject } from 'vitest/node'

declare module 'vitest' {
  export interface ProvidedContext {
    importWorker: string
  }
}

const root = path.resolve(__dirname, '../..')

/**
 * Global setup: the import worker as the app runs it, bundled to CommonJS like out/main/import-worker.js with its
 * dependencies left to node_modules (so it lives under out/, where `exceljs` resolves). Built once per run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  // A folder of this run's own: two vitest runs at once must not empty each other's worker.
  fs.mkdirSync(path.join(root, 'out'), { recursive: true })
  const outDir = fs.mkdtempSync(path.join(root, 'out', 'test-import-worker-'))
  await build({
    configFile: false,
    logLevel: 'silent',
    root,
    build: {
      ssr: path.join(root, 'src-main/import/worker.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rollupOptions: { output: { format: 'cjs', entryFileNames: 'import-worker.js' } }
    }
  })
  project.provide('importWorker', path.join(outDir, 'import-worker.js'))
  return () => fs.rmSync(outDir, { recursive: true, force: true })
}
