import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'

export const APP_FOLDER = 'ArchiveRoom'

/** The per-user application data folder, the same one the Electron shell uses. */
export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform
): string {
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

/**
 * Why the data folder cannot be used, in Chinese and in English for whoever started the app, or null when it can.
 * Asked before the database opens, whose own failure would be a stack trace around an error code.
 */
export function dataDirProblem(dir: string): string | null {
  try {
    fs.mkdirSync(dir, { recursive: true })
    fs.readdirSync(dir)
    // Creating something is the one test of writing that also holds on Windows, where access() ignores folder ACLs.
    fs.rmdirSync(fs.mkdtempSync(path.join(dir, '.write-test-')))
    return null
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'unknown'
    if (code === 'EEXIST' || code === 'ENOTDIR') {
      return [
        `数据文件夹 ${dir} 无法创建：该位置已有同名文件。请用 --data-dir 另选一个文件夹。`,
        `The data folder ${dir} cannot be created because a file is in the way; choose another folder with --data-dir.`
      ].join('\n')
    }
    return [
      `数据文件夹 ${dir} 无法读写（${code}）。请检查该文件夹的权限，或用 --data-dir 另选一个文件夹。`,
      `The data folder ${dir} cannot be read or written (${code}); check its permissions, or choose another folder with --data-dir.`
    ].join('\n')
  }
}

export function readPort(argv: readonly string[]): number | undefined {
  const flag = argv.indexOf('--port')
  if (flag < 0) return undefined
  const port = Number(argv[flag + 1])
  return Number.isInteger(port) && port >= 0 && port < 65536 ? port : undefined
}

/** Why browser mode cannot listen on the port it was given, in Chinese and in English, or null for any other failure. */
export function portProblem(error: unknown, port: number): string | null {
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return [
        `端口 ${port} 已被其他程序占用（也可能是另一个正在运行的档案室）。请用 --port 另选一个端口。`,
        `Port ${port} is already in use, perhaps by another Archive Room still running; choose another with --port.`
      ].join('\n')
    case 'EACCES':
      return [
        `当前账户无权使用端口 ${port}。请用 --port 另选一个 1024 以上的端口。`,
        `Port ${port} may not be used by this account; choose one above 1024 with --port.`
      ].join('\n')
    default:
      return null
  }
}
