#!/usr/bin/env node
// `npm run dist`: builds the installers (Windows NSIS, Linux deb and AppImage). electron-builder downloads the Electron
// runtime for each target; where that download cannot succeed, stop at once with one sentence instead of a stack trace.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath, pathToFileURL } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/'

/** Where @electron/get keeps the runtimes it downloaded (ELECTRON_CACHE wins). */
export function electronCacheDirs(env = process.env, platform = process.platform) {
  if (env.ELECTRON_CACHE) return [env.ELECTRON_CACHE]
  if (platform === 'win32')
    return [path.join(env.LOCALAPPDATA ?? path.join(os.homedir(), 'AppData', 'Local'), 'electron', 'Cache')]
  if (platform === 'darwin') return [path.join(os.homedir(), 'Library', 'Caches', 'electron')]
  return [path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'electron')]
}

function holdsFile(folder, name, depth = 2) {
  if (!fs.existsSync(folder)) return false
  for (const entry of fs.readdirSync(folder, { withFileTypes: true })) {
    if (entry.isFile() && entry.name === name) return true
    if (entry.isDirectory() && depth > 0 && holdsFile(path.join(folder, entry.name), name, depth - 1)) return true
  }
  return false
}

/**
 * Why the Electron runtime for this build cannot be had, in Chinese and English, or null when it is cached or the
 * download address answers.
 */
export async function electronDownloadProblem({ version, platform, arch, cacheDirs, mirror, timeoutMs = 8000 }) {
  const zip = `electron-v${version}-${platform}-${arch}.zip`
  if (cacheDirs.some((folder) => holdsFile(folder, zip))) return null
  const url = `${mirror.endsWith('/') ? mirror : `${mirror}/`}v${version}/${zip}`
  try {
    const response = await fetch(url, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) })
    if (response.status < 400) return null
  } catch {
    // Unreachable, refused or timed out: all say the same to the person.
  }
  return [
    `npm run dist 需要下载 Electron 运行时（${url}），但此电脑无法取得它：请在能上网的电脑上运行，或设置 ELECTRON_MIRROR（例如 https://npmmirror.com/mirrors/electron/）后重试。`,
    `npm run dist needs the Electron runtime (${url}), which this computer cannot download: run it on a machine with internet access, or set ELECTRON_MIRROR (e.g. https://npmmirror.com/mirrors/electron/) and try again.`
  ].join('\n')
}

function run(command, args) {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

async function main() {
  const version = JSON.parse(fs.readFileSync(path.join(root, 'node_modules/electron/package.json'), 'utf8')).version
  const problem = await electronDownloadProblem({
    version,
    platform: process.platform,
    arch: process.arch,
    cacheDirs: electronCacheDirs(),
    mirror: process.env.ELECTRON_MIRROR ?? DEFAULT_MIRROR
  })
  if (problem) {
    console.error(problem)
    process.exit(1)
  }
  run(process.execPath, [path.join(root, 'scripts/native-abi.mjs'), 'electron'])
  run(process.execPath, [path.join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build'])
  run(process.execPath, [path.join(root, 'node_modules/electron-builder/cli.js'), ...process.argv.slice(2)])
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
