/** Channels of spreadsheet import and list export; spread into the contract in contract.ts. */
import { z } from 'zod'
import { customersQuery } from './contract-customers'
import { channel, RECORD_READERS, RECORD_WRITERS, required, type AppError } from './contract-kit'
import { itemsQuery, volumesQuery } from './contract-records'
import { IMPORT_FILE_BASE64_MAX } from './vocabulary'

export const IMPORT_TARGETS = ['items', 'customers'] as const
export type ImportTargetName = (typeof IMPORT_TARGETS)[number]

const importFile = {
  target: z.enum(IMPORT_TARGETS),
  fileName: required(255).refine((name) => /\.(xlsx|csv|txt)$/i.test(name), { message: 'validation.importFileType' }),
  base64: z
    .string()
    .min(1, { message: 'validation.required' })
    .max(IMPORT_FILE_BASE64_MAX, { message: 'validation.fileTooLarge' }),
  encoding: z.enum(['utf-8', 'gb18030']).optional()
}
const importPlan = {
  ...importFile,
  mapping: z.array(z.string().max(40).nullable()).max(200),
  /** Values for fields the file lacks, chosen in the form (e.g. the category all rows belong to). */
  defaults: z.record(z.string().max(40), z.string().max(200)).optional().default({})
}
export const importPreviewInput = z.strictObject(importFile)
export const importPlanInput = z.strictObject(importPlan)
export const importRunInput = z.strictObject({ ...importPlan, mode: z.enum(['validOnly', 'allOrNothing']) })

export interface ImportPreview {
  encoding: 'utf-8' | 'gb18030' | null
  headers: string[]
  sample: string[][]
  totalRows: number
  fields: string[]
  mapping: (string | null)[]
  /** True when the mapping is the one remembered for files of this layout. */
  remembered: boolean
}

export interface ImportRowError {
  row: number
  field: string
  message: string
  params?: Record<string, string | number>
}

export interface ImportReport {
  total: number
  valid: number
  duplicates: number
  errors: ImportRowError[]
  /** The row-by-row error list as .xlsx, base64. */
  reportBase64: string | null
}

export interface ImportResult {
  imported: number
  skippedDuplicates: number
  skippedInvalid: number
}

export interface ImportProgress {
  state: 'running' | 'done' | 'failed' | 'cancelled'
  done: number
  total: number
  result: ImportResult | null
  error: AppError | null
}

/** The columns the user sees, in order, with the labels shown for coded values (grades, classifications…). */
const exportColumns = z
  .array(
    z.strictObject({
      key: z.string().regex(/^[A-Za-z]{1,40}$/, { message: 'validation.invalidValue' }),
      title: required(60),
      labels: z.record(z.string().max(40), z.string().max(60)).optional()
    })
  )
  .min(1, { message: 'validation.atLeastOne' })
  .max(40)

export const EXPORT_VIEWS = ['customers', 'items', 'volumes'] as const

export const transferChannels = {
  'import.preview': channel<ImportPreview>()(importPreviewInput, RECORD_WRITERS),
  'import.dryRun': channel<ImportReport>()(importPlanInput, RECORD_WRITERS),
  'import.start': channel<{ jobId: string }>()(importRunInput, RECORD_WRITERS),
  'import.progress': channel<ImportProgress>()(
    z.strictObject({ jobId: z.uuid({ message: 'validation.invalidValue' }) }),
    RECORD_WRITERS
  ),
  'import.cancel': channel<null>()(
    z.strictObject({ jobId: z.uuid({ message: 'validation.invalidValue' }) }),
    RECORD_WRITERS
  ),
  'export.list': channel<{ fileName: string; base64: string; rows: number }>()(
    z.discriminatedUnion('view', [
      z.strictObject({ view: z.literal('customers'), query: customersQuery, columns: exportColumns }),
      z.strictObject({ view: z.literal('items'), query: itemsQuery, columns: exportColumns }),
      z.strictObject({ view: z.literal('volumes'), query: volumesQuery, columns: exportColumns })
    ]),
    RECORD_READERS
  )
} as const
