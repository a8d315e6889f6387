import fs from 'node:fs'
import path from 'node:path'
import ts from 'typescript'
import { describe, expect, it } from 'vitest'

const ROOT = path.resolve(__dirname, '../..')
const SOURCE_FOLDERS = ['src-main', 'src-preload', 'src-renderer']

interface Layer {
  name: string
  patterns: string[]
  mayImport: Set<string>
  neverUses: string[]
}

/** The layer table of docs/architecture.md is the rule: the document cannot drift from what this test enforces. */
export function readLayers(document: string): Layer[] {
  const section = document.slice(document.indexOf('## Layers'))
  const rows = section
    .split('\n')
    .filter((line) => line.startsWith('| ') && !line.startsWith('| layer') && !line.startsWith('|---'))
  const cells = (row: string) =>
    row
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim())
  const list = (cell: string) =>
    cell
      .split(',')
      .map((part) => part.trim().replace(/`/g, ''))
      .filter(Boolean)
  return rows.map((row) => {
    const [name, files, mayImport, neverUses] = cells(row)
    return { name, patterns: list(files), mayImport: new Set(list(mayImport)), neverUses: list(neverUses) }
  })
}

const matches = (file: string, pattern: string) =>
  pattern.endsWith('/**') ? file.startsWith(pattern.slice(0, -2)) : file === pattern

function sourceFiles(): string[] {
  const files: string[] = []
  const walk = (folder: string) => {
    for (const entry of fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
      const relative = path.posix.join(folder, entry.name)
      if (entry.isDirectory()) walk(relative)
      else if (/\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(relative)
    }
  }
  SOURCE_FOLDERS.forEach(walk)
  return files
}

interface Import {
  from: string
  /** A source file of the project, or the name of a package. */
  target: string
  local: boolean
}

/** The path aliases of tsconfig.base.json: an aliased import is as local as a relative one. */
const ALIASES: [string, string][] = Object.entries(
  (JSON.parse(fs.readFileSync(path.join(ROOT, 'tsconfig.base.json'), 'utf8')) as TsConfig).compilerOptions.paths
).map(([pattern, [target]]) => [pattern.replace(/\*$/, ''), path.posix.normalize(target.replace(/\*$/, ''))])
interface TsConfig {
  compilerOptions: { paths: Record<string, string[]> }
}

function importsOf(file: string, source = fs.readFileSync(path.join(ROOT, file), 'utf8')): Import[] {
  return ts.preProcessFile(source, true, true).importedFiles.flatMap(({ fileName }): Import[] => {
    const aliased = ALIASES.find(([prefix]) => fileName.startsWith(prefix))
    if (!fileName.startsWith('.') && !aliased) return [{ from: file, target: fileName, local: false }]
    const base = aliased
      ? path.posix.join(aliased[1], fileName.slice(aliased[0].length))
      : path.posix.normalize(path.posix.join(path.posix.dirname(file), fileName))
    const target = [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`, base].find(
      (candidate) => fs.existsSync(path.join(ROOT, candidate)) && fs.statSync(path.join(ROOT, candidate)).isFile()
    )
    return target && /\.tsx?$/.test(target) ? [{ from: file, target, local: true }] : []
  })
}

function violations(layers: Layer[], files: string[], read: (file: string) => Import[]): string[] {
  const layerOf = (file: string) => layers.find((layer) => layer.patterns.some((pattern) => matches(file, pattern)))
  const found: string[] = []
  for (const file of files) {
    const layer = layerOf(file)
    if (!layer) {
      found.push(`${file} belongs to no layer`)
      continue
    }
    for (const edge of read(file)) {
      if (edge.local) {
        const target = layerOf(edge.target)
        if (target && !layer.mayImport.has(target.name))
          found.push(`${file} (${layer.name}) imports ${edge.target} (${target.name})`)
      } else if (
        layer.neverUses.some(
          (banned) => edge.target === banned || (banned.endsWith(':') && edge.target.startsWith(banned))
        )
      ) {
        found.push(`${file} (${layer.name}) uses ${edge.target}`)
      }
    }
  }
  return found
}

/** Strongly connected groups of more than one file (Tarjan): every such group is an import cycle. */
function cycles(files: string[], read: (file: string) => Import[]): string[][] {
  const edges = new Map(
    files.map((file) => [
      file,
      read(file)
        .filter((edge) => edge.local)
        .map((edge) => edge.target)
    ])
  )
  const index = new Map<string, number>()
  const low = new Map<string, number>()
  const stack: string[] = []
  const onStack = new Set<string>()
  const groups: string[][] = []
  let counter = 0
  const visit = (file: string) => {
    index.set(file, counter)
    low.set(file, counter)
    counter += 1
    stack.push(file)
    onStack.add(file)
    for (const next of edges.get(file) ?? []) {
      if (!index.has(next)) {
        visit(next)
        low.set(file, Math.min(low.get(file)!, low.get(next)!))
      } else if (onStack.has(next)) low.set(file, Math.min(low.get(file)!, index.get(next)!))
    }
    if (low.get(file) === index.get(file)) {
      const group: string[] = []
      let member: string
      do {
        member = stack.pop()!
        onStack.delete(member)
        group.push(member)
      } while (member !== file)
      if (group.length > 1) groups.push(group.sort())
    }
  }
  for (const file of files) if (!index.has(file)) visit(file)
  return groups
}

const layers = readLayers(fs.readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8'))
const files = sourceFiles()
const cache = new Map<string, Import[]>()
const read = (file: string) => cache.get(file) ?? cache.set(file, importsOf(file)).get(file)!

describe('layers (docs/architecture.md)', () => {
  it('the document names every layer that a row of it may import', () => {
    const names = new Set(layers.map((layer) => layer.name))
    expect(layers.length).toBeGreaterThan(5)
    for (const layer of layers)
      for (const allowed of layer.mayImport) expect(names, `${layer.name} may import ${allowed}`).toContain(allowed)
  })

  it('every source file belongs to a layer and imports only what its layer may', () => {
    expect(violations(layers, files, read)).toEqual([])
  })

  it('no two files import each other, directly or around a circle', () => {
    expect(cycles(files, read)).toEqual([])
  })

  it('services hold no SQL: they load and write through the query modules of src-main/db', () => {
    // The import's bulk inserts and the backup's checks of a copy on the stick still run their own statements.
    const allowed = new Set(['src-main/services/imports.ts', 'src-main/services/backup.ts'])
    const withSql = files.filter(
      (file) =>
        (file.startsWith('src-main/services/') || file === 'src-main/store.ts') &&
        !allowed.has(file) &&
        /\b(SELECT .+ FROM|INSERT INTO|UPDATE \w+ SET|DELETE FROM)\b/.test(
          fs.readFileSync(path.join(ROOT, file), 'utf8')
        )
    )
    expect(withSql).toEqual([])
  })

  it('a planted forbidden import is caught: policy reaching into the services or the disk, the renderer into main', () => {
    const before = new Set(violations(layers, files, read))
    const withPlanted = (file: string, line: string) => {
      const planted = (candidate: string) =>
        candidate === file
          ? importsOf(file, `${line}\n${fs.readFileSync(path.join(ROOT, file), 'utf8')}`)
          : read(candidate)
      return violations(layers, files, planted).filter((violation) => !before.has(violation))
    }
    expect(withPlanted('src-main/policy/use.ts', "import { Store } from '../store'")).toEqual([
      'src-main/policy/use.ts (policy) imports src-main/store.ts (services)'
    ])
    expect(withPlanted('src-main/policy/use.ts', "import fs from 'node:fs'")).toEqual([
      'src-main/policy/use.ts (policy) uses node:fs'
    ])
    expect(withPlanted('src-renderer/src/App.tsx', "import { Store } from '@main/store'")).toEqual([
      'src-renderer/src/App.tsx (renderer) imports src-main/store.ts (services)'
    ])
    expect(withPlanted('src-main/services/imports.ts', "import { fieldErrors } from '../ipc/dispatch'")).toEqual([
      'src-main/services/imports.ts (services) imports src-main/ipc/dispatch.ts (ipc)'
    ])
  })
})
