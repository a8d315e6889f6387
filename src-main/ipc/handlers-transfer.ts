import type { transferChannels } from '@preload/contract-transfer'
import { actor, signedIn, type HandlerMap } from './handler-kit'
import type { Services } from './services'

export function transferHandlers(services: Services): HandlerMap<keyof typeof transferChannels> {
  return {
    'export.list': async (input, ctx) => services.exports.list(actor(ctx), signedIn(ctx).role, input),
    'import.preview': async (input) => services.imports.preview(input),
    'import.dryRun': async (input) => services.imports.dryRun(input),
    'import.start': async (input, ctx) => services.imports.start(actor(ctx), input),
    'import.progress': async (input) => services.imports.progress(input.jobId),
    'import.cancel': async (input) => {
      services.imports.cancel(input.jobId)
      return null
    }
  }
}
