import { CHANNELS, contract } from '@preload/contract'
import type { adminChannels, SessionInfo } from '@preload/contract-admin'
import { unauthenticated } from '../errors'
import { maySeePersonalData, roleAllows } from '../policy/roles'
import type { Session, Sessions } from '../sessions'
import type { SignedInUser } from '../services/users'
import { actor, signedIn, type HandlerMap } from './handler-kit'
import type { Services } from './services'

/**
 * Sign-in, users, security settings, audit, support and backups. The session helpers live here because only these
 * channels start, end or describe a session.
 */
export function adminHandlers(
  services: Services,
  sessions: Sessions,
  version: string
): HandlerMap<keyof typeof adminChannels> {
  const sessionInfo = async (session: Session): Promise<SessionInfo> => ({
    userId: session.userId,
    username: session.username,
    displayName: session.displayName,
    role: session.role,
    locked: session.locked,
    mustChangePassword: session.mustChangePassword,
    idleLockMinutes: (await services.settings.security()).data.idleLockMinutes,
    canSeePersonalData: maySeePersonalData(session.role),
    lastSignInAt: session.lastSignInAt,
    passwordReset: session.passwordReset,
    channels: CHANNELS.filter((channel) => roleAllows(contract[channel].access, session.role))
  })
  const startSession = (key: string, user: SignedInUser) =>
    sessionInfo(
      sessions.start(key, {
        userId: user.id,
        username: user.username,
        displayName: user.displayName,
        role: user.role,
        mustChangePassword: user.mustChangePassword,
        lastSignInAt: user.lastSignInAt,
        passwordReset: user.passwordReset
      })
    )

  return {
    'app.status': async (_input, ctx) => ({
      needsSetup: (await services.users.count()) === 0,
      version,
      session: ctx.session ? await sessionInfo(ctx.session) : null,
      startup: null
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
      const user = await services.users.authenticate(session.username, input.password, false)
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
      sessions.passwordChanged(ctx.sessionKey)
      return null
    },
    'setup.get': async () => services.firstRun.get(),
    'setup.save': async (input, ctx) => services.firstRun.save(actor(ctx), input),
    'users.list': async () => services.users.list(),
    'users.create': async (input, ctx) => services.users.create(actor(ctx), input),
    'users.update': async (input, ctx) => {
      const updated = await services.users.update(actor(ctx), input)
      // A switched-off account must not live on in a session signed in before.
      if (!updated.active) sessions.endUser(updated.id)
      return updated
    },
    'users.assignRole': async (input, ctx) => {
      const before = await services.users.get(input.id)
      const updated = await services.users.assignRole(actor(ctx), input)
      // A new role or a switched-off account must not live on in a session signed in under the old one.
      if (!updated.active || updated.role !== before.role) sessions.endUser(updated.id)
      return updated
    },
    'users.proposeRole': async (input, ctx) => services.users.proposeRole(actor(ctx), input),
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
    'audit.list': async (input, ctx) => services.audit.list(input, signedIn(ctx).role),
    'audit.verify': async () => services.audit.verify(),
    'audit.seal': async (_input, ctx) => services.audit.seal(actor(ctx)),
    'audit.checkSeal': async (input) => services.audit.checkSeal(input),
    'support.diagnostics': async (_input, ctx) => services.support.diagnostics(actor(ctx)),
    'backup.status': async () => services.backup.status(),
    'backup.saveSettings': async (input, ctx) => services.backup.saveSettings(actor(ctx), input),
    'backup.create': async (input, ctx) => services.backup.create(actor(ctx), input.folder),
    'backup.list': async (input, ctx) => services.backup.list(actor(ctx), input.folder),
    'backup.verify': async (input, ctx) => services.backup.verify(actor(ctx), input.file, true, input.passphrase),
    'backup.restore': async (input, ctx) => services.backup.restore(actor(ctx), input.file, input),
    'backup.setPassphrase': async (input, ctx) =>
      services.backup.setPassphrase(actor(ctx), input, (password) =>
        services.users.checkPassword(signedIn(ctx).userId, password)
      )
  }
}
