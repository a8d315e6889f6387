/**
 * THE typed contract between renderer and main. Every call crosses here: a channel name, the zod schema
 * its input must pass, the roles allowed to call it, and (as a phantom type) what it returns.
 * Field error messages are i18n keys; the renderer translates them. Each domain's channels and types live in their
 * own contract-<domain>.ts, which imports only the shared contract-kit.ts; this file assembles them and re-exports
 * everything, so callers import from here alone.
 */
import { z } from 'zod'
import { adminChannels } from './contract-admin'
import { custodyChannels } from './contract-custody'
import { customerChannels } from './contract-customers'
import { customerReportChannels, customerUpkeepChannels } from './contract-customer-upkeep'
import { privacyChannels } from './contract-privacy'
import { disposalChannels } from './contract-disposal'
import { electronicChannels } from './contract-electronic'
import type { AppError } from './contract-kit'
import { recordChannels } from './contract-records'
import { storageChannels } from './contract-storage'
import { transferChannels } from './contract-transfer'
import { useChannels } from './contract-use'

export * from './contract-kit'
export * from './vocabulary'
export * from './contract-admin'
export * from './contract-customers'
export * from './contract-customer-upkeep'
export * from './contract-privacy'
export * from './contract-records'
export * from './contract-storage'
export * from './contract-transfer'
export * from './contract-custody'
export * from './contract-disposal'
export * from './contract-use'
export * from './contract-electronic'

export type Envelope<T> = { ok: true; data: T } | { ok: false; error: AppError }

export const contract = {
  ...adminChannels,
  ...customerChannels,
  ...customerUpkeepChannels,
  ...customerReportChannels,
  ...privacyChannels,
  ...recordChannels,
  ...storageChannels,
  ...transferChannels,
  ...useChannels,
  ...disposalChannels,
  ...custodyChannels,
  ...electronicChannels
} as const

export type Contract = typeof contract
export type Channel = keyof Contract
export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>
export type ChannelOutput<C extends Channel> = Exclude<Contract[C]['output'], undefined>

export const CHANNELS = Object.keys(contract) as Channel[]

export interface ArchiveApi {
  invoke<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<Envelope<ChannelOutput<C>>>
}
