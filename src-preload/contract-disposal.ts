/** Channels of retention, holds, appraisal and destruction (R-DISP); spread into the contract in contract.ts. */
import { z } from 'zod'
import type { PolicyVersion } from './contract-kit'
import {
  channel,
  code,
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
  type RecordKind,
  type RecordSummary
} from './contract-kit'

export const disposalSettingsSchema = z.strictObject({
  holdMonths: z
    .number({ message: 'validation.range' })
    .int({ message: 'validation.range' })
    .min(1, { message: 'validation.range' })
    .max(60, { message: 'validation.range' }),
  minSupervisors: z
    .number({ message: 'validation.range' })
    .int({ message: 'validation.range' })
    .min(2, { message: 'validation.range' })
    .max(10, { message: 'validation.range' }),
  methods: z.array(required(30)).min(1, { message: 'validation.atLeastOne' }).max(20, { message: 'validation.tooMany' })
})
export type DisposalSettingsData = z.output<typeof disposalSettingsSchema>

export const HOLD_SUBJECTS = ['item', 'volume', 'customer'] as const
export type HoldSubject = (typeof HOLD_SUBJECTS)[number]

export const BATCH_STATES = ['listed', 'awaiting', 'verified', 'destroyed', 'kept'] as const
export type BatchState = (typeof BATCH_STATES)[number]

/** A record whose retention period has ended (R-DISP-2, R-DISP-4), with what stands in the way of destroying it. */
export interface DueRecord extends RecordSummary {
  retentionYears: number
  expiresOn: string
  holds: string[]
  openBatchId: number | null
}

export interface Hold {
  id: number
  name: string
  reason: string
  placedBy: string
  placedAt: string
  releasedBy: string | null
  releasedAt: string | null
  releaseReason: string
  subjects: { subject: HoldSubject; id: number; label: string }[]
}

export interface AppraisalEntry {
  id: number
  record: RecordSummary
  expiresOn: string
  decision: 'destroy' | 'keep' | null
  newRetentionCode: string | null
  newExpiresOn: string | null
  reason: string
  decidedBy: string | null
  verification: 'confirmed' | 'pulled' | null
  verificationNote: string
  verifiedBy: string | null
  /** The line of the signed destruction register that records its destruction. */
  registerLine: number | null
}

export interface AppraisalBatchRow {
  id: number
  title: string
  state: BatchState
  createdBy: string
  createdAt: string
  appraisedOn: string | null
  holdUntil: string | null
  entries: number
  toDestroy: number
}

export interface DestructionLine {
  lineNo: number
  subject: RecordKind
  subjectId: number
  archivalCode: string
  documentNumber: string
  responsibleParty: string
  title: string
  dateFormed: string
  retentionName: string
  yearsKept: number
  destroyedOn: string
}

export interface DestructionRegister {
  id: number
  batchId: number
  batchTitle: string
  place: string
  destroyedOn: string
  method: string
  approvedBy: string
  supervisors: string[]
  countConfirmed: number
  managerName: string
  departmentLeaderName: string
  handledBy: string
  createdAt: string
  signedOn: string | null
  signedBy: string | null
  lines: DestructionLine[]
}

export interface AppraisalBatch extends AppraisalBatchRow {
  managerName: string
  departmentLeaderName: string
  completedBy: string | null
  entriesDetail: AppraisalEntry[]
  register: DestructionRegister | null
  version: number
}

/** Where a record stands in its disposal life, shown on its detail page. */
export interface RecordDisposal {
  retentionYears: number | null
  expiresOn: string | null
  holds: string[]
  register: { registerId: number; lineNo: number; destroyedOn: string } | null
}

const dueFilter = {
  year: z.array(year).max(50).optional(),
  categoryCode: z.array(code).max(50).optional(),
  departmentCode: z.array(code).max(50).optional(),
  subject: z.enum(RECORD_KINDS, { message: 'validation.invalidValue' }).optional()
}
const batchStep = { batchId: id, version: z.number().int().min(1) }

export const disposalChannels = {
  'settings.getDisposal': channel<PolicyVersion<DisposalSettingsData>>()(empty, RECORD_READERS),
  'settings.disposalHistory': channel<PolicyVersion<DisposalSettingsData>[]>()(empty, ['archive_manager']),
  'settings.saveDisposal': channel<PolicyVersion<DisposalSettingsData>>()(disposalSettingsSchema, ['archive_manager']),
  'disposal.due': channel<Page<DueRecord>>()(z.strictObject({ ...paging, ...dueFilter }), RECORD_READERS),
  'disposal.record': channel<RecordDisposal>()(recordRef, RECORD_READERS),
  'export.dueList': channel<{ fileName: string; base64: string; rows: number }>()(
    z.strictObject(dueFilter),
    RECORD_READERS
  ),
  'holds.list': channel<Page<Hold>>()(
    z.strictObject({
      ...paging,
      state: z.enum(['open', 'released', 'all'], { message: 'validation.invalidValue' }).optional().default('open')
    }),
    RECORD_READERS
  ),
  'holds.place': channel<Hold>()(
    z.strictObject({
      name: required(100),
      reason: required(500),
      records: z.array(recordRef).max(500).optional().default([]),
      customerIds: z.array(id).max(100).optional().default([])
    }),
    RECORD_WRITERS
  ),
  'holds.release': channel<Hold>()(z.strictObject({ id, reason: required(500) }), ['archive_manager']),
  'appraisal.list': channel<Page<AppraisalBatchRow>>()(
    z.strictObject({
      ...paging,
      state: z.enum(['open', 'closed', 'all'], { message: 'validation.invalidValue' }).optional().default('all')
    }),
    RECORD_READERS
  ),
  'appraisal.get': channel<AppraisalBatch>()(z.strictObject({ id }), RECORD_READERS),
  'appraisal.create': channel<AppraisalBatch>()(
    z.strictObject({
      title: required(200),
      records: z.array(recordRef).min(1, { message: 'validation.atLeastOne' }).max(500)
    }),
    RECORD_WRITERS
  ),
  'appraisal.decide': channel<AppraisalBatch>()(
    z.strictObject({
      ...batchStep,
      entryId: id,
      decision: z.enum(['destroy', 'keep'], { message: 'validation.invalidValue' }),
      newRetentionCode: code.nullable().optional().default(null),
      reason: optionalText(500)
    }),
    ['archive_manager']
  ),
  'appraisal.complete': channel<AppraisalBatch>()(
    z.strictObject({
      ...batchStep,
      managerName: optionalText(50),
      departmentLeaderName: optionalText(50),
      appraisedOn: isoDate
    }),
    ['archive_manager']
  ),
  'appraisal.verify': channel<AppraisalBatch>()(
    z.strictObject({
      ...batchStep,
      entryId: id,
      stillToGo: z.boolean({ message: 'validation.boolean' }),
      note: optionalText(500)
    }),
    RECORD_WRITERS
  ),
  'destruction.create': channel<AppraisalBatch>()(
    z.strictObject({
      ...batchStep,
      place: required(200),
      destroyedOn: isoDate,
      method: required(50),
      approvedBy: optionalText(100),
      supervisors: z.array(optionalText(50)).max(10, { message: 'validation.tooMany' }),
      countConfirmed: z
        .number({ message: 'validation.range' })
        .int({ message: 'validation.range' })
        .min(0, { message: 'validation.range' })
        .max(100_000, { message: 'validation.range' })
    }),
    RECORD_WRITERS
  ),
  'destruction.sign': channel<AppraisalBatch>()(z.strictObject({ ...batchStep, signedOn: isoDate }), RECORD_WRITERS),
  'destruction.list': channel<Page<DestructionRegister>>()(z.strictObject({ ...paging }), RECORD_READERS),
  'destruction.get': channel<DestructionRegister>()(z.strictObject({ id }), RECORD_READERS),
  'print.disposal': channel<{ html: string }>()(
    z.discriminatedUnion('document', [
      z.strictObject({ document: z.literal('dueListing'), ...dueFilter }),
      z.strictObject({ document: z.literal('appraisalReport'), id }),
      z.strictObject({ document: z.literal('destructionRegister'), id })
    ]),
    RECORD_READERS
  )
} as const
