import type { AppError, ArchiveApi, Channel, ChannelInput, ChannelOutput, Envelope } from '@preload/contract'

declare global {
  interface Window {
    archive?: ArchiveApi
  }
}

/** Where a browser tab keeps the token it got for the entry address; test/e2e/steps.ts reads it too. */
export const TAB_TOKEN_KEY = 'archive-room.tab'

const unauthenticated = (message: string) =>
  ({ ok: false, error: { code: 'UNAUTHENTICATED', message } }) as Envelope<never>

/**
 * The tab's token: kept in session storage, which survives a reload but is not shared with other tabs nor with
 * pages on other ports. Opened with the entry address, the page first trades it for a token (keeping the one it
 * has) and takes the secret out of the address bar.
 */
let tabToken: Promise<string | Envelope<never>> | null = null
function browserToken(): Promise<string | Envelope<never>> {
  tabToken ??= (async () => {
    const held = sessionStorage.getItem(TAB_TOKEN_KEY)
    const entry = location.pathname === '/auth' ? new URLSearchParams(location.search).get('entry') : null
    if (entry === null) return held ?? unauthenticated('errors.noToken')
    const response = await fetch('/auth', {
      method: 'POST',
      headers: {
        'Content-Type': 'application/json',
        'X-Archive-Entry': entry,
        ...(held ? { 'X-Archive-Token': held } : {})
      },
      body: '{}'
    })
    history.replaceState(null, '', `/${location.hash}`)
    if (!response.ok) return unauthenticated('errors.staleEntry')
    const { token } = (await response.json()) as { token: string }
    sessionStorage.setItem(TAB_TOKEN_KEY, token)
    return token
  })()
  // Unreachable for now: the next call tries again.
  tabToken.catch(() => (tabToken = null))
  return tabToken
}

/** Browser mode: the same API as the preload's, over fetch to the loopback server, the tab's token in a header. */
const browserApi: ArchiveApi = {
  async invoke(channel, input) {
    const token = await browserToken()
    if (typeof token !== 'string') return token
    const response = await fetch(`/rpc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      credentials: 'omit',
      headers: { 'Content-Type': 'application/json', 'X-Archive-Token': token },
      body: JSON.stringify({ input })
    })
    if (response.status === 401) return unauthenticated('errors.noToken')
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

const unlockListeners = new Set<() => void>()
let unlocks = 0

/** How many times the session has been unlocked: taken as a read is asked, it tells a refusal from before an unlock. */
export const unlocksSoFar = () => unlocks

/**
 * Runs `listener` once, the next time the session is unlocked: a read refused because the session was locked asks
 * again then, instead of leaving its page showing nothing as if there were nothing to show. A read asked before an
 * unlock that has since happened (`askedAt`, from `unlocksSoFar`) asks again at once.
 */
export function onceUnlocked(listener: () => void, askedAt = unlocks): () => void {
  const once = () => {
    unlockListeners.delete(once)
    listener()
  }
  unlockListeners.add(once)
  if (unlocks > askedAt) queueMicrotask(() => unlockListeners.has(once) && once())
  return () => unlockListeners.delete(once)
}

/** Whether main refused because the session is locked: the lock screen says so, and the read asks again after it. */
export const isSessionLocked = (error: AppError) =>
  error.code === 'UNAUTHENTICATED' && error.message === 'errors.sessionLocked'

/**
 * Answers asked for before the page that wants them has drawn (the workbench, while React builds it after sign-in),
 * each handed to the first call that asks the same, once, and only while fresh: a later visit asks main anew.
 */
const askedAhead = new Map<string, { answer: Promise<unknown>; at: number }>()
const AHEAD_FRESH_MS = 5_000
const aheadKey = (channel: Channel, input: unknown) => `${channel} ${JSON.stringify(input)}`

/** One call to main: a channel with its input. */
export type ChannelCall = { [C in Channel]: [C, ChannelInput<C>] }[Channel]

export function askAhead(...[channel, input]: ChannelCall): void {
  const answer = call<Channel>(channel, input)
  // Whoever takes the answer handles its failure; one nobody takes is dropped.
  answer.catch(() => undefined)
  askedAhead.set(aheadKey(channel, input), { answer, at: Date.now() })
}

function takeAhead<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> | null {
  const key = aheadKey(channel, input)
  const ahead = askedAhead.get(key)
  if (!ahead) return null
  askedAhead.delete(key)
  return Date.now() - ahead.at <= AHEAD_FRESH_MS ? (ahead.answer as Promise<ChannelOutput<C>>) : null
}

/** Whoever signs in or out next is someone else, perhaps: nothing asked for the last person is handed to them. */
const CHANGES_PERSON: readonly Channel[] = ['auth.login', 'auth.logout', 'auth.setupAdmin']

export async function call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> {
  if (CHANGES_PERSON.includes(channel)) askedAhead.clear()
  const ahead = takeAhead(channel, input)
  if (ahead) return ahead
  let result: Envelope<ChannelOutput<C>>
  try {
    result = await archiveApi().invoke(channel, input)
  } catch {
    throw new ApiError({ code: 'INTERNAL', message: 'errors.unreachable' })
  }
  if (result.ok) {
    if (channel === 'auth.unlock') {
      unlocks += 1
      for (const listener of [...unlockListeners]) if (unlockListeners.has(listener)) listener()
    }
    return result.data
  }
  if (result.error.code === 'UNAUTHENTICATED' && channel !== 'auth.login' && channel !== 'auth.unlock') {
    for (const listener of lockListeners) listener(result.error)
  }
  throw new ApiError(result.error)
}
