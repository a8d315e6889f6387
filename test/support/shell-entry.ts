import { shell } from './electron-stand-in'

export { BrowserWindow, FakeWebContents, fakeEvent, type FakeEvent } from './electron-stand-in'

/** Runs the desktop shell's main module against the stand-in, configured first as a test case needs. */
export function startShell(configure: (standIn: typeof shell) => void): typeof shell {
  configure(shell)

  require('../../src-main/index')
  return shell
}
