import type { Channel } from '@preload/contract'
import type { Sessions } from '../sessions'
import type { HandlerMap } from './handler-kit'
import { adminHandlers } from './handlers-admin'
import { custodyHandlers } from './handlers-custody'
import { customerHandlers } from './handlers-customers'
import { customerReportHandlers, customerUpkeepHandlers } from './handlers-customer-upkeep'
import { privacyHandlers } from './handlers-privacy'
import { disposalHandlers } from './handlers-disposal'
import { electronicHandlers } from './handlers-electronic'
import { recordHandlers } from './handlers-records'
import { storageHandlers } from './handlers-storage'
import { transferHandlers } from './handlers-transfer'
import { useHandlers } from './handlers-use'
import type { Services } from './services'

export type { Services } from './services'

/** Binds each contract channel to its service call; the dispatcher has already checked access and input. */
export function bindHandlers(services: Services, sessions: Sessions, version: string): HandlerMap<Channel> {
  return {
    ...adminHandlers(services, sessions, version),
    ...customerHandlers(services),
    ...customerUpkeepHandlers(services),
    ...customerReportHandlers(services),
    ...privacyHandlers(services),
    ...recordHandlers(services),
    ...storageHandlers(services),
    ...transferHandlers(services),
    ...useHandlers(services),
    ...disposalHandlers(services),
    ...custodyHandlers(services),
    ...electronicHandlers(services)
  }
}
