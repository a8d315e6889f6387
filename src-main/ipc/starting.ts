import type { Envelope, OpeningProgress, StartupProgress } from '@preload/contract'
import type { Dispatcher } from './dispatch'

/**
 * What answers while the back end starts, before its dispatcher exists: `app.status` says how far the start has come
 * (the screen shows it, and asks again), and every other call is refused with a message saying to wait. Once the
 * back end is there, `handOver` makes every call go to its dispatcher.
 */
export function startingDispatcher(version: string, now: () => Date = () => new Date()) {
  const startedAt = now().toISOString()
  let progress: OpeningProgress = { stage: 'opening', done: 0, total: 0 }
  let ready: Dispatcher | null = null
  const dispatch: Dispatcher = async (channel, input, sessionKey) => {
    if (ready) return ready(channel, input, sessionKey)
    if (channel !== 'app.status') return { ok: false, error: { code: 'CONFLICT', message: 'errors.starting' } }
    const startup: StartupProgress = { ...progress, startedAt }
    return { ok: true, data: { needsSetup: false, version, session: null, startup } } satisfies Envelope<unknown>
  }
  return {
    dispatch,
    report: (next: OpeningProgress) => {
      progress = next
    },
    handOver: (dispatcher: Dispatcher) => {
      ready = dispatcher
    }
  }
}
