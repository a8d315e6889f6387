import type { Db } from '../db/connection'
import { contactCodec, recordedContacts } from '../db/customers'
import { fieldKeyOf } from '../db/field-codec'
import { keepTitleBucketsSmall, makeTitleBucketsRoom } from '../db/item-search'
import {
  customerInput,
  itemInput,
  type FilingSettings,
  type ImportPreview,
  type ImportProgress,
  type ImportReport,
  type ImportResult,
  type ImportRowError,
  type ParsedInput
} from '@preload/contract'
import crypto from 'node:crypto'
import { AppFailure, appErrorOf, fieldErrors, notFound } from '../errors'
import { IMPORT_LIMITS, type ImportLimits } from '../import/limits'
import {
  IMPORT_FIELDS,
  layoutKey,
  normaliseDate,
  normaliseEnum,
  proposeMapping,
  type ImportTarget
} from '../import/parse'
import type { TablePart } from '../import/read'
import { inProcessSource, type TableSource } from '../import/source'
import { highestNumber, seriesKey } from '../policy/codes'
import { retentionOf } from '../policy/disposal'
import { filingYear } from '../policy/filing'
import { listWorkbook } from '../reports/xlsx'
import type { Actor, Store } from '../store'
import { appendAuditBatch } from './audit-chain'
import { unknownCodes } from './items'
import type { SettingsService } from './settings'

const SAMPLE_ROWS = 10
/** A preview shows what a column holds, not all of it: a long cell is cut here and marked with '…'. */
const SAMPLE_CELL = 200
const REPORTED_ERRORS = 5000
/** The downloadable error list stops here; a file with more problems than this is the wrong file or mapping. */
const ERROR_REPORT_ROWS = 100_000
const REQUIRED: Record<ImportTarget, string[]> = {
  items: ['title', 'responsibleParty', 'dateFormed', 'pageCount'],
  customers: ['name', 'legalRepresentative']
}
const DATE_FIELDS = new Set(['dateFormed', 'receivedOn', 'dateOpened', 'meetingOpenedOn'])
const NUMBER_FIELDS = new Set(['pageCount', 'registeredCapital', 'periodStartYear', 'periodEndYear'])
const ENUM_FIELDS = new Set(['classification', 'openStatus', 'grade', 'retentionCode'])

interface ImportJob extends ImportProgress {
  cancelled: boolean
}

interface Writing {
  job: ImportJob
  allOrNothing: boolean
  accept: (records: Analysed[], policy: FilingSettings) => Promise<void>
  /** Told the titles of every row a dry run checked, before the first is written, when that dry run's rows are taken. */
  beforeWriting?: (titles: string[]) => Promise<void>
}

interface Scan {
  headers: string[]
  total: number
  valid: number
  duplicates: number
  invalidRows: number
  /** The first ERROR_REPORT_ROWS problems. */
  errors: ImportRowError[]
  policy: FilingSettings
}

/** A batch of the file's rows after the form's checks: the rows that pass, the problems of those that do not. */
interface Checked {
  rows: Analysed[]
  problems: ImportRowError[]
  /** Rows with a problem (one row may have several). */
  invalid: number
}

/** What a reading of the file found besides its rows. */
interface Shape {
  headers: string[]
  width: number
  total: number
}

/**
 * The rows a dry run checked take this much memory at most, as UTF-8 JSON (about 60 MB for 100 000 catalogue rows);
 * a larger file is read and checked again by its import, so memory stays bounded whatever the file's size.
 */
const CHECKED_ROWS_BYTES = 128 * 1024 * 1024

/**
 * The rows the latest dry run checked, for the import of the same file that follows it: kept under the plan's key
 * (the file's bytes, name, encoding, target, mapping and defaults) and the filing settings they were checked under, so
 * an import of another file, another mapping or under changed settings never takes them. One plan at a time, handed
 * over once. Only the form's checks are kept: whether a row is in the database already is asked again at import.
 */
class CheckedRows {
  private kept: { key: string; policy: string; shape: Shape; batches: Buffer[]; titles: string[] } | null = null

  start(key: string, policy: FilingSettings, shape: Shape) {
    this.kept = null
    const batches: Buffer[] = []
    const titles: string[] = []
    let bytes = 0
    return {
      add: (batch: Checked) => {
        if (bytes > CHECKED_ROWS_BYTES) return
        const json = Buffer.from(JSON.stringify(batch), 'utf8')
        bytes += json.length
        if (bytes <= CHECKED_ROWS_BYTES) {
          batches.push(json)
          for (const record of batch.rows) titles.push(String(record.values.title ?? ''))
        } else {
          batches.length = 0
          titles.length = 0
        }
      },
      finish: () => {
        if (bytes <= CHECKED_ROWS_BYTES) this.kept = { key, policy: JSON.stringify(policy), shape, batches, titles }
      }
    }
  }

  take(
    key: string,
    policy: FilingSettings
  ): { shape: Shape; titles: string[]; batches: () => AsyncGenerator<Checked> } | null {
    const kept = this.kept
    if (kept === null || kept.key !== key) return null
    this.kept = null
    if (kept.policy !== JSON.stringify(policy)) return null
    return {
      shape: { ...kept.shape },
      titles: kept.titles,
      batches: async function* () {
        for (const json of kept.batches) {
          yield JSON.parse(json.toString('utf8')) as Checked
          // Between two batches the event loop answers progress questions and notices a cancel, as when reading.
          await new Promise((resolve) => setImmediate(resolve))
        }
      }
    }
  }
}

const shorten = (text: string) => (text.length > SAMPLE_CELL ? `${text.slice(0, SAMPLE_CELL)}…` : text)
const fit = (cells: string[], width: number) => Array.from({ length: width }, (_, i) => cells[i] ?? '')

/** Where an item is filed: its year (R-FILE-2) and, for a code that follows the template, its series and number. */
interface Filing {
  year: number
  yearReason: string
  seriesKey: string | null
  itemNumber: number | null
}

interface Analysed {
  row: number
  values: Record<string, unknown>
  key: string
  archivalCode: string | null
  /** Items only. */
  filing: Filing | null
}

/**
 * What keeps a checked row out: another row of the file first had its key (the same document, or its code with another
 * document, named by `title`), or first had its code's number.
 */
type Clash = { row: number; numberOf: string | null; title: string | null } | null
type Taken = { row: number; code: string }
type Twin = { row: number; title: string | null; date: string | null }

/**
 * What makes a coded row the one already in the database: its code, title and date formed. A code that stays but
 * with another title or date is another document, reported as such, never counted as imported already; the other
 * fields (pages, remarks…) may have been corrected since, and the item in the archive is then the one that counts.
 */
const codedIdentity = (values: Record<string, unknown>): [string, string] => [
  String(values.title),
  String(values.dateFormed)
]

const normaliseName = (name: string) => name.replace(/\s+/g, '').toLowerCase()
const itemKey = (v: Record<string, unknown>) =>
  v.archivalCode
    ? `code:${v.archivalCode}`
    : `doc:${v.title}|${v.dateFormed}|${v.documentNumber ?? ''}|${v.responsibleParty}`

/** Scans at work on one connection at once (two dry runs share the reader) each have their own table of keys. */
let seenTables = 0

/**
 * The keys a scan has accepted so far, for duplicates inside the file: a TEMP table of the scan's connection (a
 * read-only connection may create one too), which SQLite keeps in a temporary file, not in memory. Dropped when the
 * scan ends, however it ends; on the writer it is also gone with a rollback. A coded item also holds its series and
 * number, so two codes padded differently (…-0001, …-000001) cannot both take number 1 of a series.
 */
function seenKeys(db: Db) {
  const connection = db.connection
  const name = `temp.import_seen_${++seenTables}`
  // One insert per accepted row keeps both its key and its series number (a second index of the same table).
  connection.exec(
    `CREATE TEMP TABLE IF NOT EXISTS ${name.slice(5)} (key TEXT PRIMARY KEY, row INTEGER NOT NULL, code TEXT,
      series TEXT, number INTEGER, title TEXT, date TEXT, UNIQUE (series, number)) WITHOUT ROWID`
  )
  connection.exec(`DELETE FROM ${name}`)
  const insert = connection.prepare(
    `INSERT INTO ${name} (key, row, code, series, number, title, date) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING`
  )
  const byKey = connection.prepare(`SELECT row, title, date FROM ${name} WHERE key = ?`)
  const byNumber = connection.prepare(`SELECT row, code FROM ${name} WHERE series = ? AND number = ?`)
  const add = connection.transaction((records: Analysed[], each: (record: Analysed, clash: Clash) => void) => {
    for (const record of records) {
      const { key, row, archivalCode, filing } = record
      // A coded row keeps its title and date, so a later row with its code is told apart from a copy of it.
      const [title, date] = archivalCode ? codedIdentity(record.values) : [null, null]
      // Inserted, not looked up first: nearly every row is new, and then the insert is all it costs.
      const fresh = insert.run(
        key,
        row,
        archivalCode,
        filing?.seriesKey ?? null,
        filing?.itemNumber ?? null,
        title,
        date
      )
      if (fresh.changes === 1) each(record, null)
      else {
        const twin = byKey.get(key) as Twin | undefined
        if (twin === undefined) {
          const taken = byNumber.get(filing!.seriesKey, filing!.itemNumber) as Taken
          each(record, { row: taken.row, numberOf: taken.code, title: null })
        } else
          each(record, {
            row: twin.row,
            numberOf: null,
            title: twin.title === title && twin.date === date ? null : twin.title
          })
      }
    }
  })
  return {
    /** Calls `each` for every record in order with the row it clashes with, or null if it is the first. */
    add: (records: Analysed[], each: (record: Analysed, clash: Clash) => void) => add(records, each),
    drop: () => connection.exec(`DROP TABLE IF EXISTS ${name}`)
  }
}

const uniqueProblems = <P extends { path: string; message: string }>(problems: P[]) =>
  problems.filter((p, i) => problems.findIndex((q) => q.path === p.path && q.message === p.message) === i)

/** How a row that clashes with an earlier row of the file is reported. */
function clashProblem(
  record: Analysed,
  { row, numberOf, title }: NonNullable<Clash>,
  target: ImportTarget
): ImportRowError {
  const code = String(record.archivalCode)
  if (numberOf !== null)
    return {
      row: record.row,
      field: 'archivalCode',
      message: 'import.numberTakenInFile',
      params: { row, code, existing: numberOf }
    }
  if (title !== null)
    return { row: record.row, field: 'archivalCode', message: 'import.codeTakenInFile', params: { row, code, title } }
  return {
    row: record.row,
    field: target === 'items' ? 'archivalCode' : 'name',
    message: 'import.duplicateInFile',
    params: { row }
  }
}

/**
 * Of a batch's rows: keys the database already holds (the same document imported before), codes an item of another
 * document holds (that item's title and date) and codes whose series number an item of another code holds.
 */
interface InDatabase {
  duplicates: Set<Analysed>
  codesHeld: Map<Analysed, { title: string; date: string }>
  numbersTaken: Map<Analysed, string>
}

type Holder = { code: string; title: string; date: string }

const NAME_KEY = 'import_name_key'
const withNameKey = new WeakSet<object>()

/**
 * Which of a batch's keys the database already holds, looked up through the database's indexes, a batch at a time.
 * Only rows that were there when the scan began count (ids up to the highest then), so rows this import writes
 * between batches are never mistaken for rows of the database: a second equal row in the file is reported as a
 * duplicate in the file, as it would be within one batch.
 */
function inDatabase(db: Db, target: ImportTarget) {
  const connection = db.connection
  if (target === 'customers') {
    // A name's key folds Unicode white space and case as JavaScript does, which SQLite's lower() cannot (ASCII
    // only), so no index on the name finds every equal name: one pass over the names per batch, in SQLite, holding
    // nothing but the matches.
    if (!withNameKey.has(connection)) {
      connection.function(NAME_KEY, { deterministic: true }, (name: unknown) => `name:${normaliseName(String(name))}`)
      withNameKey.add(connection)
    }
    const upTo = connection.prepare('SELECT coalesce(max(id), 0) FROM customers').pluck().get() as number
    const names = connection
      .prepare(
        `SELECT DISTINCT ${NAME_KEY}(name) FROM customers WHERE id <= ? AND ${NAME_KEY}(name) IN (SELECT value FROM json_each(?))`
      )
      .pluck()
    return {
      existing: (records: Analysed[]): InDatabase => {
        const found =
          records.length === 0
            ? new Set<string>()
            : new Set(names.all(upTo, JSON.stringify([...new Set(records.map((r) => r.key))])) as string[])
        return {
          duplicates: new Set(records.filter((r) => found.has(r.key))),
          codesHeld: new Map(),
          numbersTaken: new Map()
        }
      }
    }
  }
  const upTo = connection.prepare('SELECT coalesce(max(id), 0) FROM items').pluck().get() as number
  // A row with a code is in the database when the item with that code (the unique index on archival_code) has its
  // title and date; a row without one when an item, with a code or without, has the same title, date, document
  // number and responsible party (the index on title; the unary + keeps SQLite from choosing the far less selective
  // index on the date).
  const byCode = connection.prepare(
    `SELECT archival_code AS code, title, date_formed AS date FROM items
      WHERE archival_code IN (SELECT value FROM json_each(?)) AND id <= ?`
  )
  const byDocument = connection
    .prepare(
      `SELECT DISTINCT d.key FROM json_each(?) d
      WHERE EXISTS (SELECT 1 FROM items i
        WHERE i.title = json_extract(d.value, '$[0]') AND +i.date_formed = json_extract(d.value, '$[1]')
          AND +i.document_number = json_extract(d.value, '$[2]') AND +i.responsible_party = json_extract(d.value, '$[3]') AND i.id <= ?)`
    )
    .pluck()
  // R-FILE-10: a series' number belongs to one code; a code padded otherwise (…-000001 for …-0001) still takes it.
  const byNumber = connection.prepare(
    `SELECT d.key AS at, i.archival_code AS code FROM json_each(?) d
      JOIN items i ON i.series_key = json_extract(d.value, '$[0]') AND i.item_number = json_extract(d.value, '$[1]')
      WHERE i.id <= ?`
  )
  return {
    existing: (records: Analysed[]): InDatabase => {
      // By record, not by key: two rows of one code may be the item in the database and another document.
      const found = new Set<Analysed>()
      const codesHeld = new Map<Analysed, { title: string; date: string }>()
      const numbersTaken = new Map<Analysed, string>()
      const coded = records.filter((r) => r.archivalCode)
      if (coded.length > 0) {
        const holders = byCode.all(JSON.stringify(coded.map((r) => r.archivalCode)), upTo) as Holder[]
        const holderOf = new Map(holders.map((holder) => [holder.code, holder]))
        for (const record of coded) {
          const holder = holderOf.get(record.archivalCode!)
          if (holder === undefined) continue
          const [title, date] = codedIdentity(record.values)
          if (holder.title === title && holder.date === date) found.add(record)
          else codesHeld.set(record, { title: holder.title, date: holder.date })
        }
      }
      const documents = records.filter((r) => !r.archivalCode)
      if (documents.length > 0) {
        const fields = documents.map(({ values: v }) => [
          String(v.title),
          String(v.dateFormed),
          String(v.documentNumber ?? ''),
          String(v.responsibleParty)
        ])
        for (const at of byDocument.all(JSON.stringify(fields), upTo) as number[]) found.add(documents[at])
      }
      const numbered = coded.filter((r) => r.filing?.itemNumber != null && !found.has(r) && !codesHeld.has(r))
      if (numbered.length > 0) {
        const pairs = JSON.stringify(numbered.map((r) => [r.filing!.seriesKey, r.filing!.itemNumber]))
        for (const { at, code } of byNumber.all(pairs, upTo) as { at: number; code: string }[])
          numbersTaken.set(numbered[at], code)
      }
      return { duplicates: found, codesHeld, numbersTaken }
    }
  }
}

/**
 * R-FILE-2: the year an item is filed under; R-FILE-10: a code that follows this room's template takes its series'
 * number, so numbering stays continuous, and any other legacy code is kept as text.
 */
function filingOf(values: Record<string, unknown>, archivalCode: string | null, policy: FilingSettings): Filing {
  const decision = filingYear(
    { id: 0, kind: (values.documentKind as never) ?? 'ordinary', dateFormed: String(values.dateFormed) },
    [],
    []
  )
  const series = seriesKey(policy.itemCodeTemplate, {
    fonds: String(values.fondsCode),
    category: String(values.categoryCode),
    year: decision.value,
    retention: String(values.retentionCode),
    department: String(values.departmentCode)
  })
  const numbered =
    archivalCode !== null && archivalCode.startsWith(series) && /^\d+$/.test(archivalCode.slice(series.length))
  return {
    year: decision.value,
    yearReason: JSON.stringify({
      ruleId: decision.ruleId,
      reason: decision.reason,
      ...(decision.params ? { params: decision.params } : {})
    }),
    seriesKey: numbered ? series : null,
    itemNumber: numbered ? Number(archivalCode.slice(series.length)) : null
  }
}

/** The same file with the same mapping and defaults: a dry run tells the import how many rows it will write. */
const planKey = (input: ParsedInput<'import.dryRun'>) =>
  crypto
    .createHash('sha256')
    .update(JSON.stringify([input.target, input.fileName, input.encoding ?? null, input.mapping, input.defaults]))
    .update(input.base64)
    .digest('hex')

/**
 * The writer's page cache while an import runs, in KiB (SQLite's default is 2 MiB). Every row goes into each index of
 * its table at its own place; with a million items those pages no longer fit the default cache and are read from
 * disk again and again, which doubled the time of the same inserts (test/bench/import.bench.ts). Given back after.
 */
const IMPORT_CACHE_KIB = 64 * 1024

/** Dry runs remembered for the progress bar of the import that follows; a few numbers, never rows. */
const PLANS_KEPT = 20

/**
 * Existing catalogues into the database: the same rules as the forms, a dry run first, then one transaction that
 * imports the valid rows or nothing. Rows already in the database are recognised, so importing a file twice adds
 * nothing the second time. The file is read as a stream of row batches (off the main thread when a worker is
 * given) and nothing holds the whole table, so the memory an import takes does not grow with its rows beyond the
 * bounded copy of the rows a dry run checked (CHECKED_ROWS_BYTES), kept for the import that follows it.
 */
export class ImportsService {
  private readonly jobs = new Map<string, ImportJob>()
  private readonly planned = new Map<string, number>()
  private readonly checkedRows = new CheckedRows()

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly source: TableSource = inProcessSource,
    private readonly limits: ImportLimits = IMPORT_LIMITS
  ) {}

  /** The file's parts; between two batches the event loop answers other people's requests. */
  private async *parts(input: ParsedInput<'import.preview'>): AsyncGenerator<TablePart> {
    const request = {
      bytes: Buffer.from(input.base64, 'base64'),
      fileName: input.fileName,
      encoding: input.encoding,
      limits: this.limits
    }
    for await (const part of this.source(request)) {
      yield part
      await new Promise((resolve) => setImmediate(resolve))
    }
  }

  async preview(input: ParsedInput<'import.preview'>): Promise<ImportPreview> {
    let start: Extract<TablePart, { kind: 'start' }> = { kind: 'start', headers: [], encoding: null }
    let end: Extract<TablePart, { kind: 'end' }> = { kind: 'end', width: 0, rows: 0 }
    const sample: string[][] = []
    for await (const part of this.parts(input)) {
      if (part.kind === 'start') start = part
      else if (part.kind === 'end') end = part
      else sample.push(...part.rows.slice(0, SAMPLE_ROWS - sample.length))
    }
    const headers = fit(start.headers, end.width)
    const remembered = (await this.settings.importMappings.current()).data[layoutKey(input.target, headers)]
    return {
      encoding: start.encoding,
      headers: headers.map(shorten),
      sample: sample.map((cells) => fit(cells, end.width).map(shorten)),
      totalRows: end.rows,
      fields: [...IMPORT_FIELDS[input.target]],
      mapping: remembered ?? proposeMapping(input.target, headers),
      remembered: remembered !== undefined
    }
  }

  private checkMapping(target: ImportTarget, width: number | null, mapping: (string | null)[]): void {
    const problems: { path: string; message: string; params?: Record<string, string> }[] = []
    if (width !== null && mapping.length !== width)
      problems.push({ path: 'mapping', message: 'validation.mappingLength' })
    const used = mapping.filter((field): field is string => field !== null)
    for (const field of used) {
      if (!IMPORT_FIELDS[target].includes(field))
        problems.push({ path: 'mapping', message: 'validation.unknownColumn', params: { column: field } })
    }
    const twice = used.find((field, index) => used.indexOf(field) !== index)
    if (twice) problems.push({ path: 'mapping', message: 'validation.mappedTwice', params: { field: twice } })
    for (const field of REQUIRED[target])
      if (!used.includes(field))
        problems.push({ path: 'mapping', message: 'validation.mappingMissing', params: { field } })
    if (problems.length > 0) throw new AppFailure('VALIDATION', 'errors.validation', { details: problems })
  }

  /**
   * Turns one spreadsheet row into the input the form would send, with dates, numbers and labels normalised; an
   * item's code and a customer's contact are taken aside, since the form's schema has no place for them as columns.
   */
  private record(
    target: ImportTarget,
    cells: string[],
    mapping: (string | null)[],
    defaults: Record<string, string>,
    retentionNames: Record<string, string>
  ): { values: Record<string, unknown>; archivalCode: string | null } {
    const values: Record<string, unknown> = { ...defaults }
    let archivalCode: string | null = null
    let contactName = ''
    let contactPhone = ''
    mapping.forEach((field, column) => {
      const raw = (cells[column] ?? '').trim()
      if (!field || raw === '') return
      if (field === 'archivalCode') archivalCode = raw
      else if (field === 'contactName') contactName = raw
      else if (field === 'contactPhone') contactPhone = raw
      else if (DATE_FIELDS.has(field)) values[field] = normaliseDate(raw) ?? raw
      else if (NUMBER_FIELDS.has(field)) values[field] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw
      else if (ENUM_FIELDS.has(field)) values[field] = normaliseEnum(field, raw, retentionNames)
      else values[field] = raw
    })
    if (target === 'customers' && contactName) values.contacts = [{ name: contactName, phone: contactPhone }]
    return { values, archivalCode }
  }

  /**
   * The file's rows checked as the form would check them, a batch at a time: the rows that pass with their filing, and
   * the problems of those that do not. Depends on nothing but the file, the mapping, the defaults and `policy`.
   */
  private async *checkedBatches(
    input: ParsedInput<'import.dryRun'>,
    policy: FilingSettings,
    shape: Shape
  ): AsyncGenerator<Checked> {
    const maxNumber = highestNumber(policy.itemCodeTemplate)
    const retentionNames = Object.fromEntries(
      policy.retentionPeriods.flatMap((p) => [
        [p.name, p.code],
        [p.code, p.code]
      ])
    )
    const schema = input.target === 'items' ? itemInput : customerInput
    for await (const part of this.parts(input)) {
      if (part.kind === 'start') shape.headers = part.headers
      if (part.kind === 'end') shape.width = part.width
      if (part.kind !== 'rows') continue
      const batch: Checked = { rows: [], problems: [], invalid: 0 }
      for (const [at, cells] of part.rows.entries()) {
        shape.total++
        const row = part.numbers[at]
        const { values, archivalCode } = this.record(input.target, cells, input.mapping, input.defaults, retentionNames)
        const parsed = schema.safeParse(values)
        const problems = parsed.success ? [] : fieldErrors(parsed.error)
        if (parsed.success && input.target === 'items') problems.push(...unknownCodes(parsed.data as never, policy))
        if (problems.length > 0) {
          batch.invalid += 1
          // A value can fail two checks with one message (a date that is neither YYYY-MM-DD nor real): listed once.
          for (const problem of uniqueProblems(problems))
            batch.problems.push({
              row,
              field: problem.path,
              message: problem.message,
              ...(problem.params ? { params: problem.params } : {})
            })
          continue
        }
        // The schema's output is an object of its own, so the code goes back onto it rather than into a copy.
        const data = parsed.data as Record<string, unknown>
        if (archivalCode) data.archivalCode = archivalCode
        const key = input.target === 'items' ? itemKey(data) : `name:${normaliseName(String(data.name))}`
        const filing = input.target === 'items' ? filingOf(data, archivalCode, policy) : null
        // A number wider than the template's counter would be taken as the series' last: every later code in
        // that series would then be out of range and nothing more could be numbered in it.
        if (filing?.itemNumber != null && filing.itemNumber > maxNumber) {
          batch.invalid += 1
          batch.problems.push({
            row,
            field: 'archivalCode',
            message: 'import.numberOutOfRange',
            params: { code: String(archivalCode), max: maxNumber }
          })
          continue
        }
        batch.rows.push({ row, values: data, key, archivalCode, filing })
      }
      yield batch
    }
  }

  /**
   * Reads the file once, checking every row as the form would. A dry run only counts; an import (`writing`) hands
   * the rows that pass to `accept` a batch at a time as it goes, so the file is read and checked once per import,
   * and nothing holds the whole table in memory. An import of the file a dry run has just checked, under the same
   * settings, takes the rows that dry run checked instead of reading and checking the file again; what the database
   * holds is looked up again either way. With `allOrNothing`, nothing more is accepted after the first problem (the
   * caller then rolls back what was).
   */
  private async scan(db: Db, input: ParsedInput<'import.dryRun'>, writing?: Writing): Promise<Scan> {
    this.checkMapping(input.target, null, input.mapping)
    const policy = (await this.settings.filing(db)).data
    const key = planKey(input)
    const checkedBefore = writing ? this.checkedRows.take(key, policy) : null
    const shape: Shape = checkedBefore?.shape ?? { headers: [], width: 0, total: 0 }
    const keeping = writing ? null : this.checkedRows.start(key, policy, shape)
    // Nothing here holds a row beyond the batch in hand: rows already in the database are looked up a batch at a
    // time (the database's own indexes answer, never a copy of its keys), and the keys this file has accepted so far
    // are kept in a TEMP table of the connection the scan runs on, which SQLite keeps on disk (TEMP_STORE=1).
    const table = inDatabase(db, input.target)
    const seen = seenKeys(db)
    const scan: Scan = { headers: [], total: 0, valid: 0, duplicates: 0, invalidRows: 0, errors: [], policy }
    const report = (error: ImportRowError) => {
      if (scan.errors.length < ERROR_REPORT_ROWS) scan.errors.push(error)
    }
    try {
      if (checkedBefore) await writing?.beforeWriting?.(checkedBefore.titles)
      const batches = checkedBefore ? checkedBefore.batches() : this.checkedBatches(input, policy, shape)
      for await (const batch of batches) {
        if (writing?.job.cancelled) throw new AppFailure('CONFLICT', 'import.cancelled')
        keeping?.add(batch)
        const checked = batch.rows
        const problemsOfBatch = [...batch.problems]
        scan.invalidRows += batch.invalid
        const existing = table.existing(checked)
        const fresh: Analysed[] = []
        for (const record of checked) {
          const taken = existing.numbersTaken.get(record)
          const holder = existing.codesHeld.get(record)
          if (existing.duplicates.has(record)) scan.duplicates += 1
          else if (holder !== undefined) {
            scan.invalidRows += 1
            problemsOfBatch.push({
              row: record.row,
              field: 'archivalCode',
              message: 'import.codeTaken',
              params: { code: String(record.archivalCode), title: holder.title, date: holder.date }
            })
          } else if (taken === undefined) fresh.push(record)
          else {
            scan.invalidRows += 1
            problemsOfBatch.push({
              row: record.row,
              field: 'archivalCode',
              message: 'import.numberTaken',
              params: { code: String(record.archivalCode), existing: taken }
            })
          }
        }
        const accepted: Analysed[] = []
        // In row order, so the first of two equal rows is the one accepted.
        seen.add(fresh, (record, clash) => {
          if (clash === null) accepted.push(record)
          else {
            scan.invalidRows += 1
            problemsOfBatch.push(clashProblem(record, clash, input.target))
          }
        })
        // The list stays in row order (a row has either its own problems or a duplicate, never both; the sort is stable).
        for (const problem of problemsOfBatch.sort((a, b) => a.row - b.row)) report(problem)
        scan.valid += accepted.length
        if (writing && accepted.length > 0 && !(writing.allOrNothing && scan.invalidRows > 0))
          await writing.accept(accepted, policy)
      }
      keeping?.finish()
    } finally {
      seen.drop()
    }
    scan.headers = shape.headers
    scan.total = shape.total
    this.checkMapping(input.target, shape.width, input.mapping)
    return scan
  }

  async dryRun(input: ParsedInput<'import.dryRun'>): Promise<ImportReport> {
    const { total, valid, duplicates, errors } = await this.scan(this.store.db, input)
    const key = planKey(input)
    this.planned.delete(key)
    this.planned.set(key, valid)
    if (this.planned.size > PLANS_KEPT) this.planned.delete(this.planned.keys().next().value!)
    return {
      total,
      valid,
      duplicates,
      errors: errors.slice(0, REPORTED_ERRORS),
      reportBase64: errors.length === 0 ? null : (await this.errorReport(errors)).toString('base64')
    }
  }

  private errorReport(errors: ImportRowError[]): Promise<Buffer> {
    return listWorkbook(
      '导入错误',
      [
        { key: 'row', title: '行号' },
        { key: 'field', title: '字段' },
        { key: 'message', title: '问题' }
      ],
      errors.map((e) => ({ ...e, message: e.params ? `${e.message} ${JSON.stringify(e.params)}` : e.message }))
    )
  }

  /** Starts the import as a job: the caller follows its progress and may cancel it, which rolls everything back. */
  start(actor: Actor, input: ParsedInput<'import.start'>): { jobId: string } {
    const jobId = crypto.randomUUID()
    const job: ImportJob = { state: 'running', done: 0, total: 0, result: null, error: null, cancelled: false }
    this.jobs.set(jobId, job)
    this.run(actor, input, job)
      .then((result) => {
        job.result = result
        job.state = 'done'
      })
      .catch((error: unknown) => {
        job.state = job.cancelled ? 'cancelled' : 'failed'
        job.error = appErrorOf(error)
      })
    return { jobId }
  }

  progress(jobId: string): ImportProgress {
    const job = this.jobs.get(jobId)
    if (!job) throw notFound('errors.importJobNotFound')
    const { cancelled: _cancelled, ...state } = job
    if (job.state !== 'running') this.jobs.delete(jobId)
    return state
  }

  cancel(jobId: string): void {
    const job = this.jobs.get(jobId)
    if (!job) throw notFound('errors.importJobNotFound')
    job.cancelled = true
  }

  private run(actor: Actor, input: ParsedInput<'import.start'>, job: ImportJob): Promise<ImportResult> {
    return this.store.write(actor, async ({ db, now }) => {
      job.total = this.planned.get(planKey(input)) ?? 0
      const connection = db.connection
      const cache = connection.pragma('cache_size', { simple: true }) as number
      connection.pragma(`cache_size = -${IMPORT_CACHE_KIB}`)
      try {
        return await this.importWithin(db, actor, now, input, job)
      } finally {
        connection.pragma(`cache_size = ${cache}`)
      }
    })
  }

  private async importWithin(
    db: Db,
    actor: Actor,
    now: Date,
    input: ParsedInput<'import.start'>,
    job: ImportJob
  ): Promise<ImportResult> {
    // One reading checks and writes as it goes; between batches the event loop answers progress questions and
    // notices a cancel, which rolls back. 'All or nothing' stops writing at the first problem and rolls back too.
    const plan = await this.scan(db, input, {
      job,
      allOrNothing: input.mode === 'allOrNothing',
      // The whole file's titles are given room in title order at once when known, each batch's before it is written.
      beforeWriting: input.target === 'items' ? (titles) => makeTitleBucketsRoom(db, titles) : undefined,
      accept: async (records, policy) => {
        if (input.target === 'items')
          await makeTitleBucketsRoom(
            db,
            records.map((record) => String(record.values.title))
          )
        const ids =
          input.target === 'items'
            ? this.insertItems(db, actor, now, records, policy)
            : this.insertCustomers(db, actor, now, records)
        if (input.target === 'items') await keepTitleBucketsSmall(db, ids)
        await appendAuditBatch(
          db,
          actor,
          now,
          records.map((record, index) => ({
            entity: input.target === 'items' ? 'item' : 'customer',
            entityId: ids[index],
            action: 'import',
            // S124–S125: an imported contact's phone is sealed in the log as in its table.
            after: recordedContacts(
              fieldKeyOf(db),
              { ...record.values, source: { file: input.fileName, row: record.row } },
              'seal'
            )
          }))
        )
        job.done += records.length
        job.total = Math.max(job.total, job.done)
      }
    })
    if (input.mode === 'allOrNothing' && plan.invalidRows > 0) {
      throw new AppFailure('POLICY_DENIED', 'import.hasErrors', {
        ruleId: 'R-FILE-11',
        params: { count: plan.errors.length }
      })
    }
    const mappings = (await this.settings.importMappings.current(db)).data
    const key = layoutKey(input.target, plan.headers)
    if (JSON.stringify(mappings[key]) !== JSON.stringify(input.mapping)) {
      await this.settings.importMappings.saveWithin(db, actor, now, { ...mappings, [key]: input.mapping })
    }
    return { imported: plan.valid, skippedDuplicates: plan.duplicates, skippedInvalid: plan.invalidRows }
  }

  private insertItems(db: Db, actor: Actor, now: Date, records: Analysed[], policy: FilingSettings): number[] {
    const connection = db.connection
    const stamp = now.toISOString()
    const insert = connection.prepare(
      `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, series_key, item_number,
         archival_code, title, responsible_party, document_number, date_formed, page_count, classification, open_status, remarks,
         document_kind, received_on, status, policy_version, retention_years, expires_on, created_at, updated_at, created_by)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`
    )
    const search = connection.prepare('INSERT INTO items_fts (rowid, body) VALUES (?, ?)')
    return records.map(({ values, archivalCode, filing }) => {
      const v = values as Record<string, string | number | null | undefined>
      const { year, yearReason, seriesKey: series, itemNumber } = filing!
      // R-DISP-1: an imported code is filed now, under the retention list in force now.
      const retention = archivalCode
        ? retentionOf(String(v.retentionCode), policy.retentionPeriods, year)
        : { years: null, expiresOn: null }
      const documentNumber = v.documentNumber ?? ''
      const id = Number(
        insert.run(
          v.fondsCode,
          v.categoryCode,
          year,
          yearReason,
          v.retentionCode,
          v.departmentCode,
          series,
          itemNumber,
          archivalCode,
          v.title,
          v.responsibleParty,
          documentNumber,
          v.dateFormed,
          v.pageCount,
          v.classification,
          v.openStatus,
          v.remarks ?? '',
          v.documentKind ?? 'ordinary',
          v.receivedOn,
          archivalCode ? 'catalogued' : 'received',
          retention.years,
          retention.expiresOn,
          stamp,
          stamp,
          actor.userId
        ).lastInsertRowid
      )
      search.run(id, [v.title, documentNumber, v.responsibleParty, archivalCode ?? ''].join('\n'))
      return id
    })
  }

  private insertCustomers(db: Db, actor: Actor, now: Date, records: Analysed[]): number[] {
    const connection = db.connection
    const stamp = now.toISOString()
    const insert = connection.prepare(
      `INSERT INTO customers (name, legal_representative, address, postcode, phone, fax, registered_capital, business_scale,
         business_scope, economic_strength, dealings_record, industry, region, grade, date_opened, credit_standing, background,
         has_agreement, consent_obtained, collection_purpose, version, created_at, updated_at, created_by)
       VALUES (@name, @legalRepresentative, @address, @postcode, @phone, @fax, @registeredCapital, @businessScale,
         @businessScope, @economicStrength, @dealingsRecord, @industry, @region, @grade, @dateOpened, @creditStanding, @background,
         @hasAgreement, @consentObtained, @collectionPurpose, 1, @stamp, @stamp, @createdBy)`
    )
    const contact = connection.prepare(
      'INSERT INTO customer_contacts (customer_id, position, name, title, phone, email) VALUES (?, ?, ?, ?, ?, ?)'
    )
    const search = connection.prepare('INSERT INTO customers_fts (rowid, body) VALUES (?, ?)')
    const fieldKey = fieldKeyOf(db)
    return records.map(({ values }) => {
      const v = values as Record<string, unknown> & {
        contacts: { name: string; title: string; phone: string; email: string }[]
      }
      const result = insert.run({
        ...v,
        hasAgreement: v.hasAgreement ? 1 : 0,
        consentObtained: v.consentObtained ? 1 : 0,
        stamp,
        createdBy: actor.userId
      })
      const id = Number(result.lastInsertRowid)
      v.contacts.forEach((c, position) => {
        const sealed = contactCodec.seal(fieldKey, c)
        contact.run(id, position, sealed.name, sealed.title, sealed.phone, sealed.email)
      })
      search.run(
        id,
        [v.name, v.legalRepresentative, v.industry, v.region, v.address, ...v.contacts.map((c) => c.name)]
          .filter(Boolean)
          .join('\n')
      )
      return id
    })
  }
}
