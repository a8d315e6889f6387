import type { useChannels } from '../../src-preload/contract-use'
import type { HandlerMap } from './handler-kit'
import type { Services } from './handlers'

export function useHandlers(_services: Services): HandlerMap<keyof typeof useChannels> {
  return {}
}
