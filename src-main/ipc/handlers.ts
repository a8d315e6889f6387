import type { Channel, SessionInfo } from '../../src-preload/contract'
import { unauthenticated } from '../errors'
import { maySeePersonalData } from '../policy/roles'
import type { Session, Sessions } from '../sessions'
import { custodyHandlers } from './handlers-custody'
import { disposalHandlers } from './handlers-disposal'
import { actor, signedIn, type HandlerMap } from './handler-kit'
import { useHandlers } from './handlers-use'
import type { Services } from './services'

export type { Services } from './services'

type Handlers = HandlerMap<Channel>

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
  const startSession = (
    key: string,
    user: { id: number; username: string; displayName: string; role: Session['role'] }
  ) =>
    sessionInfo(
      sessions.start(key, { userId: user.id, username: user.username, displayName: user.displayName, role: user.role })
    )

  return {
    'app.status': async (_input, ctx) => ({
      needsSetup: (await services.users.count()) === 0,
      version,
      session: ctx.session ? await sessionInfo(ctx.session) : null
    }),
    'auth.setupAdmin': async (input, ctx) => startSession(ctx.sessionKey, await services.users.setupAdmin(input)),
    'auth.login': async (input, ctx) =>
      startSession(ctx.sessionKey, await services.users.authenticate(input.username, input.password)),
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
      if (user.role !== session.role) {
        sessions.end(ctx.sessionKey)
        throw unauthenticated()
      }
      sessions.unlock(ctx.sessionKey)
      return sessionInfo({ ...session, locked: false })
    },
    'auth.changePassword': async (input, ctx) => {
      const session = signedIn(ctx)
      await services.users.changePassword(actor(ctx), session.userId, input.currentPassword, input.newPassword)
      return null
    },
    'users.list': async () => services.users.list(),
    'users.create': async (input, ctx) => services.users.create(actor(ctx), input),
    'users.update': async (input, ctx) => {
      const before = await services.users.get(input.id)
      const updated = await services.users.update(actor(ctx), input)
      // A new role or a switched-off account must not live on in a session signed in under the old one.
      if (!updated.active || updated.role !== before.role) sessions.endUser(updated.id)
      return updated
    },
    'users.resetPassword': async (input, ctx) => {
      await services.users.resetPassword(actor(ctx), input.id, input.password)
      sessions.endUser(input.id)
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
    'customers.update': async (input, ctx) => services.customers.update(actor(ctx), input),
    'settings.getFiling': async () => services.settings.filing(),
    'settings.filingHistory': async () => services.settings.filingSettings.history(),
    'settings.saveFiling': async (input, ctx) => services.settings.saveFiling(actor(ctx), input),
    'items.list': async (input) => services.items.list(input),
    'items.get': async (input) => services.items.get(input.id),
    'items.create': async (input, ctx) => services.items.create(actor(ctx), input),
    'items.update': async (input, ctx) => services.items.update(actor(ctx), input),
    'items.catalogue': async (input, ctx) => services.items.catalogue(actor(ctx), input.id),
    'items.link': async (input, ctx) => services.items.link(actor(ctx), input),
    'items.unlink': async (input, ctx) => services.items.link(actor(ctx), input, true),
    'volumes.list': async (input) => services.volumes.list(input),
    'volumes.get': async (input) => services.volumes.get(input.id),
    'volumes.create': async (input, ctx) => services.volumes.create(actor(ctx), input),
    'volumes.addItem': async (input, ctx) => services.volumes.addItem(actor(ctx), input.volumeId, input.itemId),
    'volumes.removeItem': async (input, ctx) => services.volumes.removeItem(actor(ctx), input.volumeId, input.itemId),
    'volumes.setPosition': async (input, ctx) =>
      services.volumes.setPosition(actor(ctx), input.volumeId, input.itemId, input.position),
    'volumes.updateNote': async (input, ctx) => services.volumes.updateNote(actor(ctx), input),
    'volumes.close': async (input, ctx) => services.volumes.close(actor(ctx), input.id, input.version),
    'print.volume': async (input, ctx) => services.printing.volume(actor(ctx), input),
    'print.filingCatalogue': async (input, ctx) => services.printing.filingCatalogue(actor(ctx), input),
    'print.labels': async (input, ctx) => services.printing.labels(actor(ctx), input),
    'support.diagnostics': async (_input, ctx) => services.support.diagnostics(actor(ctx)),
    'dashboard.overdue': async () => services.dashboard.overdue(),
    'locations.tree': async () => services.locations.tree(),
    'locations.create': async (input, ctx) => services.locations.create(actor(ctx), input),
    'locations.update': async (input, ctx) => services.locations.update(actor(ctx), input),
    'locations.contents': async (input) => services.locations.contents(input.id),
    'locations.place': async (input, ctx) => services.locations.place(actor(ctx), input),
    'locations.returnHome': async (input, ctx) => services.locations.returnHome(actor(ctx), input),
    'locations.history': async (input) => services.locations.history(input.subject, input.id),
    'backup.status': async () => services.backup.status(),
    'backup.saveSettings': async (input, ctx) => services.backup.saveSettings(actor(ctx), input),
    'backup.create': async (input, ctx) => services.backup.create(actor(ctx), input.folder),
    'backup.list': async (input, ctx) => services.backup.list(actor(ctx), input.folder),
    'backup.verify': async (input, ctx) => services.backup.verify(actor(ctx), input.file),
    'backup.restore': async (input, ctx) => services.backup.restore(actor(ctx), input.file),
    'export.list': async (input, ctx) => services.exports.list(actor(ctx), signedIn(ctx).role, input),
    'import.preview': async (input) => services.imports.preview(input),
    'import.dryRun': async (input) => services.imports.dryRun(input),
    'import.start': async (input, ctx) => services.imports.start(actor(ctx), input),
    'import.progress': async (input) => services.imports.progress(input.jobId),
    'import.cancel': async (input) => {
      services.imports.cancel(input.jobId)
      return null
    },
    'records.lookup': async (input) => services.records.lookup(input.search, input.limit),
    'records.summaries': async (input) => services.records.summaries(input.records),
    'incidents.list': async (input) => services.incidents.list(input),
    'incidents.report': async (input, ctx) => services.incidents.report(actor(ctx), input),
    'incidents.resolve': async (input, ctx) => services.incidents.resolve(actor(ctx), input),
    ...useHandlers(services),
    ...disposalHandlers(services),
    ...custodyHandlers(services)
  }
}
