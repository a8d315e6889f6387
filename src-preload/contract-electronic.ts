/** Channels of electronic files and digitised scans attached to items (R-ELEC); spread into the contract in contract.ts. */
import { z } from 'zod'
import { channel, empty, id, RECORD_READERS, RECORD_WRITERS, required, type PolicyVersion } from './contract-kit'
import { FILE_ROLES, type FileRole, ATTACH_BASE64_MAX } from './vocabulary'

/** The types told from a file's content; anything else is stored as it is, as 'other'. */
export const FILE_TYPES = ['pdf', 'ofd', 'jpeg', 'tiff', 'png', 'other'] as const
export type FileType = (typeof FILE_TYPES)[number]

export interface ElectronicFile {
  id: number
  itemId: number
  role: FileRole
  /** Full SHA-256, lower-case hex: the file's address in the store and its fixity value. */
  sha256: string
  size: number
  type: FileType
  pages: number | null
  originalName: string
  version: number
  /** R-ELEC-4: the version this one replaced, and the one that replaced it (still stored, shown as superseded). */
  replacesId: number | null
  supersededBy: number | null
  attachedAt: string
  attachedBy: string
}

/** R-ELEC-4: one line of the modification ledger (修改台帐): who changed which file, when, why, both checksums. */
export interface LedgerEntry {
  id: number
  oldFileId: number
  newFileId: number
  oldName: string
  newName: string
  oldVersion: number
  newVersion: number
  oldSha256: string
  newSha256: string
  reason: string
  changedAt: string
  changedBy: string
}

export interface AttachResult {
  file: ElectronicFile
  /** The item already held this content: nothing was stored or registered again. */
  duplicate: boolean
}

/** A file shown in the app's viewer (R-ELEC-8): its bytes and the watermark it is shown and printed under. */
export interface ViewedFile {
  id: number
  originalName: string
  type: FileType
  base64: string
  /** The viewer's name and the time of viewing, laid over the file on screen and on paper. */
  watermark: string
}

const base64File = z
  .string()
  .min(1, { message: 'validation.required' })
  .max(ATTACH_BASE64_MAX, { message: 'validation.fileTooLarge' })
  // Decoding skips what is not base64 and stops at padding, so a data: URL or a cut-off text would be stored as
  // other bytes than were meant. No groups in the pattern: it must not recurse over 40 million characters.
  .refine((text) => text.length % 4 === 0 && /^[A-Za-z0-9+/]*={0,2}$/.test(text), {
    message: 'validation.invalidValue'
  })

export const attachInput = z.strictObject({
  itemId: id,
  role: z.enum(FILE_ROLES, { message: 'validation.invalidValue' }),
  fileName: required(255),
  base64: base64File
})

/** R-ELEC-4: a new version of a stored file; the reason is said in words and kept in the ledger. */
export const replaceInput = z.strictObject({
  fileId: id,
  fileName: required(255),
  base64: base64File,
  reason: required(500)
})

/** A batch is one scanner folder; a bigger one is attached in parts. */
export const BATCH_NAMES_MAX = 5000
export const SCAN_MATCH_STATUSES = ['matched', 'unmatched', 'ambiguous'] as const

/** 批量挂接 dry run: what one file name of a folder matches. */
export interface BatchPlanRow {
  name: string
  status: (typeof SCAN_MATCH_STATUSES)[number]
  sequence: number | null
  /** The matched item; null when unmatched or ambiguous. */
  itemId: number | null
  archivalCode: string | null
  title: string | null
  /** The archival codes an ambiguous name could mean. */
  candidates: string[]
}

export type FixityOutcome = 'ok' | 'mismatch' | 'missing'

/** R-ELEC-3: one machine check of the stored files, all or a sample, and how far it has got. */
export interface FixityRun {
  id: number
  scope: 'all' | 'sample'
  startedAt: string
  startedBy: string
  finishedAt: string | null
  total: number
  checked: number
  mismatched: number
  missing: number
}

/** R-ELEC-3: a full machine check is due this many years after the last one (每两年机读抽查: 2 by default). */
export const FIXITY_INTERVAL_YEARS = { min: 1, max: 10, default: 2 } as const

/** Out of bounds says both ends in words ("应在 1–10 之间"): main turns validation.range into validation.between. */
const fixityInterval = z
  .number({ message: 'validation.number' })
  .int({ message: 'validation.range' })
  .min(FIXITY_INTERVAL_YEARS.min, { message: 'validation.range' })
  .max(FIXITY_INTERVAL_YEARS.max, { message: 'validation.range' })

/**
 * R-ELEC-1: the largest file taken, in MB (MiB), checked before a file is read; 2 GB by default. A file this big is
 * streamed, never held in memory, so the bound is the store's disk rather than the app.
 */
export const MAX_FILE_MEGABYTES = { min: 1, max: 16_384, default: 2048 } as const

/** Electronic files' settings, edited by the archive manager; every save is a new version. */
export const electronicSettingsSchema = z.strictObject({
  fixityIntervalYears: fixityInterval,
  maxFileMegabytes: z
    .number({ message: 'validation.number' })
    .int({ message: 'validation.range' })
    .min(MAX_FILE_MEGABYTES.min, { message: 'validation.range' })
    .max(MAX_FILE_MEGABYTES.max, { message: 'validation.range' })
})
export type ElectronicSettings = z.output<typeof electronicSettingsSchema>

export const electronicChannels = {
  'electronic.list': channel<ElectronicFile[]>()(z.strictObject({ itemId: id }), RECORD_READERS),
  'electronic.attach': channel<AttachResult>()(attachInput, RECORD_WRITERS),
  'electronic.batchPlan': channel<BatchPlanRow[]>()(
    z.strictObject({ names: z.array(required(255)).min(1).max(BATCH_NAMES_MAX, { message: 'validation.tooMany' }) }),
    RECORD_WRITERS
  ),
  'electronic.replace': channel<AttachResult>()(replaceInput, RECORD_WRITERS),
  'electronic.ledger': channel<LedgerEntry[]>()(z.strictObject({ itemId: id }), RECORD_READERS),
  'print.electronicLedger': channel<{ html: string }>()(z.strictObject({ itemId: id }), RECORD_WRITERS),
  'electronic.view': channel<ViewedFile>()(z.strictObject({ fileId: id }), RECORD_READERS),
  'electronic.fixityStart': channel<FixityRun>()(
    z.strictObject({
      sample: z
        .number({ message: 'validation.number' })
        .int({ message: 'validation.range' })
        .min(1, { message: 'validation.range' })
        .max(1_000_000, { message: 'validation.range' })
        .nullable()
    }),
    RECORD_WRITERS
  ),
  'electronic.fixityLatest': channel<FixityRun | null>()(z.strictObject({}), RECORD_READERS),
  'settings.getElectronic': channel<PolicyVersion<ElectronicSettings>>()(empty, RECORD_READERS),
  'settings.electronicHistory': channel<PolicyVersion<ElectronicSettings>[]>()(empty, ['archive_manager']),
  'settings.saveElectronic': channel<PolicyVersion<ElectronicSettings>>()(electronicSettingsSchema, [
    'archive_manager'
  ]),
  'print.fixityReport': channel<{ html: string }>()(z.strictObject({ runId: id }), RECORD_WRITERS),
  'print.viewedFile': channel<{ html: string }>()(z.strictObject({ fileId: id }), RECORD_READERS),
  'print.electronicRegister': channel<{ html: string }>()(
    z.strictObject({ itemIds: z.array(id).min(1).max(BATCH_NAMES_MAX, { message: 'validation.tooMany' }) }),
    RECORD_WRITERS
  )
}
