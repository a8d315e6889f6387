import { parentPort, workerData } from 'node:worker_threads'
import { migrate, type MigrationMessage } from './data-source'
import { MIGRATIONS } from './migrations'

/** Runs the database's pending migrations off the main thread (see `openStore`), saying as each begins. */
const tell = (message: MigrationMessage) => parentPort!.postMessage(message)

migrate((workerData as { file: string }).file, MIGRATIONS, (step) => tell({ step })).then(
  () => tell({ done: true }),
  (error: unknown) => tell({ error: error instanceof Error ? error.message : String(error) })
)
