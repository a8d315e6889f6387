/**
 * Channels of the storage locations and of missing or damaged records (R-KEEP-1, R-KEEP-3); spread into the contract
 * in contract.ts.
 */
import { z } from 'zod'
import {
  batchIds,
  channel,
  code,
  empty,
  id,
  INCIDENT_KINDS,
  isoDate,
  optionalText,
  paging,
  RECORD_READERS,
  RECORD_WRITERS,
  recordRef,
  required,
  type BatchOutcome,
  type Incident,
  type Page
} from './contract-kit'
import { INCIDENT_RESOLUTIONS, INCIDENT_SOURCES } from './vocabulary'

export const LOCATION_KINDS = ['room', 'rack', 'shelf', 'box'] as const
export type LocationKind = (typeof LOCATION_KINDS)[number]
export const LOCATION_SUBJECTS = ['item', 'volume'] as const
export type LocationSubject = (typeof LOCATION_SUBJECTS)[number]

export interface LocationNode {
  id: number
  parentId: number | null
  kind: LocationKind
  code: string
  name: string
  /** The full code from the room down, e.g. A-01-3-05. */
  path: string
  capacity: number | null
  /** Volumes and loose items whose home is here. */
  occupied: number
  version: number
}

export interface LocationContent {
  subject: LocationSubject
  id: number
  archivalCode: string | null
  title: string
  homePath: string | null
  currentPath: string | null
  away: boolean
}

export interface LocationMove {
  at: string
  username: string
  fromPath: string | null
  toPath: string | null
  home: boolean
  note: string
}

export const storageChannels = {
  'locations.tree': channel<LocationNode[]>()(empty, RECORD_READERS),
  'locations.create': channel<LocationNode>()(
    z.strictObject({
      parentId: id.nullable(),
      kind: z.enum(LOCATION_KINDS, { message: 'validation.invalidValue' }),
      code,
      name: required(50),
      capacity: z
        .number()
        .int()
        .min(1, { message: 'validation.range' })
        .max(100_000, { message: 'validation.range' })
        .nullable()
        .optional()
        .default(null)
    }),
    RECORD_WRITERS
  ),
  'locations.update': channel<LocationNode>()(
    z.strictObject({
      id,
      version: z.number().int().min(1),
      name: required(50),
      capacity: z
        .number()
        .int()
        .min(1, { message: 'validation.range' })
        .max(100_000, { message: 'validation.range' })
        .nullable()
    }),
    RECORD_WRITERS
  ),
  'locations.contents': channel<LocationContent[]>()(z.strictObject({ id }), RECORD_READERS),
  'locations.place': channel<LocationContent>()(
    z.strictObject({
      subject: z.enum(LOCATION_SUBJECTS),
      id,
      locationId: id,
      home: z.boolean(),
      note: optionalText(200)
    }),
    RECORD_WRITERS
  ),
  'locations.placeMany': channel<BatchOutcome>()(
    z.strictObject({
      subject: z.enum(LOCATION_SUBJECTS),
      ids: batchIds,
      locationId: id,
      home: z.boolean(),
      note: optionalText(200)
    }),
    RECORD_WRITERS
  ),
  'locations.returnHome': channel<LocationContent>()(
    z.strictObject({ subject: z.enum(LOCATION_SUBJECTS), id, note: optionalText(200) }),
    RECORD_WRITERS
  ),
  'locations.history': channel<LocationMove[]>()(
    z.strictObject({ subject: z.enum(LOCATION_SUBJECTS), id }),
    RECORD_READERS
  ),
  'incidents.list': channel<Page<Incident>>()(
    z.strictObject({
      ...paging,
      state: z.enum(['open', 'resolved', 'all']).optional().default('open'),
      source: z.enum(INCIDENT_SOURCES).optional(),
      subject: recordRef.optional()
    }),
    RECORD_READERS
  ),
  'incidents.report': channel<Incident>()(
    z.strictObject({
      record: recordRef,
      kind: z.enum(INCIDENT_KINDS, { message: 'validation.invalidValue' }),
      note: required(500)
    }),
    RECORD_WRITERS
  ),
  'incidents.resolve': channel<Incident>()(
    z.strictObject({
      id,
      resolution: z.enum(INCIDENT_RESOLUTIONS, { message: 'validation.invalidValue' }),
      note: required(500),
      resolvedOn: isoDate
    }),
    RECORD_WRITERS
  )
} as const
