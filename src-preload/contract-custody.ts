/** Channels of inspections, environment log, dashboard and annual statistics (R-KEEP-2..4, R-STAT); spread into the contract in contract.ts. */
import { z } from 'zod'
import {
  channel,
  empty,
  id,
  isoDate,
  optionalText,
  paging,
  RECORD_KINDS,
  RECORD_READERS,
  RECORD_WRITERS,
  recordRef,
  required,
  year,
  type Page,
  type PolicyReason,
  type RecordKind
} from './contract-kit'
import type { PolicyVersion } from './contract-kit'
import { INSPECTION_KINDS, ADHOC_REASONS } from './vocabulary'

export const FINDING_STATES = ['unchecked', 'found', 'missing', 'damaged'] as const
export type FindingState = (typeof FINDING_STATES)[number]

/** Room instruments read to a tenth; more digits are a typing or unit mistake. */
const range = (min: number, max: number) =>
  z
    .number({ message: 'validation.number' })
    .finite({ message: 'validation.number' })
    .min(min, { message: 'validation.range' })
    .max(max, { message: 'validation.range' })
    .refine((value) => Math.abs(value * 10 - Math.round(value * 10)) < 1e-9, { message: 'validation.oneDecimal' })
/** A room thermometer reads ℃; anything outside −30…60 is a typing mistake, not a reading. */
export const temperature = range(-30, 60)
/** Relative humidity is a percentage. */
export const humidity = range(0, 100)

export const custodySettingsSchema = z
  .strictObject({
    temperatureMin: temperature,
    temperatureMax: temperature,
    humidityMin: humidity,
    humidityMax: humidity,
    inspectionIntervalMonths: z
      .number({ message: 'validation.number' })
      .int({ message: 'validation.range' })
      .min(1, { message: 'validation.range' })
      .max(24, { message: 'validation.range' }),
    checklist: z
      .array(required(100))
      .min(1, { message: 'validation.atLeastOne' })
      .max(30, { message: 'validation.tooMany' })
  })
  .superRefine((value, context) => {
    if (value.temperatureMin >= value.temperatureMax)
      context.addIssue({ code: 'custom', path: ['temperatureMax'], message: 'validation.bandOrder' })
    if (value.humidityMin >= value.humidityMax)
      context.addIssue({ code: 'custom', path: ['humidityMax'], message: 'validation.bandOrder' })
  })
export type CustodySettings = z.output<typeof custodySettingsSchema>

const checklistAnswer = z.strictObject({
  item: required(100),
  ok: z.boolean({ message: 'validation.boolean' }),
  note: optionalText(200)
})

const inspectionHeader = {
  inspectedOn: isoDate,
  inspectors: required(100),
  /** The room whose temperature and humidity were read; the reading becomes that day's entry in the environment log. */
  roomId: id.nullable().optional().default(null),
  temperature: temperature.nullable().optional().default(null),
  humidity: humidity.nullable().optional().default(null),
  checklist: z.array(checklistAnswer).max(30, { message: 'validation.tooMany' }).optional().default([]),
  notes: optionalText(2000)
}

export const inspectionInput = z
  .strictObject({
    kind: z.enum(INSPECTION_KINDS, { message: 'validation.invalidValue' }),
    reason: z.enum(ADHOC_REASONS, { message: 'validation.invalidValue' }).nullable().optional().default(null),
    ...inspectionHeader,
    /** Shelves, boxes, racks or rooms: everything whose home is there or below is to be checked. */
    locationIds: z.array(id).max(200, { message: 'validation.tooMany' }).optional().default([]),
    /** Or a list of records, e.g. the ones in doubt. */
    records: z.array(recordRef).max(500, { message: 'validation.tooMany' }).optional().default([])
  })
  .superRefine((value, context) => {
    if (value.kind === 'adhoc' && value.reason === null)
      context.addIssue({ code: 'custom', path: ['reason'], message: 'validation.required' })
    if (value.locationIds.length === 0 && value.records.length === 0)
      context.addIssue({ code: 'custom', path: ['locationIds'], message: 'validation.scopeRequired' })
  })

export interface ChecklistAnswer {
  item: string
  ok: boolean
  note: string
}

/** A judgement of one measurement against the allowed band (R-KEEP-3). */
export interface EnvironmentJudgement extends PolicyReason {
  value: 'in_range' | 'out_of_range' | 'not_measured'
}

export interface InspectionRow {
  id: number
  kind: (typeof INSPECTION_KINDS)[number]
  reason: (typeof ADHOC_REASONS)[number] | null
  inspectedOn: string
  inspectors: string
  scope: string
  status: 'draft' | 'completed'
  records: number
  found: number
  missing: number
  damaged: number
  unchecked: number
  temperature: number | null
  humidity: number | null
  outOfRange: boolean
}

export interface InspectionFinding {
  subject: RecordKind
  id: number
  archivalCode: string | null
  title: string
  homePath: string | null
  state: FindingState
  note: string
  incidentId: number | null
}

export interface Inspection extends InspectionRow {
  roomId: number | null
  roomPath: string | null
  checklist: ChecklistAnswer[]
  notes: string
  locationPaths: string[]
  environment: { temperature: EnvironmentJudgement; humidity: EnvironmentJudgement }
  policyVersion: number
  createdBy: string
  completedAt: string | null
  completedBy: string | null
  version: number
  findings: InspectionFinding[]
}

export interface EnvironmentReading {
  id: number
  roomId: number
  roomPath: string
  readOn: string
  temperature: number
  humidity: number
  source: 'manual' | 'inspection'
  recordedBy: string
  judgements: { temperature: EnvironmentJudgement; humidity: EnvironmentJudgement }
  outOfRange: boolean
}

export interface EnvironmentLog {
  band: Pick<CustodySettings, 'temperatureMin' | 'temperatureMax' | 'humidityMin' | 'humidityMax'>
  readings: EnvironmentReading[]
  /** Distinct days on which some room's reading was out of the band. */
  daysOutOfRange: number
}

/** One line of "what needs doing today"; `count` is how many things it stands for. */
export interface TodoEntry {
  key: string
  count: number
  severity: 'info' | 'warning' | 'error'
  /** The section to go to, e.g. `storage`. */
  section: string
  ruleId: string
  reason: string
  params?: Record<string, string | number>
}

export interface HoldingsCharts {
  byCategory: { code: string; label: string; volumes: number; items: number; pages: number }[]
  byYear: { year: number; volumes: number; items: number }[]
}

/** R-USE, R-STAT-1: requests granted (records out) per calendar month, the last 12 months up to this one, oldest first. */
export interface UseCharts {
  byMonth: { month: string; consultation: number; loan: number; excerpt: number }[]
}

/** Plain table data for one statistics table; the renderer and the workbook lay it out alike. */
export interface StatColumn {
  key: string
  /** Summed in the totals row; other number columns (minimum, maximum) leave it empty. */
  sum: boolean
}
export interface StatRow {
  /** Shown as given, or translated when `labelKey` is set (e.g. `classifications.secret`). */
  label: string
  labelKey?: string
  values: Record<string, number | null>
}
export interface StatTable {
  key: string
  columns: StatColumn[]
  rows: StatRow[]
  totals: Record<string, number> | null
}
export interface StatTopic {
  key: string
  tables: StatTable[]
}
export interface YearStatistics {
  year: number
  topics: StatTopic[]
}

const environmentQuery = z
  .strictObject({ roomId: id.optional(), from: isoDate, to: isoDate })
  .refine((value) => value.from <= value.to, { path: ['to'], message: 'validation.dateOrder' })

export const custodyChannels = {
  'settings.getCustody': channel<PolicyVersion<CustodySettings>>()(empty, RECORD_READERS),
  'settings.custodyHistory': channel<PolicyVersion<CustodySettings>[]>()(empty, ['archive_manager']),
  'settings.saveCustody': channel<PolicyVersion<CustodySettings>>()(custodySettingsSchema, ['archive_manager']),
  'inspections.list': channel<Page<InspectionRow>>()(
    z.strictObject({ ...paging, status: z.enum(['draft', 'completed']).optional(), year: year.optional() }),
    RECORD_READERS
  ),
  'inspections.get': channel<Inspection>()(z.strictObject({ id }), RECORD_READERS),
  'inspections.create': channel<Inspection>()(inspectionInput, RECORD_WRITERS),
  'inspections.update': channel<Inspection>()(
    z.strictObject({ id, version: z.number().int().min(1), ...inspectionHeader }),
    RECORD_WRITERS
  ),
  /** Ticks records off (stock-check) or marks them missing or damaged, with a note. */
  'inspections.mark': channel<Inspection>()(
    z.strictObject({
      id,
      findings: z
        .array(
          z.strictObject({
            subject: z.enum(RECORD_KINDS, { message: 'validation.invalidValue' }),
            id,
            state: z.enum(FINDING_STATES, { message: 'validation.invalidValue' }),
            note: optionalText(500)
          })
        )
        .min(1, { message: 'validation.atLeastOne' })
        .max(500, { message: 'validation.tooMany' })
    }),
    RECORD_WRITERS
  ),
  /** Records not ticked off become missing; `confirmMissing` says the person agreed to that. */
  'inspections.complete': channel<Inspection>()(
    z.strictObject({ id, version: z.number().int().min(1), confirmMissing: z.boolean().optional().default(false) }),
    RECORD_WRITERS
  ),
  'print.inspection': channel<{ html: string }>()(z.strictObject({ id }), RECORD_READERS),
  'environment.list': channel<EnvironmentLog>()(environmentQuery, RECORD_READERS),
  'environment.record': channel<EnvironmentReading>()(
    z.strictObject({ roomId: id, readOn: isoDate, temperature, humidity }),
    RECORD_WRITERS
  ),
  'dashboard.todo': channel<TodoEntry[]>()(empty, RECORD_READERS),
  'dashboard.holdings': channel<HoldingsCharts>()(empty, RECORD_READERS),
  'dashboard.use': channel<UseCharts>()(empty, RECORD_READERS),
  'statistics.year': channel<YearStatistics>()(z.strictObject({ year }), RECORD_READERS),
  'statistics.export': channel<{ fileName: string; base64: string }>()(z.strictObject({ year }), RECORD_READERS)
} as const
