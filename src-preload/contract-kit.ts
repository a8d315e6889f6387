/**
 * Building blocks shared by every part of the contract: the channel definer, role groups and the common field
 * schemas. Field error messages are i18n keys; the renderer translates them.
 */
import { z } from 'zod'
import {
  type Role,
  type ClassificationCode,
  type CustodyState,
  INCIDENT_RESOLUTIONS,
  MAX_BATCH,
  INCIDENT_SOURCES
} from './vocabulary'

export interface Page<T> {
  rows: T[]
  total: number
  page: number
  pageSize: number
  /** More rows match than `total`, which is where counting stopped: show it as "10 000+". */
  totalCapped?: boolean
}

/** Why the engine decided as it did: an i18n key with its parameters and the rule it applies. */
export interface PolicyReason {
  ruleId: string
  reason: string
  params?: Record<string, string | number>
}

/** A missing value is "required"; anything else falls through to the general messages. */
export const missingIsRequired = {
  error: (issue: { input?: unknown }) => (issue.input === undefined ? 'validation.required' : undefined)
}
export const trimmed = (max: number) => z.string(missingIsRequired).trim().max(max, { message: 'validation.tooLong' })
export const required = (max: number) => trimmed(max).min(1, { message: 'validation.required' })
export const optionalText = (max: number) => trimmed(max).optional().default('')
/**
 * A search box's text. Control characters arrive unseen with text pasted from other programs; a NUL among them broke
 * the full-text match outright and cut a LIKE pattern short, so they are taken out before anything searches.
 */
export const searchText = (max: number) =>
  z
    .string(missingIsRequired)
    .overwrite((value) => value.replace(/[\u0000-\u001f\u007f]/g, ''))
    .trim()
    .max(max, { message: 'validation.tooLong' })
export const isoDate = z
  .string(missingIsRequired)
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'validation.date' })
  .refine(
    (value) => {
      const parsed = new Date(`${value}T00:00:00Z`)
      return !Number.isNaN(parsed.getTime()) && parsed.toISOString().slice(0, 10) === value
    },
    { message: 'validation.date' }
  )
export const id = z
  .number({ message: 'validation.id' })
  .int({ message: 'validation.id' })
  .positive({ message: 'validation.id' })

export const code = z
  .string(missingIsRequired)
  .trim()
  .regex(/^[A-Za-z0-9]{1,8}$/, { message: 'validation.code' })
export const codeEntry = z.strictObject({ code, name: required(50) })
export const uniqueCodes = <T extends { code: string }>(entries: T[]) =>
  new Set(entries.map((e) => e.code)).size === entries.length
export const codeList = <T extends z.ZodType<{ code: string }>>(entry: T) =>
  z
    .array(entry)
    .min(1, { message: 'validation.atLeastOne' })
    .max(200)
    .refine(uniqueCodes, { message: 'validation.duplicateCode' })

export const year = z
  .number({ message: 'validation.year' })
  .int({ message: 'validation.year' })
  .min(1900, { message: 'validation.year' })
  .max(2200, { message: 'validation.year' })

export const paging = {
  page: z.number().int().min(1).optional().default(1),
  pageSize: z.number().int().min(1).max(200).optional().default(20)
}

/** Who may call a channel: nobody logged in needed, any logged-in user, or the listed roles. */
export type Access = 'public' | 'authenticated' | readonly Role[]

/** R-ROLE-7: whether a role may call a channel with this access rule — main enforces it, the renderer hides by it. */
export function roleAllows(access: Access, role: Role | null): boolean {
  if (access === 'public') return true
  if (role === null) return false
  if (access === 'authenticated') return true
  return access.includes(role)
}

export interface ChannelDef<I extends z.ZodType, O> {
  input: I
  access: Access
  /** Phantom: carries the output type; never set at run time. */
  output?: O
}

export function channel<O>() {
  return <I extends z.ZodType>(input: I, access: Access): ChannelDef<I, O> => ({ input, access })
}

export const RECORD_READERS = [
  'archivist',
  'archive_manager',
  'department_head',
  'staff_viewer',
  'deputy_gm',
  'gm'
] as const
/** R-ROLE-3..5: the accounts that sign consultation and loan requests, each for the chain step named like its role. */
export const SIGNER_ROLES = ['department_head', 'archive_manager', 'deputy_gm', 'gm'] as const
export const RECORD_WRITERS = ['archivist', 'archive_manager'] as const
/** R-SEC-2: the administrator and the archive staff take backups; only the administrator restores. */
export const BACKUP_ROLES = ['sysadmin', 'archivist', 'archive_manager'] as const
export const empty = z.strictObject({})

/** A record is an item (件) or a volume (案卷); loans, holds, appraisal and inspections name either. */
export const RECORD_KINDS = ['item', 'volume'] as const
export type RecordKind = (typeof RECORD_KINDS)[number]
export const recordRef = z.strictObject({ subject: z.enum(RECORD_KINDS, { message: 'validation.invalidValue' }), id })
export type RecordRef = z.output<typeof recordRef>

/** What every workflow needs to know about a record to decide whether it may lend, hold, appraise or destroy it. */
export interface RecordSummary {
  subject: RecordKind
  id: number
  archivalCode: string | null
  title: string
  documentNumber: string
  responsibleParty: string
  dateFormed: string
  year: number
  categoryCode: string
  retentionCode: string
  departmentCode: string
  classification: ClassificationCode
  pageCount: number
  sealedOriginal: boolean
  customerId: number | null
  /** The volume an item is filed in. */
  volumeId: number | null
  volumeCode: string | null
  /** Its own state; an item in a volume that is out is out with it, see `effectiveCustody`. */
  custody: CustodyState
  effectiveCustody: CustodyState
  homePath: string | null
  currentPath: string | null
  /** Open missing/damaged incidents on the record, on its volume (for an item) or on its items (for a volume). */
  openIncidents: number
}

export const INCIDENT_KINDS = ['missing', 'damaged'] as const

export interface Incident {
  id: number
  subject: RecordKind
  subjectId: number
  archivalCode: string | null
  title: string
  kind: (typeof INCIDENT_KINDS)[number]
  source: (typeof INCIDENT_SOURCES)[number]
  sourceId: number | null
  note: string
  openedOn: string
  openedBy: string
  resolution: (typeof INCIDENT_RESOLUTIONS)[number] | null
  resolutionNote: string
  resolvedOn: string | null
  resolvedBy: string | null
}

export interface PolicyVersion<T> {
  version: number
  createdAt: string
  createdBy: string
  data: T
}

export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'POLICY_DENIED',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'STORAGE',
  'INTERNAL'
] as const
export type ErrorCode = (typeof ERROR_CODES)[number]

export interface FieldError {
  path: string
  message: string
  params?: Record<string, string | number>
}

export interface AppError {
  code: ErrorCode
  message: string
  params?: Record<string, string | number>
  ruleId?: string
  details?: FieldError[]
}

export const batchIds = z
  .array(id)
  .min(1, { message: 'validation.required' })
  .max(MAX_BATCH, { message: 'validation.batchTooLarge' })

/** What a batch did: the records it changed, and for each other one why it was refused (nothing of it was kept). */
export interface BatchOutcome {
  done: number[]
  failed: { id: number; error: AppError }[]
}
