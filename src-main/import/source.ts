/*
 * Where an import's rows come from: the worker thread when its script is known (the built app), or the same reader
 * in-process (tests that do not build the worker). Either way the service sees the same parts and the same failures.
 */
import { Worker } from 'node:worker_threads'
import type { AppError } from '@preload/contract'
import { AppFailure } from '../errors'
import { readFailure, readTable, type ReadRequest, type TablePart } from './read'

export type TableSource = (request: ReadRequest) => AsyncGenerator<TablePart>

type Reply = TablePart | { kind: 'done' } | { kind: 'failed'; error: AppError }

/** Bounds the worker's heap: a file that would need more is refused instead of taking the whole machine. */
const WORKER_HEAP_MB = 768

export async function* inProcessSource(request: ReadRequest): AsyncGenerator<TablePart> {
  try {
    yield* readTable(request)
  } catch (error) {
    throw new AppFailure(...failureArgs(readFailure(error)))
  }
}

const failureArgs = ({ code, message, ...extra }: AppError): ConstructorParameters<typeof AppFailure> => [
  code,
  message,
  extra
]

function ask(worker: Worker): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const settle = (fn: () => void) => {
      worker.off('message', onMessage).off('error', onError).off('exit', onExit)
      fn()
    }
    const onMessage = (reply: Reply) => settle(() => resolve(reply))
    const onError = (error: Error & { code?: string }) =>
      settle(() =>
        reject(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? new AppFailure('VALIDATION', 'errors.importTooMuchMemory', { params: { limit: WORKER_HEAP_MB } })
            : error
        )
      )
    const onExit = (code: number) => settle(() => reject(new Error(`import worker exited with ${code}`)))
    worker.on('message', onMessage).on('error', onError).on('exit', onExit)
    worker.postMessage('next')
  })
}

export function workerSource(script: string): TableSource {
  return async function* (request) {
    const worker = new Worker(script, {
      workerData: request,
      resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB }
    })
    try {
      let next = ask(worker)
      for (;;) {
        const reply = await next
        if (reply.kind === 'done') return
        if (reply.kind === 'failed') throw new AppFailure(...failureArgs(reply.error))
        if (reply.kind === 'end') {
          yield reply
          return
        }
        // The worker reads the next part while this one is checked and written; a reader that stops early ends
        // the worker, and that failure of the question nobody waits for is not an error.
        next = ask(worker)
        next.catch(() => undefined)
        yield reply
      }
    } finally {
      await worker.terminate()
    }
  }
}
