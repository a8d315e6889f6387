import type { Channel, ChannelOutput, ParsedInput, SessionInfo } from '../../src-preload/contract'
import { unauthenticated } from '../errors'
import { maySeePersonalData } from '../policy/roles'
import type { Session, Sessions } from '../sessions'
import type { AuditService } from '../services/audit'
import type { CustomersService } from '../services/customers'
import type { SettingsService } from '../services/settings'
import { actorOf, type UsersService } from '../services/users'
import type { CallContext } from './dispatch'

export interface Services {
  users: UsersService
  settings: SettingsService
  audit: AuditService
  customers: CustomersService
}

type Handlers = { [C in Channel]: (input: ParsedInput<C>, ctx: CallContext) => Promise<ChannelOutput<C>> }

function signedIn(ctx: CallContext): Session {
  if (!ctx.session) throw unauthenticated()
  return ctx.session
}

const actor = (ctx: CallContext) => {
  const session = signedIn(ctx)
  return actorOf({ id: session.userId, username: session.username })
}

/** Binds each contract channel to its service call; the dispatcher has already checked access and input. */
export function bindHandlers(services: Services, sessions: Sessions, version: string): Handlers {
  const sessionInfo = async (session: Session): Promise<SessionInfo> => ({
    userId: session.userId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    locked: session.locked,
    idleLockMinutes: (await services.settings.security()).data.idleLockMinutes,
    canSeePersonalData: maySeePersonalData(session.role)
  })
  const startSession = (key: string, user: { id: number; username: string; displayName: string; role: Session['role'] }) =>
    sessionInfo(sessions.start(key, { userId: user.id, username: user.username, displayName: user.displayName, role: user.role }))

  return {
    'app.status': async (_input, ctx) => ({
      needsSetup: (await services.users.count()) === 0,
      version,
      session: ctx.session ? await sessionInfo(ctx.session) : null
    }),
    'auth.setupAdmin': async (input, ctx) => startSession(ctx.sessionKey, await services.users.setupAdmin(input)),
    'auth.login': async (input, ctx) => startSession(ctx.sessionKey, await services.users.authenticate(input.username, input.password)),
    'auth.logout': async (_input, ctx) => {
      const who = actor(ctx)
      sessions.end(ctx.sessionKey)
      await services.audit.record(who, { entity: 'user', entityId: who.userId ?? 0, action: 'logout' })
      return null
    },
    'auth.lock': async (_input, ctx) => {
      sessions.lock(ctx.sessionKey)
      return null
    },
    'auth.unlock': async (input, ctx) => {
      const session = signedIn(ctx)
      const user = await services.users.authenticate(session.username, input.password)
      sessions.unlock(ctx.sessionKey)
      return sessionInfo({ ...session, role: user.role, locked: false })
    },
    'auth.changePassword': async (input, ctx) => {
      const session = signedIn(ctx)
      await services.users.changePassword(actor(ctx), session.userId, input.currentPassword, input.newPassword)
      return null
    },
    'users.list': async () => services.users.list(),
    'users.create': async (input, ctx) => services.users.create(actor(ctx), input),
    'users.update': async (input, ctx) => {
      const updated = await services.users.update(actor(ctx), input)
      if (!updated.active) sessions.endUser(updated.id)
      return updated
    },
    'users.resetPassword': async (input, ctx) => {
      await services.users.resetPassword(actor(ctx), input.id, input.password)
      return null
    },
    'users.unlock': async (input, ctx) => {
      await services.users.unlock(actor(ctx), input.id)
      return null
    },
    'settings.getSecurity': async () => services.settings.security(),
    'settings.securityHistory': async () => services.settings.securityHistory(),
    'settings.saveSecurity': async (input, ctx) => services.settings.saveSecurity(actor(ctx), input),
    'audit.list': async (input) => services.audit.list(input),
    'audit.verify': async () => services.audit.verify(),
    'customers.list': async (input, ctx) => services.customers.list(input, signedIn(ctx).role),
    'customers.facets': async () => services.customers.facets(),
    'customers.get': async (input, ctx) => services.customers.get(actor(ctx), signedIn(ctx).role, input.id),
    'customers.history': async (input, ctx) => services.customers.history(input.id, signedIn(ctx).role),
    'customers.findByName': async (input) => services.customers.findByName(input.name, input.excludeId),
    'customers.create': async (input, ctx) => services.customers.create(actor(ctx), input),
    'customers.update': async (input, ctx) => services.customers.update(actor(ctx), input)
  }
}
