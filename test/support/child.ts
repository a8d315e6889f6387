import fs from 'node:fs'
import path from 'node:path'
import { build } from 'esbuild'

const ROOT = path.resolve(__dirname, '../..')

/**
 * Bundles a script of the app (or of the tests) into one CommonJS file that a child process runs, as a person's
 * process would run the app: native and large packages are left to node_modules.
 */
export async function bundleScript(entry: string): Promise<string> {
  const outfile = path.join(childFolder(), `${path.basename(entry, '.ts')}.cjs`)
  await build({
    entryPoints: [path.resolve(ROOT, entry)],
    bundle: true,
    platform: 'node',
    format: 'cjs',
    outfile,
    external: ['better-sqlite3', 'typeorm', 'reflect-metadata', 'zod', 'exceljs'],
    logLevel: 'silent'
  })
  return outfile
}

/**
 * A fresh folder inside the repository's out/: the app loads some packages with import() when first needed, and
 * import() finds packages only in node_modules folders above the importing file (it ignores NODE_PATH).
 */
export function childFolder(): string {
  fs.mkdirSync(path.join(ROOT, 'out'), { recursive: true })
  return fs.mkdtempSync(path.join(ROOT, 'out', 'test-child-'))
}

/** Where a bundled script runs from, and how it finds the packages the bundle left out. */
export const CHILD_OPTIONS = { cwd: ROOT, env: { ...process.env, NODE_PATH: path.join(ROOT, 'node_modules') } }
