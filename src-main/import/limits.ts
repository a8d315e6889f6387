/*
 * How much work one import may ask for. The file size alone says little: a 24 MB CSV holds a million rows, a
 * 400 KB xlsx can inflate to gigabytes. Each limit has its own message, so the person knows what to split or trim.
 */
export interface ImportLimits {
  /** Data rows, the header row not counted; Excel's own sheet holds 1 048 576 rows. */
  rows: number
  /** Columns that hold anything; empty columns beyond the table do not count. */
  columns: number
  /** Characters in one cell; the longest field a form accepts is far shorter. */
  cellLength: number
  /** Bytes of an .xlsx once unzipped, claimed by the zip and counted while inflating. */
  uncompressedBytes: number
}

export const IMPORT_LIMITS: ImportLimits = {
  rows: 1_048_576,
  columns: 200,
  cellLength: 10_000,
  uncompressedBytes: 1024 * 1024 * 1024
}

const MESSAGES: Record<keyof ImportLimits, string> = {
  rows: 'errors.importTooManyRows',
  columns: 'errors.importTooManyColumns',
  cellLength: 'errors.importCellTooLong',
  uncompressedBytes: 'errors.importTooLargeUnzipped'
}

/** A file over a limit; carries the message key and the limit as the person should read it. */
export class ImportLimitExceeded extends Error {
  readonly params: Record<string, number>

  constructor(
    readonly limit: keyof ImportLimits,
    limits: ImportLimits,
    where: { row?: number; column?: number } = {}
  ) {
    super(MESSAGES[limit])
    const value = limit === 'uncompressedBytes' ? Math.round(limits.uncompressedBytes / (1024 * 1024)) : limits[limit]
    this.params = { limit: value, ...where }
  }
}
