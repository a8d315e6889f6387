import type { disposalChannels } from '@preload/contract-disposal'
import { actor, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function disposalHandlers(services: Services): HandlerMap<keyof typeof disposalChannels> {
  const { settings, disposal, holds, appraisal } = services
  return {
    'settings.getDisposal': async () => settings.disposalSettings.current(),
    'settings.disposalHistory': async () => settings.disposalSettings.history(),
    'settings.saveDisposal': async (input, ctx) => settings.disposalSettings.save(actor(ctx), input),
    'disposal.due': async (input) => disposal.due(input),
    'disposal.record': async (input) => disposal.record(input),
    'export.dueList': async (input, ctx) => disposal.exportDue(actor(ctx), input),
    'holds.list': async (input) => holds.list(input),
    'holds.place': async (input, ctx) => holds.place(actor(ctx), input),
    'holds.release': async (input, ctx) => holds.release(actor(ctx), input.id, input.reason),
    'appraisal.list': async (input) => appraisal.list(input),
    'appraisal.get': async (input) => appraisal.get(input.id),
    'appraisal.create': async (input, ctx) => appraisal.create(actor(ctx), input),
    'appraisal.decide': async (input, ctx) => appraisal.decide(actor(ctx), input),
    'appraisal.complete': async (input, ctx) => appraisal.complete(actor(ctx), input),
    'appraisal.verify': async (input, ctx) => appraisal.verify(actor(ctx), input),
    'destruction.create': async (input, ctx) => appraisal.createRegister(actor(ctx), input),
    'destruction.sign': async (input, ctx) => appraisal.sign(actor(ctx), input),
    'destruction.list': async (input) => appraisal.registers(input),
    'destruction.get': async (input) => appraisal.getRegister(input.id),
    'print.disposal': async (input, ctx) => disposal.print(actor(ctx), input)
  }
}
