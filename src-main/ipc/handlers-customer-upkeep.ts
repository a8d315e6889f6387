import type { customerReportChannels, customerUpkeepChannels } from '@preload/contract-customer-upkeep'
import { actor, signedIn, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function customerUpkeepHandlers(services: Services): HandlerMap<keyof typeof customerUpkeepChannels> {
  const upkeep = services.customerUpkeep
  return {
    'customerUpkeep.get': async (input, ctx) => {
      const session = signedIn(ctx)
      return upkeep.get(input.customerId, { userId: session.userId, role: session.role })
    },
    'customerUpkeep.register': async (input, ctx) => upkeep.register(actor(ctx), input),
    'customerUpkeep.verify': async (input, ctx) => upkeep.verify(actor(ctx), signedIn(ctx).role, input),
    'customerUpkeep.log': async (input, ctx) => upkeep.log(actor(ctx), input),
    'customerUpkeep.staffOptions': async () => upkeep.staffOptions(),
    'customerUpkeep.assignStaff': async (input, ctx) => upkeep.assignStaff(actor(ctx), input),
    'customerUpkeep.reassign': async (input, ctx) => upkeep.reassign(actor(ctx), input),
    'customerUpkeep.credit': async (input, ctx) => upkeep.credit(actor(ctx), input),
    'customerUpkeep.settings': async () => upkeep.currentSettings(),
    'customerUpkeep.saveSettings': async (input, ctx) => upkeep.saveSettings(actor(ctx), input),
    'customerUpkeep.settingsHistory': async () => upkeep.settingsHistory()
  }
}

export function customerReportHandlers(services: Services): HandlerMap<keyof typeof customerReportChannels> {
  const reports = services.customerReports
  return {
    'customerReports.monthly': async (input) => reports.monthly(input.month),
    'customerReports.analysis': async () => reports.analysis(),
    'customerReports.list': async () => reports.list(),
    'customerReports.prepare': async (input, ctx) => reports.prepare(actor(ctx), input.month),
    'customerReports.approve': async (input, ctx) => reports.approve(actor(ctx), signedIn(ctx).role, input.id),
    'customerReports.distribute': async (input, ctx) => reports.distribute(actor(ctx), input)
  }
}
