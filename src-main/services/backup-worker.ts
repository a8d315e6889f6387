/*
 * A backup worker: encrypts its share of the database file's chunks off the main thread (issue 19, see
 * encryptInWorkers). Built as out/main/backup-worker.js; it answers once and ends.
 */
import fs from 'node:fs'
import { parentPort, workerData } from 'node:worker_threads'
import {
  SHARE_FLAGS,
  ShortSource,
  encryptShare,
  markRollbackJournal,
  type WorkerReply,
  type WorkerRequest
} from './backup-chunks'

const { from, to, length, key, share } = workerData as WorkerRequest
const answer = (reply: WorkerReply) => parentPort!.postMessage(reply)

async function encrypt(): Promise<void> {
  const target = await fs.promises.open(to, SHARE_FLAGS)
  try {
    await encryptShare(from, target, length, Buffer.from(key), share, markRollbackJournal)
  } finally {
    await target.close()
  }
}

encrypt().then(
  () => answer({ kind: 'done' }),
  (error: unknown) => {
    const { message, code } = error as NodeJS.ErrnoException
    answer({ kind: 'failed', short: error instanceof ShortSource, code, message: String(message) })
  }
)
