import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { tempDir } from '../support/app'
import { bundleScript, CHILD_OPTIONS } from '../support/child'

const ROOT = path.resolve(__dirname, '../..')

/**
 * How often Zod reaches for `new Function` while the contract is built and a call's input parsed, in a fresh
 * process where `configure` (a module, or nothing) is loaded first, as each entry point loads it.
 */
async function codeGenerations(configure: string | null): Promise<number> {
  const entry = path.join(tempDir('jitless-'), 'entry.ts')
  const load = (file: string) => `require(${JSON.stringify(path.join(ROOT, file))})`
  fs.writeFileSync(
    entry,
    [
      'let generated = 0',
      'const RealFunction = Function',
      'globalThis.Function = new Proxy(RealFunction, {',
      '  construct: (target, args) => { generated += 1; return Reflect.construct(target, args) },',
      '  apply: (target, self, args) => { generated += 1; return Reflect.apply(target, self, args) }',
      '})',
      configure ? load(configure) : '',
      `const { customerInput } = ${load('src-preload/contract.ts')}`,
      "for (let i = 0; i < 3; i += 1) customerInput.safeParse({ name: 'x', contacts: [] })",
      'console.log(`GENERATED ${generated}`)'
    ].join('\n')
  )
  const bundle = await bundleScript(entry)
  const run = spawnSync(process.execPath, [bundle], { ...CHILD_OPTIONS, encoding: 'utf8' })
  const match = /GENERATED (\d+)/.exec(run.stdout)
  if (!match) throw new Error(`child failed: ${run.stderr}`)
  return Number(match[1])
}

const firstImport = (file: string) => /^import\s+(?:[^'"]*from\s+)?'([^']+)'/m.exec(fs.readFileSync(file, 'utf8'))?.[1]

describe('15.7 the CSP allows no eval, and Zod never tries one', () => {
  it('without being configured Zod does call new Function (what the checks below would catch)', async () => {
    expect(await codeGenerations(null)).toBeGreaterThan(0)
  })

  it('configured by main, building and parsing the contract generates no code', async () => {
    expect(await codeGenerations('src-main/security.ts')).toBe(0)
  })

  it("the renderer builds no schema at all: no file of it imports zod, nor a value of the contract's modules", () => {
    const renderer = path.join(ROOT, 'src-renderer/src')
    const sources = fs
      .readdirSync(renderer, { recursive: true, encoding: 'utf8' })
      .filter((file) => /\.tsx?$/.test(file))
      .map((file) => [file, fs.readFileSync(path.join(renderer, file), 'utf8')] as const)
    expect(sources.length).toBeGreaterThan(50)
    expect(sources.filter(([, text]) => /from 'zod'/.test(text)).map(([file]) => file)).toEqual([])
    const contractImport = /^import (type )?\{([^}]*)\} from '(?:@preload|[./]*src-preload)\/contract[^']*'/gm
    const valueImports = sources.flatMap(([file, text]) =>
      [...text.matchAll(contractImport)]
        .filter(([, typeOnly, names]) => !typeOnly && names.split(',').some((name) => /^\s*(?!type )\w/.test(name)))
        .map(() => file)
    )
    expect(valueImports).toEqual([])
  })

  it('each entry point of main loads its configuration before anything that builds a schema', () => {
    expect(firstImport(path.join(ROOT, 'src-main/index.ts'))).toBe('./security')
    expect(firstImport(path.join(ROOT, 'src-main/web/cli.ts'))).toBe('../security')
  })
})
