import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { REPOSITORY, tempDir } from '../support/app'

interface Target {
  target: string
  arch: string[]
}

const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY, 'package.json'), 'utf8')) as {
  main: string
  scripts: Record<string, string>
  dependencies: Record<string, string>
  build: {
    directories: { buildResources: string }
    files: string[]
    asarUnpack: string[]
    win: { target: Target[]; icon: string }
    nsis: Record<string, unknown>
    linux: { target: Target[]; icon: string }
  }
}
const build = manifest.build

function targets(list: Target[]): string[] {
  return list.flatMap(({ target, arch }) => arch.map((one) => `${target}/${one}`)).sort()
}

/** Sizes of the images inside an ICO file, read from its directory (0 in the header means 256). */
function icoSizes(file: string): number[] {
  const bytes = fs.readFileSync(file)
  expect(bytes.readUInt16LE(2), 'ICO type').toBe(1)
  return Array.from({ length: bytes.readUInt16LE(4) }, (_, index) => bytes.readUInt8(6 + 16 * index) || 256)
}

function pngSize(file: string): { width: number; height: number } {
  const bytes = fs.readFileSync(file)
  expect(bytes.subarray(1, 4).toString('latin1')).toBe('PNG')
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) }
}

describe('the installers electron-builder is asked for', () => {
  it('a Windows x64 NSIS installer in Chinese, per-user or per-machine, with a desktop shortcut, keeping the data', () => {
    expect(targets(build.win.target)).toEqual(['nsis/x64'])
    expect(build.nsis).toMatchObject({
      oneClick: false,
      perMachine: false,
      allowElevation: true,
      createDesktopShortcut: 'always',
      deleteAppDataOnUninstall: false
    })
    expect(build.nsis.installerLanguages).toContain('zh_CN')
  })

  it('Linux deb and AppImage packages for x64 and arm64 (UOS and Kylin run on ARM)', () => {
    expect(targets(build.linux.target)).toEqual(['AppImage/arm64', 'AppImage/x64', 'deb/arm64', 'deb/x64'])
  })

  it('packs the built app and unpacks the native database module from the archive', () => {
    expect(build.files).toContain('out/**')
    expect(manifest.main).toBe('out/main/index.js')
    expect(build.asarUnpack).toContain('node_modules/better-sqlite3/**')
    expect(Object.keys(manifest.dependencies)).toContain('better-sqlite3')
    expect(manifest.scripts.dist).toBe('node scripts/dist.mjs')
  })

  it('has the icons it names: a 512 px PNG and an ICO with every size from 16 to 256 px', () => {
    expect(pngSize(path.join(REPOSITORY, build.linux.icon))).toEqual({ width: 512, height: 512 })
    expect(icoSizes(path.join(REPOSITORY, build.win.icon))).toEqual(expect.arrayContaining([16, 32, 48, 256]))
    expect(fs.existsSync(path.join(REPOSITORY, build.directories.buildResources, 'icon.svg'))).toBe(true)
  })
})

describe('npm run dist where the Electron runtime cannot be downloaded', () => {
  const options = { version: '38.0.0', platform: 'win32', arch: 'x64', mirror: 'http://127.0.0.1:9/', timeoutMs: 2000 }

  it('stops with one sentence in each language naming the address and the way out', async () => {
    const { electronDownloadProblem } = await import('../../scripts/dist.mjs')
    const problem = (await electronDownloadProblem({ ...options, cacheDirs: [tempDir()] })) as string
    const lines = problem.split('\n')
    expect(lines).toHaveLength(2)
    expect(lines[0]).toContain('http://127.0.0.1:9/v38.0.0/electron-v38.0.0-win32-x64.zip')
    expect(lines[0]).toContain('ELECTRON_MIRROR')
    expect(lines[1]).toMatch(/^npm run dist needs the Electron runtime/)
  })

  it('goes ahead when the runtime is already in the download cache', async () => {
    const { electronDownloadProblem } = await import('../../scripts/dist.mjs')
    const cache = tempDir()
    fs.mkdirSync(path.join(cache, 'f3a1'))
    fs.writeFileSync(path.join(cache, 'f3a1', 'electron-v38.0.0-win32-x64.zip'), '')
    expect(await electronDownloadProblem({ ...options, cacheDirs: [cache] })).toBeNull()
  })
})
