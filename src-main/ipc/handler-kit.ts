import type { Channel, ChannelOutput, ParsedInput } from '@preload/contract'
import { unauthenticated } from '../errors'
import type { Session } from '../sessions'
import { actorOf } from '../services/users'
import type { CallContext } from './dispatch'

/** Handlers for some channels of the contract; the dispatcher has already checked access and input. */
export type HandlerMap<C extends Channel> = {
  [K in C]: (input: ParsedInput<K>, ctx: CallContext) => Promise<ChannelOutput<K>>
}

export function signedIn(ctx: CallContext): Session {
  if (!ctx.session) throw unauthenticated()
  return ctx.session
}

export const actor = (ctx: CallContext) => {
  const session = signedIn(ctx)
  return actorOf({ id: session.userId, username: session.username })
}
