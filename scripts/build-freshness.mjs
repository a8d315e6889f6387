// Whether `out/` was built from the sources as they are now, so `npm start` can skip a 1–2 minute rebuild.
import fs from 'node:fs'
import path from 'node:path'

/** What the build reads: a change to any of these makes the last build stale. */
export const BUILD_INPUTS = [
  'src-main',
  'src-preload',
  'src-renderer',
  'resources',
  'electron.vite.config.ts',
  'package.json',
  'package-lock.json'
]
export const BUILD_STAMP = 'out/.build-stamp'

function newestChange(entry) {
  let stat
  try {
    stat = fs.statSync(entry)
  } catch {
    return 0
  }
  if (!stat.isDirectory()) return stat.mtimeMs
  // A removed or renamed file shows only in its folder's own time.
  let newest = stat.mtimeMs
  for (const name of fs.readdirSync(entry)) newest = Math.max(newest, newestChange(path.join(entry, name)))
  return newest
}

/** True when the stamp written after the last successful build is newer than every build input. */
export function buildIsCurrent(root) {
  let stamp
  try {
    stamp = fs.statSync(path.join(root, BUILD_STAMP)).mtimeMs
  } catch {
    return false
  }
  return BUILD_INPUTS.every((input) => newestChange(path.join(root, input)) < stamp)
}

export function markBuilt(root) {
  fs.writeFileSync(path.join(root, BUILD_STAMP), `${new Date().toISOString()}\n`)
}
