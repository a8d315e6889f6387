import type { customerChannels } from '@preload/contract-customers'
import { actor, signedIn, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function customerHandlers(services: Services): HandlerMap<keyof typeof customerChannels> {
  return {
    'customers.list': async (input, ctx) => services.customers.list(input, signedIn(ctx).role),
    'customers.facets': async () => services.customers.facets(),
    'customers.get': async (input, ctx) => services.customers.get(actor(ctx), signedIn(ctx).role, input.id),
    'customers.history': async (input, ctx) => services.customers.history(input.id, signedIn(ctx).role),
    'customers.file': async (input, ctx) => services.customers.file(actor(ctx), signedIn(ctx).role, input.id),
    'customers.findByName': async (input) => services.customers.findByName(input.name, input.excludeId),
    'customers.create': async (input, ctx) => services.customers.create(actor(ctx), input),
    'customers.update': async (input, ctx) => services.customers.update(actor(ctx), input),
    'customers.pendingChanges': async (input, ctx) =>
      services.customers.pendingChanges({ userId: signedIn(ctx).userId, role: signedIn(ctx).role }, input.customerId),
    'customers.decideChange': async (input, ctx) =>
      services.customers.decideChange(actor(ctx), signedIn(ctx).role, input)
  }
}
