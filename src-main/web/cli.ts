// First: Zod is told never to generate code before anything builds a schema (see security.ts).
import '../security'
import path from 'node:path'
import { createApp, startupFailure, type App } from '../app'
import { clockFromEnv } from '../clock'
import { startBackupSchedule } from '../backup-schedule'
import { dataDirProblem, portProblem, readPort, resolveDataDir } from '../paths'
import { version } from '../../package.json'
import { startingDispatcher } from '../ipc/starting'
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
  // The page can be opened at once: while the database opens or upgrades, it shows how far that has come.
  const starting = startingDispatcher(version)
  const port = readPort(argv)
  let server: WebServer
  try {
    server = await startWebServer({ dispatch: starting.dispatch, rendererDir: path.join(built, 'renderer'), port })
  } catch (error) {
    const problem = portProblem(error, port ?? 0)
    if (problem === null) throw error
    console.error(problem)
    process.exitCode = 1
    return
  }
  console.log(`Archive Room (browser mode) — data: ${dataDir}`)
  console.log(`Open this address in Chromium, Chrome, Edge or Firefox on this PC:`)
  console.log(`ARCHIVE_URL=${server.entryUrl}`)
  let step = -1
  let app: App
  try {
    app = await createApp({
      dataDir,
      appFolders: [built],
      clock: clockFromEnv(),
      importWorker: path.join(__dirname, 'import-worker.js'),
      backupWorker: path.join(__dirname, 'backup-worker.js'),
      migrationWorker: path.join(__dirname, 'migrate-worker.js'),
      onStartup: (progress) => {
        starting.report(progress)
        if (progress.stage === 'upgrading' && progress.done !== step) {
          step = progress.done
          console.log(`Upgrading the database: step ${step + 1} of ${progress.total}. Do not stop the program.`)
        }
      }
    })
  } catch (error) {
    // The page stays, saying why and that nothing saved was lost: the console is not where people look.
    starting.fail(startupFailure(error, dataDir))
    // Listening before saying so: a Ctrl+C that follows the words at once is then a stop, not a kill.
    const stopFailed = () => void server.close().finally(() => process.exit(1))
    process.on('SIGINT', stopFailed)
    process.on('SIGTERM', stopFailed)
    console.error(error)
    console.error('The archive database could not be opened: the page says why. Stop the program with Ctrl+C.')
    return
  }
  starting.handOver(app.dispatch)
  const stopSchedule = startBackupSchedule(app, (error) => app.log.error('scheduled backup failed', error))
  if (app.preMigrationBackup) console.log(`Database upgraded; the previous copy is kept at ${app.preMigrationBackup}`)
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
