/*
 * The import worker: reads one file off the main thread, so the event loop that answers everyone else never runs
 * a parser for seconds at a time. Built as out/main/import-worker.js; main asks for one part at a time ('next'),
 * so rows wait in the file, not in a message queue, when main is slower than the parser.
 */
import { parentPort, workerData } from 'node:worker_threads'
import { readFailure, readTable, type ReadRequest } from './read'

const port = parentPort!
const parts = readTable(workerData as ReadRequest)

port.on('message', () => {
  parts.next().then(
    ({ value, done }) => port.postMessage(done ? { kind: 'done' } : value),
    (error: unknown) => port.postMessage({ kind: 'failed', error: readFailure(error) })
  )
})
