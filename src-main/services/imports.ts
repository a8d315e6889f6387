import type { Db } from '../db/connection'
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
} from '../../src-preload/contract'
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
import { seriesKey } from '../policy/codes'
import { retentionOf } from '../policy/disposal'
import { filingYear } from '../policy/filing'
import { listWorkbook } from '../reports/xlsx'
import type { Actor, Store } from '../store'
import { appendAuditBatch } from './audit-chain'
import { unknownCodes } from './items'
import type { SettingsService } from './settings'

type PreviewInput = ParsedInput<'import.preview'>
type PlanInput = ParsedInput<'import.dryRun'>
type RunInput = ParsedInput<'import.start'>

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

const shorten = (text: string) => (text.length > SAMPLE_CELL ? `${text.slice(0, SAMPLE_CELL)}…` : text)
const fit = (cells: string[], width: number) => Array.from({ length: width }, (_, i) => cells[i] ?? '')

interface Analysed {
  row: number
  values: Record<string, unknown>
  key: string
  archivalCode: string | null
}

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
 * scan ends, however it ends; on the writer it is also gone with a rollback.
 */
function seenKeys(db: Db) {
  const connection = db.connection
  const name = `temp.import_seen_${++seenTables}`
  connection.exec(`CREATE TEMP TABLE IF NOT EXISTS ${name.slice(5)} (key TEXT PRIMARY KEY, row INTEGER NOT NULL)`)
  connection.exec(`DELETE FROM ${name}`)
  const insert = connection.prepare(`INSERT INTO ${name} (key, row) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`)
  const first = connection.prepare(`SELECT row FROM ${name} WHERE key = ?`).pluck()
  const add = connection.transaction((records: Analysed[], each: (record: Analysed, first: number | null) => void) => {
    for (const record of records) {
      if (insert.run(record.key, record.row).changes === 1) each(record, null)
      else each(record, first.get(record.key) as number)
    }
  })
  return {
    /** Calls `each` for every record in order with the row that first had its key, or null if it is the first. */
    add: (records: Analysed[], each: (record: Analysed, first: number | null) => void) => add(records, each),
    drop: () => connection.exec(`DROP TABLE IF EXISTS ${name}`)
  }
}

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
      existing: (records: Analysed[]) =>
        records.length === 0
          ? new Set<string>()
          : new Set(names.all(upTo, JSON.stringify([...new Set(records.map((r) => r.key))])) as string[])
    }
  }
  const upTo = connection.prepare('SELECT coalesce(max(id), 0) FROM items').pluck().get() as number
  // A row with a code is in the database when an item has that code (the unique index on archival_code); a row
  // without one when an item, with a code or without, has the same title, date, document number and responsible
  // party (the index on title; the unary + keeps SQLite from choosing the far less selective index on the date).
  const byCode = connection
    .prepare(
      'SELECT DISTINCT archival_code FROM items WHERE archival_code IN (SELECT value FROM json_each(?)) AND id <= ?'
    )
    .pluck()
  const byDocument = connection
    .prepare(
      `SELECT DISTINCT d.key FROM json_each(?) d
      WHERE EXISTS (SELECT 1 FROM items i
        WHERE i.title = json_extract(d.value, '$[0]') AND +i.date_formed = json_extract(d.value, '$[1]')
          AND +i.document_number = json_extract(d.value, '$[2]') AND +i.responsible_party = json_extract(d.value, '$[3]') AND i.id <= ?)`
    )
    .pluck()
  return {
    existing: (records: Analysed[]): Set<string> => {
      const found = new Set<string>()
      const coded = records.filter((r) => r.archivalCode)
      if (coded.length > 0)
        for (const code of byCode.all(JSON.stringify(coded.map((r) => r.archivalCode)), upTo) as string[])
          found.add(`code:${code}`)
      const documents = records.filter((r) => !r.archivalCode)
      if (documents.length > 0) {
        const fields = documents.map(({ values: v }) => [
          String(v.title),
          String(v.dateFormed),
          String(v.documentNumber ?? ''),
          String(v.responsibleParty)
        ])
        for (const at of byDocument.all(JSON.stringify(fields), upTo) as number[]) found.add(documents[at].key)
      }
      return found
    }
  }
}

/**
 * Existing catalogues into the database: the same rules as the forms, a dry run first, then one transaction that
 * imports the valid rows or nothing. Rows already in the database are recognised, so importing a file twice adds
 * nothing the second time. The file is read as a stream of row batches (off the main thread when a worker is
 * given) and nothing holds the whole table, so the memory an import takes does not grow with its rows.
 */
export class ImportsService {
  private readonly jobs = new Map<string, ImportJob>()

  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    private readonly source: TableSource = inProcessSource,
    private readonly limits: ImportLimits = IMPORT_LIMITS
  ) {}

  /** The file's parts; between two batches the event loop answers other people's requests. */
  private async *parts(input: PreviewInput): AsyncGenerator<TablePart> {
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

  async preview(input: PreviewInput): Promise<ImportPreview> {
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

  /** Turns one spreadsheet row into the input the form would send, with dates, numbers and labels normalised. */
  private record(
    target: ImportTarget,
    cells: string[],
    mapping: (string | null)[],
    defaults: Record<string, string>,
    retentionNames: Record<string, string>
  ) {
    const values: Record<string, unknown> = { ...defaults }
    mapping.forEach((field, column) => {
      const raw = (cells[column] ?? '').trim()
      if (!field || raw === '') return
      if (DATE_FIELDS.has(field)) values[field] = normaliseDate(raw) ?? raw
      else if (NUMBER_FIELDS.has(field)) values[field] = /^-?\d+(\.\d+)?$/.test(raw) ? Number(raw) : raw
      else if (ENUM_FIELDS.has(field)) values[field] = normaliseEnum(field, raw, retentionNames)
      else values[field] = raw
    })
    if (target === 'customers') {
      const { contactName, contactPhone, ...rest } = values
      return contactName ? { ...rest, contacts: [{ name: contactName, phone: contactPhone ?? '' }] } : rest
    }
    return values
  }

  /**
   * Reads the file once, checking every row as the form would; rows that pass go to `accept` a batch at a time.
   * Called twice by an import (to count and check, then to write), which costs a second reading but never the
   * whole table in memory.
   */
  private async scan(
    db: Db,
    input: PlanInput,
    accept?: (records: Analysed[]) => Promise<void>,
    job?: ImportJob
  ): Promise<Scan> {
    this.checkMapping(input.target, null, input.mapping)
    const policy = (await this.settings.filing(db)).data
    const retentionNames = Object.fromEntries(
      policy.retentionPeriods.flatMap((p) => [
        [p.name, p.code],
        [p.code, p.code]
      ])
    )
    const schema = input.target === 'items' ? itemInput : customerInput
    // Nothing here holds a row beyond the batch in hand: rows already in the database are looked up a batch at a
    // time (the database's own indexes answer, never a copy of its keys), and the keys this file has accepted so far
    // are kept in a TEMP table of the connection the scan runs on, which SQLite keeps on disk (TEMP_STORE=1).
    const table = inDatabase(db, input.target)
    const seen = seenKeys(db)
    const scan: Scan = { headers: [], total: 0, valid: 0, duplicates: 0, invalidRows: 0, errors: [], policy }
    const report = (error: ImportRowError) => {
      if (scan.errors.length < ERROR_REPORT_ROWS) scan.errors.push(error)
    }
    let width = 0
    let index = 0
    try {
      for await (const part of this.parts(input)) {
        if (job?.cancelled) throw new AppFailure('CONFLICT', 'import.cancelled')
        if (part.kind === 'start') scan.headers = part.headers
        if (part.kind === 'end') width = part.width
        if (part.kind !== 'rows') continue
        const checked: Analysed[] = []
        const problemsOfBatch: ImportRowError[] = []
        for (const cells of part.rows) {
          const row = ++index + 1
          const values = this.record(input.target, cells, input.mapping, input.defaults, retentionNames)
          const { archivalCode, ...formValues } = values as { archivalCode?: string }
          const parsed = schema.safeParse(formValues)
          const problems = parsed.success ? [] : fieldErrors(parsed.error)
          if (parsed.success && input.target === 'items') problems.push(...unknownCodes(parsed.data as never, policy))
          if (problems.length > 0) {
            scan.invalidRows += 1
            for (const problem of problems)
              problemsOfBatch.push({
                row,
                field: problem.path,
                message: problem.message,
                ...(problem.params ? { params: problem.params } : {})
              })
            continue
          }
          const data: Record<string, unknown> = {
            ...(parsed.data as Record<string, unknown>),
            ...(archivalCode ? { archivalCode } : {})
          }
          const key = input.target === 'items' ? itemKey(data) : `name:${normaliseName(String(data.name))}`
          checked.push({ row, values: data, key, archivalCode: archivalCode ?? null })
        }
        const existing = table.existing(checked)
        const fresh = checked.filter((record) => !existing.has(record.key))
        scan.duplicates += checked.length - fresh.length
        const accepted: Analysed[] = []
        // In row order, so the first of two equal rows is the one accepted.
        seen.add(fresh, (record, first) => {
          if (first === null) accepted.push(record)
          else {
            scan.invalidRows += 1
            problemsOfBatch.push({
              row: record.row,
              field: input.target === 'items' ? 'archivalCode' : 'name',
              message: 'import.duplicateInFile',
              params: { row: first }
            })
          }
        })
        // The list stays in row order (a row has either its own problems or a duplicate, never both; the sort is stable).
        for (const problem of problemsOfBatch.sort((a, b) => a.row - b.row)) report(problem)
        scan.valid += accepted.length
        if (accept && accepted.length > 0) await accept(accepted)
      }
    } finally {
      seen.drop()
    }
    scan.total = index
    this.checkMapping(input.target, width, input.mapping)
    return scan
  }

  async dryRun(input: PlanInput): Promise<ImportReport> {
    const { total, valid, duplicates, errors } = await this.scan(this.store.db, input)
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
  start(actor: Actor, input: RunInput): { jobId: string } {
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

  private run(actor: Actor, input: RunInput, job: ImportJob): Promise<ImportResult> {
    return this.store.write(actor, async ({ db, now }) => {
      // The first reading checks everything and writes nothing, so 'all or nothing' refuses before any insert and
      // the progress bar knows how many rows will be written.
      const plan = await this.scan(db, input, undefined, job)
      if (input.mode === 'allOrNothing' && plan.invalidRows > 0) {
        throw new AppFailure('POLICY_DENIED', 'import.hasErrors', {
          ruleId: 'R-FILE-11',
          params: { count: plan.errors.length }
        })
      }
      job.total = plan.valid
      // Between batches the event loop answers progress questions and notices a cancel, which rolls back.
      await this.scan(
        db,
        input,
        async (records) => {
          const ids =
            input.target === 'items'
              ? this.insertItems(db, actor, now, records, plan.policy)
              : this.insertCustomers(db, actor, now, records)
          await appendAuditBatch(
            db,
            actor,
            now,
            records.map((record, index) => ({
              entity: input.target === 'items' ? 'item' : 'customer',
              entityId: ids[index],
              action: 'import',
              after: { ...record.values, source: { file: input.fileName, row: record.row } }
            }))
          )
          job.done += records.length
        },
        job
      )
      const mappings = (await this.settings.importMappings.current(db)).data
      const key = layoutKey(input.target, plan.headers)
      if (JSON.stringify(mappings[key]) !== JSON.stringify(input.mapping)) {
        await this.settings.importMappings.saveWithin(db, actor, now, { ...mappings, [key]: input.mapping })
      }
      return { imported: plan.valid, skippedDuplicates: plan.duplicates, skippedInvalid: plan.invalidRows }
    })
  }

  private insertItems(db: Db, actor: Actor, now: Date, records: Analysed[], policy: FilingSettings): number[] {
    const connection = db.connection
    const stamp = now.toISOString()
    const insert = connection.prepare(
      `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, series_key, item_number,
         archival_code, title, responsible_party, document_number, date_formed, page_count, classification, open_status, remarks,
         document_kind, received_on, status, policy_version, retention_years, expires_on, created_at, updated_at, created_by)
       VALUES (@fondsCode, @categoryCode, @year, @yearReason, @retentionCode, @departmentCode, @seriesKey, @itemNumber,
         @archivalCode, @title, @responsibleParty, @documentNumber, @dateFormed, @pageCount, @classification, @openStatus, @remarks,
         @documentKind, @receivedOn, @status, 0, @retentionYears, @expiresOn, @stamp, @stamp, @createdBy)`
    )
    const search = connection.prepare('INSERT INTO items_fts (rowid, body) VALUES (?, ?)')
    return records.map(({ values, archivalCode }) => {
      const v = values as Record<string, string | number | null>
      const decision = filingYear(
        { id: 0, kind: (v.documentKind as never) ?? 'ordinary', dateFormed: String(v.dateFormed) },
        [],
        []
      )
      const parts = {
        fonds: String(v.fondsCode),
        category: String(v.categoryCode),
        year: decision.value,
        retention: String(v.retentionCode),
        department: String(v.departmentCode)
      }
      const series = seriesKey(policy.itemCodeTemplate, parts)
      // A code that follows this room's template keeps numbering continuous; any other legacy code is kept as text.
      // R-DISP-1: an imported code is filed now, under the retention list in force now.
      const retention = archivalCode
        ? retentionOf(String(v.retentionCode), policy.retentionPeriods, decision.value)
        : { years: null, expiresOn: null }
      const counter =
        archivalCode && archivalCode.startsWith(series) && /^\d+$/.test(archivalCode.slice(series.length))
          ? Number(archivalCode.slice(series.length))
          : null
      const result = insert.run({
        ...v,
        remarks: v.remarks ?? '',
        documentNumber: v.documentNumber ?? '',
        documentKind: v.documentKind ?? 'ordinary',
        year: decision.value,
        yearReason: JSON.stringify({
          ruleId: decision.ruleId,
          reason: decision.reason,
          ...(decision.params ? { params: decision.params } : {})
        }),
        seriesKey: counter === null ? null : series,
        itemNumber: counter,
        archivalCode,
        status: archivalCode ? 'catalogued' : 'received',
        retentionYears: retention.years,
        expiresOn: retention.expiresOn,
        stamp,
        createdBy: actor.userId
      })
      const id = Number(result.lastInsertRowid)
      search.run(id, [v.title, v.documentNumber ?? '', v.responsibleParty, archivalCode ?? ''].join('\n'))
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
      v.contacts.forEach((c, position) => contact.run(id, position, c.name, c.title, c.phone, c.email))
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
