#!/usr/bin/env node
// `npm start [-- --data-dir <dir>] [-- --port <n>] [-- --rebuild]`: the Electron window where Electron is installed,
// otherwise browser mode on 127.0.0.1 (the address to open is printed; nothing is opened remotely).
import { spawn, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import { createRequire } from 'node:module'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { buildIsCurrent, markBuilt } from './build-freshness.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const require = createRequire(import.meta.url)
const REBUILD_FLAG = '--rebuild'
const rebuildAsked = process.argv.includes(REBUILD_FLAG)
const args = process.argv.slice(2).filter((arg) => arg !== REBUILD_FLAG)
const run = (command, commandArgs) => {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) process.exit(result.status ?? 1)
}

/** Builds only when a source changed since the last build (or `npm start -- --rebuild`). */
function buildWhenStale() {
  if (!rebuildAsked && buildIsCurrent(root)) {
    console.log('The build is up to date (npm start -- --rebuild builds again).')
    return
  }
  run(process.execPath, ['node_modules/electron-vite/bin/electron-vite.js', 'build'])
  markBuilt(root)
}

function electronBinary() {
  try {
    const binary = require('electron')
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : null
  } catch {
    return null
  }
}

let electron = electronBinary()
if (!electron && fs.existsSync(path.join(root, 'node_modules/electron/install.js'))) {
  console.log('Electron is not installed; trying its download once…')
  spawnSync(process.execPath, ['node_modules/electron/install.js'], { cwd: root, stdio: 'ignore', timeout: 120_000 })
  electron = electronBinary()
}

if (electron) {
  run(process.execPath, ['scripts/native-abi.mjs', 'electron'])
  buildWhenStale()
  console.log('Starting the Electron app…')
  const child = spawn(electron, ['.', ...args], { cwd: root, stdio: 'inherit' })
  child.on('exit', (code) => process.exit(code ?? 0))
} else {
  console.log('Electron is not available here: starting browser mode.')
  run(process.execPath, ['scripts/native-abi.mjs', 'node'])
  buildWhenStale()
  const child = spawn(process.execPath, ['out/main/web.js', ...args], { cwd: root, stdio: 'inherit' })
  const stop = () => child.kill('SIGTERM')
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
  child.on('exit', (code) => process.exit(code ?? 0))
}
