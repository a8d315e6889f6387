import type {
  AppError,
  ArchiveApi,
  Channel,
  ChannelInput,
  ChannelOutput,
  Envelope
} from '../../../src-preload/contract'

declare global {
  interface Window {
    archive?: ArchiveApi
  }
}

/** Browser mode: the same API as the preload's, over fetch to the loopback server (token travels as a cookie). */
const browserApi: ArchiveApi = {
  async invoke(channel, input) {
    const response = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ input })
    })
    if (response.status === 401) {
      return { ok: false, error: { code: 'UNAUTHENTICATED', message: 'errors.noToken' } } as Envelope<never>
    }
    // A refusal the server explains (a body over its limit) comes as an envelope too; anything else is its fault.
    if (response.ok || (response.headers.get('Content-Type') ?? '').startsWith('application/json'))
      return response.json()
    return { ok: false, error: { code: 'INTERNAL', message: 'errors.internal' } } as Envelope<never>
  }
}

export function archiveApi(): ArchiveApi {
  return window.archive ?? browserApi
}

export class ApiError extends Error {
  constructor(readonly error: AppError) {
    super(error.message)
  }
}

type Listener = (error: AppError) => void
const lockListeners = new Set<Listener>()

/** The shell listens here to show the unlock screen whenever main reports the session locked or gone. */
export function onSessionProblem(listener: Listener): () => void {
  lockListeners.add(listener)
  return () => lockListeners.delete(listener)
}

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  let result: Envelope<ChannelOutput<C>>
  try {
    result = await archiveApi().invoke(channel, input)
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: 'errors.unreachable' })
  }
  if (result.ok) return result.data
  if (result.error.code === 'UNAUTHENTICATED' && channel !== 'auth.login' && channel !== 'auth.unlock') {
    for (const listener of lockListeners) listener(result.error)
  }
  throw new ApiError(result.error)
}
