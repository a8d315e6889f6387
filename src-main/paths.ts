import os from 'node:os'
import path from 'node:path'

export const APP_FOLDER = 'ArchiveRoom'

/** The per-user application data folder, the same one the Electron shell uses. */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return path.join(env.APPDATA ?? path.join(os.homedir(), 'AppData', 'Roaming'), APP_FOLDER)
  if (platform === 'darwin') return path.join(os.homedir(), 'Library', 'Application Support', APP_FOLDER)
  return path.join(env.XDG_CONFIG_HOME ?? path.join(os.homedir(), '.config'), APP_FOLDER)
}

/** `--data-dir <dir>` wins over ARCHIVE_DATA_DIR, which wins over the per-user folder. */
export function resolveDataDir(
  argv: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
  fallback: string = defaultDataDir(env)
): string {
  const flag = argv.findIndex((arg) => arg === '--data-dir' || arg.startsWith('--data-dir='))
  if (flag >= 0) {
    const value = argv[flag].includes('=') ? argv[flag].slice('--data-dir='.length) : argv[flag + 1]
    if (value) return path.resolve(value)
  }
  if (env.ARCHIVE_DATA_DIR) return path.resolve(env.ARCHIVE_DATA_DIR)
  return fallback
}

export function readPort(argv: readonly string[]): number | undefined {
  const flag = argv.indexOf('--port')
  if (flag < 0) return undefined
  const port = Number(argv[flag + 1])
  return Number.isInteger(port) && port >= 0 && port < 65536 ? port : undefined
}
