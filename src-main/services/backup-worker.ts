/*
 * The backup worker: encrypts the database file onto the stick off the main thread (issue 19, see encryptInWorker).
 * Built as out/main/backup-worker.js; it answers once and ends, so that the exit is what the main thread waits for.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { ShortSource, encryptDatabaseFile, type WorkerReply, type WorkerRequest } from './backup-chunks'

const { from, to, length, key, flags } = workerData as WorkerRequest
const answer = (reply: WorkerReply) => parentPort!.postMessage(reply)

encryptDatabaseFile(from, to, length, Buffer.from(key), flags).then(
  () => answer({ kind: 'done' }),
  (error: unknown) => {
    const { message, code } = error as NodeJS.ErrnoException
    answer({ kind: 'failed', short: error instanceof ShortSource, code, message: String(message) })
  }
)
