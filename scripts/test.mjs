#!/usr/bin/env node
// `npm test`: type checks → format → lint → vitest → electron-vite build → Playwright in Chromium, stopping at the first failure.
// The last line always sums every suite as `tests: N passed, M failed`.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? `${name}.cmd` : name)
const totals = { passed: 0, failed: 0 }
const VITEST_JSON = path.join(root, '.vitest-results.json')
const PLAYWRIGHT_JSON = path.join(root, '.playwright-results.json')
// Every data folder, backup and PDF a test makes goes under one folder that is removed at the end, passed or failed:
// a run leaves a few GB of them, and repeated runs filled this machine's disk until tests failed for want of space.
const RUN_TMPDIR = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-room-test-run-'))

function finish(code) {
  fs.rmSync(RUN_TMPDIR, { recursive: true, force: true })
  console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`)
  process.exit(code)
}

function step(title, command, args, env = {}) {
  console.log(`\n▶ ${title}`)
  const result = spawnSync(command, args, {
    cwd: root,
    stdio: 'inherit',
    env: { ...process.env, TMPDIR: RUN_TMPDIR, ...env }
  })
  return result.status === 0
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

if (!step('native module for Node', process.execPath, ['scripts/native-abi.mjs', 'node'])) {
  totals.failed += 1
  finish(1)
}

for (const project of ['src-main', 'src-preload', 'src-renderer', 'test']) {
  if (!step(`type check ${project}`, bin('tsc'), ['-p', project, '--noEmit'])) {
    totals.failed += 1
    finish(1)
  }
}

if (!step('format (prettier --check)', bin('prettier'), ['--check', '.'])) {
  totals.failed += 1
  finish(1)
}

if (!step('lint (eslint, type-aware)', bin('eslint'), ['.'])) {
  totals.failed += 1
  finish(1)
}

fs.rmSync(VITEST_JSON, { force: true })
const vitestOk = step('vitest (unit + integration)', bin('vitest'), [
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile=${VITEST_JSON}`
])
const vitest = readJson(VITEST_JSON)
totals.passed += vitest?.numPassedTests ?? 0
totals.failed += vitest?.numFailedTests ?? 0
if (!vitestOk) {
  if (!vitest || vitest.numFailedTests === 0) totals.failed += 1
  finish(1)
}

if (!step('electron-vite build', bin('electron-vite'), ['build'])) {
  totals.failed += 1
  finish(1)
}

fs.rmSync(PLAYWRIGHT_JSON, { force: true })
const e2eOk = step(
  'Playwright end-to-end (Chromium, browser mode)',
  bin('playwright'),
  ['test', '--reporter=list,json'],
  {
    PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON
  }
)
const e2e = readJson(PLAYWRIGHT_JSON)
if ((e2e?.stats?.flaky ?? 0) > 0)
  console.log(`\n⚠ ${e2e.stats.flaky} end-to-end test(s) passed only on retry: see the list above.`)
totals.passed += (e2e?.stats?.expected ?? 0) + (e2e?.stats?.flaky ?? 0)
totals.failed += e2e?.stats?.unexpected ?? 0
if (!e2eOk && (!e2e || (e2e.stats?.unexpected ?? 0) === 0)) totals.failed += 1
finish(e2eOk ? 0 : 1)
