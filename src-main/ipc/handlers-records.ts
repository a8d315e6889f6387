import type { recordChannels } from '@preload/contract-records'
import { actor, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function recordHandlers(services: Services): HandlerMap<keyof typeof recordChannels> {
  return {
    'settings.getFiling': async () => services.settings.filing(),
    'settings.filingHistory': async () => services.settings.filingSettings.history(),
    'settings.saveFiling': async (input, ctx) => services.settings.saveFiling(actor(ctx), input),
    'items.list': async (input) => services.items.list(input),
    'items.get': async (input) => services.items.get(input.id),
    'items.create': async (input, ctx) => services.items.create(actor(ctx), input),
    'items.update': async (input, ctx) => services.items.update(actor(ctx), input),
    'items.catalogue': async (input, ctx) => services.items.catalogue(actor(ctx), input.id),
    'items.catalogueMany': async (input, ctx) => services.items.catalogueMany(actor(ctx), input.ids),
    'items.link': async (input, ctx) => services.items.link(actor(ctx), input),
    'items.unlink': async (input, ctx) => services.items.link(actor(ctx), input, true),
    'volumes.list': async (input) => services.volumes.list(input),
    'volumes.get': async (input) => services.volumes.get(input.id),
    'volumes.create': async (input, ctx) => services.volumes.create(actor(ctx), input),
    'volumes.addItem': async (input, ctx) => services.volumes.addItem(actor(ctx), input.volumeId, input.itemId),
    'volumes.addItems': async (input, ctx) => services.volumes.addItems(actor(ctx), input.volumeId, input.itemIds),
    'volumes.removeItem': async (input, ctx) => services.volumes.removeItem(actor(ctx), input.volumeId, input.itemId),
    'volumes.setPosition': async (input, ctx) =>
      services.volumes.setPosition(actor(ctx), input.volumeId, input.itemId, input.position),
    'volumes.updateNote': async (input, ctx) => services.volumes.updateNote(actor(ctx), input),
    'volumes.close': async (input, ctx) => services.volumes.close(actor(ctx), input.id, input.version),
    'print.volume': async (input, ctx) => services.printing.volume(actor(ctx), input),
    'print.filingCatalogue': async (input, ctx) => services.printing.filingCatalogue(actor(ctx), input),
    'print.labels': async (input, ctx) => services.printing.labels(actor(ctx), input),
    'dashboard.overdue': async () => services.dashboard.overdue(),
    'records.lookup': async (input) => services.records.lookup(input.search, input.limit),
    'records.summaries': async (input) => services.records.summaries(input.records)
  }
}
