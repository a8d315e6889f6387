import type { storageChannels } from '@preload/contract-storage'
import { actor, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function storageHandlers(services: Services): HandlerMap<keyof typeof storageChannels> {
  return {
    'locations.tree': async () => services.locations.tree(),
    'locations.create': async (input, ctx) => services.locations.create(actor(ctx), input),
    'locations.update': async (input, ctx) => services.locations.update(actor(ctx), input),
    'locations.contents': async (input) => services.locations.contents(input.id),
    'locations.place': async (input, ctx) => services.locations.place(actor(ctx), input),
    'locations.placeMany': async (input, ctx) => services.locations.placeMany(actor(ctx), input),
    'locations.returnHome': async (input, ctx) => services.locations.returnHome(actor(ctx), input),
    'locations.history': async (input) => services.locations.history(input.subject, input.id),
    'incidents.list': async (input) => services.incidents.list(input),
    'incidents.report': async (input, ctx) => services.incidents.report(actor(ctx), input),
    'incidents.resolve': async (input, ctx) => services.incidents.resolve(actor(ctx), input)
  }
}
