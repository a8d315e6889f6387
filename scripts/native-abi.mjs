#!/usr/bin/env node
// better-sqlite3 is a native module: Node (tests, browser mode) and Electron need different builds.
// Usage: node scripts/native-abi.mjs node|electron — rebuilds only when the installed build is for the other one.
import { execFileSync, spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const marker = path.join(root, 'node_modules/better-sqlite3/build/Release/.runtime')
const target = process.argv[2]
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm'

function loadsInNode() {
  const probe = spawnSync(process.execPath, ['-e', "new (require('better-sqlite3'))(':memory:').close()"], {
    cwd: root,
    encoding: 'utf8'
  })
  return probe.status === 0
}

if (target === 'node') {
  if (!loadsInNode()) {
    console.log('Rebuilding better-sqlite3 for Node…')
    execFileSync(npm, ['rebuild', 'better-sqlite3'], { cwd: root, stdio: 'inherit' })
  }
  fs.writeFileSync(marker, 'node')
} else if (target === 'electron') {
  const current = fs.existsSync(marker) ? fs.readFileSync(marker, 'utf8') : 'node'
  if (current !== 'electron') {
    console.log('Rebuilding better-sqlite3 for Electron…')
    execFileSync(process.platform === 'win32' ? 'npx.cmd' : 'npx', ['electron-rebuild', '-f', '-w', 'better-sqlite3'], {
      cwd: root,
      stdio: 'inherit'
    })
    fs.writeFileSync(marker, 'electron')
  }
} else {
  console.error('usage: native-abi.mjs node|electron')
  process.exit(2)
}
