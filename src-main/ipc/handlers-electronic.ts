import type { electronicChannels } from '@preload/contract-electronic'
import { actor, signedIn, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function electronicHandlers(services: Services): HandlerMap<keyof typeof electronicChannels> {
  return {
    'electronic.list': async (input) => services.electronic.list(input.itemId),
    'electronic.attach': async (input, ctx) => services.electronic.attach(actor(ctx), input),
    'electronic.replace': async (input, ctx) => services.electronic.replace(actor(ctx), signedIn(ctx).role, input),
    'electronic.ledger': async (input) => services.electronic.ledger(input.itemId),
    'print.electronicLedger': async (input, ctx) => services.electronic.printLedger(actor(ctx), input.itemId),
    'electronic.view': async (input, ctx) => services.electronic.view(actor(ctx), signedIn(ctx), input.fileId),
    'electronic.fixityStart': async (input, ctx) => services.electronic.startFixity(actor(ctx), input.sample),
    'electronic.fixityLatest': async () => services.electronic.fixityLatest(),
    'electronic.batchPlan': async (input) => services.electronic.batchPlan(input.names),
    'settings.getElectronic': async () => services.electronic.settings.current(),
    'settings.electronicHistory': async () => services.electronic.settings.history(),
    'settings.saveElectronic': async (input, ctx) => services.electronic.saveSettings(actor(ctx), input),
    'print.fixityReport': async (input, ctx) => services.electronic.printFixityReport(actor(ctx), input.runId),
    'print.viewedFile': async (input, ctx) => services.electronic.printView(actor(ctx), signedIn(ctx), input.fileId),
    'print.electronicRegister': async (input, ctx) => services.electronic.printRegister(actor(ctx), input.itemIds)
  }
}
