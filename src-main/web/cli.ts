// First: Zod is told never to generate code before anything builds a schema (see security.ts).
import '../security'
import path from 'node:path'
import { createApp } from '../app'
import { clockFromEnv } from '../clock'
import { startBackupSchedule } from '../backup-schedule'
import { dataDirProblem, portProblem, readPort, resolveDataDir } from '../paths'
import { startWebServer, type WebServer } from './server'

/** Browser mode entry: `node out/main/web.js [--data-dir <dir>] [--port <n>]`. */
async function main(): Promise<void> {
  const argv = process.argv.slice(2)
  const dataDir = resolveDataDir(argv)
  const problem = dataDirProblem(dataDir)
  if (problem !== null) {
    console.error(problem)
    process.exitCode = 1
    return
  }
  const built = path.join(__dirname, '..')
  const app = await createApp({
    dataDir,
    appFolders: [built],
    clock: clockFromEnv(),
    importWorker: path.join(__dirname, 'import-worker.js'),
    backupWorker: path.join(__dirname, 'backup-worker.js')
  })
  const port = readPort(argv)
  let server: WebServer
  try {
    server = await startWebServer({ dispatch: app.dispatch, rendererDir: path.join(built, 'renderer'), port })
  } catch (error) {
    const problem = portProblem(error, port ?? 0)
    if (problem === null) throw error
    console.error(problem)
    await app.close()
    process.exitCode = 1
    return
  }
  const stopSchedule = startBackupSchedule(app, (error) => app.log.error('scheduled backup failed', error))
  console.log(`Archive Room (browser mode) — data: ${dataDir}`)
  if (app.preMigrationBackup) console.log(`Database upgraded; the previous copy is kept at ${app.preMigrationBackup}`)
  console.log(`Open this address in Chromium, Chrome, Edge or Firefox on this PC:`)
  console.log(`ARCHIVE_URL=${server.entryUrl}`)
  const stop = async () => {
    stopSchedule()
    await server.close()
    await app.close()
    process.exit(0)
  }
  process.on('SIGINT', () => void stop())
  process.on('SIGTERM', () => void stop())
}

main().catch((error) => {
  console.error(error)
  process.exit(1)
})
