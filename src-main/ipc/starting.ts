import type { Envelope, OpeningProgress, StartupFailure, StartupProgress } from '@preload/contract'
import type { Dispatcher } from './dispatch'

/**
 * What answers while the back end starts, before its dispatcher exists: `app.status` says how far the start has come
 * (the screen shows it, and asks again), or why it failed; every other call is refused with a message saying to wait,
 * or that the start failed. Once the back end is there, `handOver` makes every call go to its dispatcher.
 */
export function startingDispatcher(version: string, now: () => Date = () => new Date()) {
  const startedAt = now().toISOString()
  let progress: OpeningProgress | StartupFailure = { stage: 'opening', done: 0, total: 0 }
  let ready: Dispatcher | null = null
  const dispatch: Dispatcher = async (channel, input, sessionKey) => {
    if (ready) return ready(channel, input, sessionKey)
    if (channel !== 'app.status') {
      const message = progress.stage === 'failed' ? 'errors.startFailed' : 'errors.starting'
      return { ok: false, error: { code: 'CONFLICT', message } }
    }
    const startup: StartupProgress = { ...progress, startedAt }
    return { ok: true, data: { needsSetup: false, version, session: null, startup } } satisfies Envelope<unknown>
  }
  return {
    dispatch,
    report: (next: OpeningProgress) => {
      if (progress.stage !== 'failed') progress = next
    },
    /** The back end could not start: the screen says why, where the copy and the log are, and stays. */
    fail: (failure: StartupFailure) => {
      progress = failure
    },
    handOver: (dispatcher: Dispatcher) => {
      ready = dispatcher
    }
  }
}
