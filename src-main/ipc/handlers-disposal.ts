import type { disposalChannels } from '../../src-preload/contract-disposal'
import type { HandlerMap } from './handler-kit'
import type { Services } from './handlers'

export function disposalHandlers(_services: Services): HandlerMap<keyof typeof disposalChannels> {
  return {}
}
