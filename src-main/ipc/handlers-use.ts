import type { useChannels } from '@preload/contract-use'
import { actor, signedIn, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function useHandlers(services: Services): HandlerMap<keyof typeof useChannels> {
  const use = services.use
  return {
    'settings.getUse': async () => use.settings.current(),
    'settings.useHistory': async () => use.settings.history(),
    'settings.saveUse': async (input, ctx) => use.saveSettings(actor(ctx), input),
    'use.preview': async (input) => use.preview(input),
    'use.applicants': async () => use.applicants(),
    'use.create': async (input, ctx) => use.create(actor(ctx), input),
    'use.list': async (input) => use.list(input),
    'use.get': async (input) => use.get(input.id),
    'use.awaiting': async (_input, ctx) => use.awaiting(actor(ctx)),
    'use.sign': async (input, ctx) => use.sign(actor(ctx), input),
    'use.signers': async (input) => use.signers(input.id),
    'use.approve': async (input, ctx) => use.approve(actor(ctx), input),
    'use.withdrawSignature': async (input, ctx) => use.withdrawSignature(actor(ctx), input),
    'use.checkout': async (input, ctx) => use.checkout(actor(ctx), input),
    'use.return': async (input, ctx) => use.returnRecords(actor(ctx), input),
    'use.renew': async (input, ctx) => use.renew(actor(ctx), input),
    'use.feedback': async (input, ctx) => use.feedback(actor(ctx), input),
    'use.cancel': async (input, ctx) => use.cancel(actor(ctx), input),
    'use.overdue': async (input) => use.overdue(input),
    'use.mine': async (_input, ctx) => use.mine(signedIn(ctx).userId),
    'users.outstanding': async (input) => use.outstanding(input.userId),
    'print.use': async (input, ctx) => use.print(actor(ctx), input),
    'export.useRegister': async (input, ctx) => use.exportRegister(actor(ctx), input)
  }
}
