import type { custodyChannels } from '../../src-preload/contract-custody'
import type { HandlerMap } from './handler-kit'
import type { Services } from './handlers'

export function custodyHandlers(_services: Services): HandlerMap<keyof typeof custodyChannels> {
  return {}
}
