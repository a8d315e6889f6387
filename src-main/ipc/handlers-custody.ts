import type { custodyChannels } from '@preload/contract-custody'
import { actor, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function custodyHandlers(services: Services): HandlerMap<keyof typeof custodyChannels> {
  return {
    'settings.getCustody': async () => services.settings.custody(),
    'settings.custodyHistory': async () => services.settings.custodySettings.history(),
    'settings.saveCustody': async (input, ctx) => services.settings.custodySettings.save(actor(ctx), input),
    'inspections.list': async (input) => services.inspections.list(input),
    'inspections.get': async (input) => services.inspections.get(input.id),
    'inspections.create': async (input, ctx) => services.inspections.create(actor(ctx), input),
    'inspections.update': async (input, ctx) => services.inspections.update(actor(ctx), input),
    'inspections.mark': async (input, ctx) => services.inspections.mark(actor(ctx), input),
    'inspections.complete': async (input, ctx) => services.inspections.complete(actor(ctx), input),
    'print.inspection': async (input, ctx) => services.inspections.print(actor(ctx), input.id),
    'environment.list': async (input) => services.environment.list(input),
    'environment.record': async (input, ctx) => services.environment.record(actor(ctx), input),
    'dashboard.todo': async () => services.dashboard.todo(),
    'dashboard.holdings': async () => services.dashboard.holdings(),
    'dashboard.use': async () => services.dashboard.use(),
    'statistics.year': async (input) => services.statistics.year(input.year),
    'statistics.export': async (input, ctx) => services.statistics.export(actor(ctx), input.year)
  }
}
