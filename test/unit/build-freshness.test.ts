import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { BUILD_INPUTS, BUILD_STAMP, buildIsCurrent, markBuilt } from '../../scripts/build-freshness.mjs'

const roots: string[] = []
afterEach(() => roots.splice(0).forEach((root) => fs.rmSync(root, { recursive: true, force: true })))

/** A project with every build input, all last changed an hour ago. */
function project(): string {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'build-freshness-'))
  roots.push(root)
  const anHourAgo = new Date(Date.now() - 3_600_000)
  for (const input of BUILD_INPUTS) {
    const file = input.includes('.') ? path.join(root, input) : path.join(root, input, 'index.ts')
    fs.mkdirSync(path.dirname(file), { recursive: true })
    fs.writeFileSync(file, '')
    fs.utimesSync(file, anHourAgo, anHourAgo)
    fs.utimesSync(path.dirname(file), anHourAgo, anHourAgo)
  }
  fs.mkdirSync(path.join(root, path.dirname(BUILD_STAMP)))
  return root
}

describe('npm start builds only when the sources changed since the last build (issue 14)', () => {
  it('builds when nothing was built yet', () => {
    expect(buildIsCurrent(project())).toBe(false)
  })

  it('skips the build when the stamp is newer than every source', () => {
    const root = project()
    markBuilt(root)
    expect(buildIsCurrent(root)).toBe(true)
  })

  it('builds again after a source file changes, deep in a folder', () => {
    const root = project()
    markBuilt(root)
    const deep = path.join(root, 'src-renderer', 'src', 'pages')
    fs.mkdirSync(deep, { recursive: true })
    const later = new Date(Date.now() + 5_000)
    fs.writeFileSync(path.join(deep, 'Page.tsx'), 'changed')
    fs.utimesSync(path.join(deep, 'Page.tsx'), later, later)
    expect(buildIsCurrent(root)).toBe(false)
  })

  it('builds again after a dependency changes (package-lock.json)', () => {
    const root = project()
    markBuilt(root)
    const later = new Date(Date.now() + 5_000)
    fs.utimesSync(path.join(root, 'package-lock.json'), later, later)
    expect(buildIsCurrent(root)).toBe(false)
  })

  it('builds again after a file is removed (its folder changes)', () => {
    const root = project()
    markBuilt(root)
    const later = new Date(Date.now() + 5_000)
    fs.rmSync(path.join(root, 'src-main', 'index.ts'))
    fs.utimesSync(path.join(root, 'src-main'), later, later)
    expect(buildIsCurrent(root)).toBe(false)
  })
})
