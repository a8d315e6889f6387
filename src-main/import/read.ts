/*
 * Reading a .csv or .xlsx as a stream of row batches: what is held at any moment is one batch, never the table, so
 * a million-row file costs the same memory as a thousand-row one. Every limit is checked as the rows come, and the
 * reader stops at the first one crossed. Runs in the import worker (see worker.ts), or in-process where there is none; it loads nothing the
 * worker does not need (no contract, no zod), since every import starts a worker.
 */
import { Readable } from 'node:stream'
import type { AppError } from '@preload/contract'
import type ExcelJS from 'exceljs'
import type { Encoding } from './parse'
import { ImportLimitExceeded, type ImportLimits } from './limits'
import { inspectWorkbook, NotAZip, type Merge } from './zip'

export type TablePart =
  /** Always first: the header row as read (trimmed) and, for text files, the encoding used. */
  | { kind: 'start'; headers: string[]; encoding: Encoding | null }
  /**
   * Data rows, trimmed, fully empty rows left out; a row is as long as its last filled cell. `numbers` holds each
   * row's number in the sheet as a spreadsheet shows it (title lines, the header and blank rows counted), so a
   * problem is reported where the person will look for it.
   */
  | { kind: 'rows'; rows: string[][]; numbers: number[] }
  /** Always last: how many columns the table spans (header or data) and how many data rows it has. */
  | { kind: 'end'; width: number; rows: number }

export interface ReadRequest {
  bytes: Uint8Array
  fileName: string
  encoding?: Encoding
  limits: ImportLimits
}

/** The file is not a readable .xlsx or .csv (as opposed to one over a limit). */
export class Unreadable extends Error {}

/** A record of the file with its row number in the sheet. */
interface Numbered {
  number: number
  cells: string[]
}

export const BATCH_ROWS = 2000
/** A title above the table is a line or two; a header is looked for this far before the first row is taken. */
const HEADER_SEARCH = 50
const DECODE_BYTES = 1024 * 1024

const QUOTE = 0x22
const CR = 0x0d
const LF = 0x0a

/**
 * Detects UTF-8 (with or without BOM) vs GB18030, a superset of GBK/GB2312: bytes that decode as strict UTF-8 are
 * taken as UTF-8, since GBK text almost never does. Decodes in slices, so no copy of the whole text is made.
 */
export function detectEncoding(bytes: Uint8Array): Encoding {
  const decoder = new TextDecoder('utf-8', { fatal: true })
  try {
    for (let at = 0; at < bytes.length; at += DECODE_BYTES)
      decoder.decode(bytes.subarray(at, at + DECODE_BYTES), { stream: true })
    decoder.decode()
    return 'utf-8'
  } catch {
    return 'gb18030'
  }
}

/** Excel in some locales saves "CSV" with tabs or semicolons; the header line tells which was used. */
function detectDelimiter(text: string): number {
  const counts = new Map([
    [',', 0],
    ['\t', 0],
    [';', 0]
  ])
  let quoted = false
  for (const ch of text) {
    if (ch === '"') quoted = !quoted
    else if (!quoted && (ch === '\n' || ch === '\r')) break
    else if (!quoted && counts.has(ch)) counts.set(ch, (counts.get(ch) ?? 0) + 1)
  }
  const commas = counts.get(',') ?? 0
  const tabs = counts.get('\t') ?? 0
  const semicolons = counts.get(';') ?? 0
  if (tabs > commas && tabs >= semicolons) return 0x09
  if (semicolons > commas) return 0x3b
  return 0x2c
}

const enum State {
  Unquoted,
  Quoted,
  /** Inside quotes, just after a quote: a second quote is a literal one, anything else closed the field. */
  QuoteInQuoted,
  /** Just after a CR that ended a record: an LF next belongs to it. */
  AfterCr
}

/**
 * RFC 4180 CSV fed in pieces of text of any size: quotes, doubled quotes, delimiters and newlines inside quotes,
 * CRLF/LF/CR, also when a piece ends between the two characters of a pair. Tab- or semicolon-separated when the
 * header line has more of those than commas. Blank lines are skipped. Lenient where hand-edited files are not
 * strict: a quote inside an unquoted field is kept as text. Empty fields past the column limit are not kept, a
 * filled one there or a field over the cell limit stops the reading.
 */
export class CsvParser {
  private delimiter: number | null = null
  /** Text held until the header line is complete, since the delimiter is decided on it. */
  private pending = ''
  private state = State.Unquoted
  private record: string[] = []
  private field = ''
  private records: string[][] = []
  /** Records ended so far, blank lines included: a record's row number as a spreadsheet opening the file counts. */
  private ended = 0
  private recordNumbers: number[] = []
  /** The row number of each record the last `push` or `end` returned. */
  numbers: number[] = []

  constructor(private readonly limits: ImportLimits) {}

  push(text: string): string[][] {
    if (this.delimiter === null) {
      this.pending += text
      if (!this.headerLineComplete()) return []
      text = this.pending
      this.pending = ''
      this.delimiter = detectDelimiter(text)
    }
    this.consume(text)
    return this.take()
  }

  end(): string[][] {
    if (this.delimiter === null) {
      this.delimiter = detectDelimiter(this.pending)
      this.consume(this.pending)
      this.pending = ''
    }
    if (this.record.length > 0 || this.field !== '') this.endRecord()
    return this.take()
  }

  private headerLineComplete(): boolean {
    let quoted = false
    for (let i = 0; i < this.pending.length; i++) {
      const code = this.pending.charCodeAt(i)
      if (code === QUOTE) quoted = !quoted
      else if (!quoted && (code === LF || code === CR)) return true
    }
    // A header line this long is no header; deciding now keeps the held text bounded.
    return this.pending.length > this.limits.columns * this.limits.cellLength
  }

  private take(): string[][] {
    const records = this.records
    this.records = []
    this.numbers = this.recordNumbers
    this.recordNumbers = []
    return records
  }

  private consume(text: string): void {
    const delimiter = this.delimiter!
    const n = text.length
    let i = 0
    while (i < n) {
      if (this.state === State.Quoted) {
        const quote = text.indexOf('"', i)
        const stop = quote < 0 ? n : quote
        this.append(text, i, stop)
        i = stop + 1
        if (quote >= 0) this.state = State.QuoteInQuoted
      } else if (this.state === State.QuoteInQuoted) {
        if (text.charCodeAt(i) === QUOTE) {
          this.append('"', 0, 1)
          i++
          this.state = State.Quoted
        } else this.state = State.Unquoted
      } else if (this.state === State.AfterCr) {
        if (text.charCodeAt(i) === LF) i++
        this.state = State.Unquoted
      } else {
        let j = i
        for (; j < n; j++) {
          const code = text.charCodeAt(j)
          if (code === delimiter || code === CR || code === LF) break
          if (code === QUOTE && j === i && this.field === '') break
        }
        this.append(text, i, j)
        if (j === n) return
        const code = text.charCodeAt(j)
        i = j + 1
        if (code === QUOTE) this.state = State.Quoted
        else if (code === delimiter) this.endField()
        else {
          this.endRecord()
          if (code === CR) this.state = State.AfterCr
        }
      }
    }
  }

  private append(text: string, from: number, to: number): void {
    if (to <= from) return
    this.field += text.slice(from, to)
    if (this.field.length > this.limits.cellLength) {
      throw new ImportLimitExceeded('cellLength', this.limits, { column: this.record.length + 1 })
    }
  }

  private endField(): void {
    if (this.record.length < this.limits.columns) this.record.push(this.field)
    else if (this.field.trim() !== '') throw new ImportLimitExceeded('columns', this.limits)
    this.field = ''
  }

  private endRecord(): void {
    this.endField()
    this.ended++
    if (this.record.length > 1 || this.record[0] !== '') {
      this.records.push(this.record)
      this.recordNumbers.push(this.ended)
    }
    this.record = []
  }
}

/** Finds the header row among the first records, drops empty ones, trims, counts and measures what follows. */
class Shaper {
  headers: string[] | null = null
  width = 0
  rows = 0
  private held: Numbered[] = []

  constructor(private readonly limits: ImportLimits) {}

  /** Returns the data rows this record releases (none while the header is still being looked for). */
  push({ number, cells: record }: Numbered): Numbered[] {
    const cells = record.map((cell) => cell.trim())
    let filled = 0
    for (const cell of cells) if (cell !== '') filled++
    if (filled === 0) return []
    if (this.headers !== null) return [this.row({ number, cells })]
    this.held.push({ number, cells })
    // A title line above the table (归档文件目录, usually merged across it) has one filled cell, so the header
    // row is the first with two or more; a one-column sheet falls back to its first non-empty row.
    if (filled >= 2) {
      this.headers = this.trimmed(cells)
      this.held = []
      return []
    }
    return this.held.length >= HEADER_SEARCH ? this.settle() : []
  }

  /** Called at the end: a file with no two-cell row still has its header taken. */
  settle(): Numbered[] {
    if (this.headers !== null) return []
    const [headers = { number: 0, cells: [] }, ...rows] = this.held
    this.held = []
    this.headers = this.trimmed(headers.cells)
    return rows.map((row) => this.row(row))
  }

  private row({ number, cells }: Numbered): Numbered {
    this.rows++
    if (this.rows > this.limits.rows) throw new ImportLimitExceeded('rows', this.limits)
    return { number, cells: this.trimmed(cells) }
  }

  private trimmed(cells: string[]): string[] {
    let end = cells.length
    while (end > 0 && cells[end - 1] === '') end--
    if (end > this.limits.columns) throw new ImportLimitExceeded('columns', this.limits)
    this.width = Math.max(this.width, end)
    return end === cells.length ? cells : cells.slice(0, end)
  }
}

function* csvRecords(request: ReadRequest, encoding: Encoding): Generator<Numbered[]> {
  const decoder = new TextDecoder(encoding)
  const parser = new CsvParser(request.limits)
  const numbered = (records: string[][]) => records.map((cells, i) => ({ number: parser.numbers[i], cells }))
  const { bytes } = request
  for (let at = 0; at < bytes.length; at += DECODE_BYTES) {
    yield numbered(parser.push(decoder.decode(bytes.subarray(at, at + DECODE_BYTES), { stream: true })))
  }
  yield numbered(parser.push(decoder.decode()))
  yield numbered(parser.end())
}

/** Writes a number's digits out in full: String() switches to exponent form below 1e-6 and from 1e21. */
function plainNumber(n: number): string {
  const text = String(n)
  const exponent = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(text)
  if (!exponent) return text
  const [, sign, first, rest = '', power] = exponent
  const digits = first + rest
  const point = 1 + Number(power)
  if (point <= 0) return `${sign}0.${'0'.repeat(-point)}${digits}`
  if (point >= digits.length) return sign + digits + '0'.repeat(point - digits.length)
  return `${sign}${digits.slice(0, point)}.${digits.slice(point)}`
}

function numberText(n: number, numFmt: string | undefined): string {
  // Excel keeps 15 significant digits, so anything past them is binary noise (0.1 + 0.2), not data.
  const text = plainNumber(Number(n.toPrecision(15)))
  // A zero-padded format ('0000') is how a code such as 全宗号 0001 survives being stored as a number.
  if (numFmt && /^0+$/.test(numFmt) && Number.isInteger(n) && n >= 0) return text.padStart(numFmt.length, '0')
  return text
}

/**
 * A cell as text: dates 'YYYY-MM-DD' (exceljs gives the sheet's wall date in UTC), numbers their full plain text
 * (an archival code stored as 20230001 stays '20230001'), rich text its text, formulas their cached result,
 * booleans 是/否.
 */
export function cellText(value: ExcelJS.CellValue, numFmt: string | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'string') return value
  if (typeof value === 'number') return numberText(value, numFmt)
  if (typeof value === 'boolean') return value ? '是' : '否'
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)
  if ('richText' in value) return value.richText.map((run) => run.text).join('')
  if ('hyperlink' in value) return cellText(value.text, numFmt)
  // An error is kept as its code (#N/A), so the dry run reports the cell instead of reading it as blank.
  if ('error' in value) return value.error
  return cellText(value.result, numFmt)
}

/** Tells a date format ('yyyy-mm-dd', 'm/d/yy h:mm') from a number format, as exceljs does for plain values. */
const isDateFormat = (numFmt: string | undefined) =>
  !!numFmt && /[ymdhsb]/i.test(numFmt.replace(/\[[^\]]*]/g, '').replace(/"[^"]*"/g, ''))
const EXCEL_EPOCH_DAYS = 25_569

/** The streaming reader leaves a formula's cached date as its serial number; the whole-file reader did not. */
function formulaDate(value: ExcelJS.CellValue, numFmt: string | undefined): ExcelJS.CellValue {
  if (
    value === null ||
    typeof value !== 'object' ||
    !('formula' in value) ||
    typeof value.result !== 'number' ||
    !isDateFormat(numFmt)
  )
    return value
  return { ...value, result: new Date(Math.round((value.result - EXCEL_EPOCH_DAYS) * 86_400_000)) }
}

/** Merged ranges give their value to each row they span, in their own column only (see the mergeless reading). */
class MergeFill {
  private pending: Merge[]
  private active: { merge: Merge; text: string }[] = []

  constructor(merges: Merge[]) {
    this.pending = [...merges].filter((m) => m.bottom > m.top).sort((a, b) => a.top - b.top)
  }

  apply(rowNumber: number, cells: string[]): void {
    this.active = this.active.filter(({ merge }) => merge.bottom >= rowNumber)
    for (const { merge, text } of this.active) {
      if (merge.top < rowNumber) cells[merge.column - 1] = text
    }
    while (this.pending.length > 0 && this.pending[0].top <= rowNumber) {
      const merge = this.pending.shift()!
      if (merge.top === rowNumber) this.active.push({ merge, text: cells[merge.column - 1] ?? '' })
    }
  }
}

async function* xlsxRecords(request: ReadRequest): AsyncGenerator<Numbered[]> {
  const bytes = Buffer.from(request.bytes.buffer, request.bytes.byteOffset, request.bytes.byteLength)
  const merges = await inspectWorkbook(bytes, request.limits)
  // Loaded here, not at the top: it takes a second to load, and a CSV does not need it.
  const { default: ExcelJS } = await import('exceljs')
  const input = Readable.from([bytes])
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, {
    worksheets: 'emit',
    sharedStrings: 'cache',
    styles: 'cache',
    hyperlinks: 'ignore',
    entries: 'ignore'
  })
  const { columns, cellLength } = request.limits
  try {
    for await (const sheet of reader) {
      const fill = new MergeFill(merges.get(`xl/worksheets/sheet${(sheet as unknown as { id: string }).id}.xml`) ?? [])
      let batch: Numbered[] = []
      for await (const row of sheet) {
        const cells: string[] = []
        for (let c = 1; c <= row.cellCount; c++) {
          const cell = row.getCell(c)
          const text = cellText(formulaDate(cell.value, cell.numFmt), cell.numFmt)
          if (text.length > cellLength)
            throw new ImportLimitExceeded('cellLength', request.limits, { row: row.number, column: c })
          if (c > columns && text.trim() !== '') throw new ImportLimitExceeded('columns', request.limits)
          if (c <= columns) cells.push(text)
        }
        fill.apply(row.number, cells)
        batch.push({ number: row.number, cells })
        if (batch.length >= BATCH_ROWS) {
          yield batch
          batch = []
        }
      }
      yield batch
      // Only the first worksheet is read.
      return
    }
  } finally {
    input.destroy()
  }
}

/**
 * The table in a file as parts: 'start', then 'rows' in batches of up to BATCH_ROWS, then 'end'. A file that is
 * neither a workbook nor text ends in Unreadable, one over a limit in ImportLimitExceeded.
 */
export async function* readTable(request: ReadRequest): AsyncGenerator<TablePart> {
  const xlsx = /\.xlsx$/i.test(request.fileName)
  const encoding = xlsx ? null : (request.encoding ?? detectEncoding(request.bytes))
  const shaper = new Shaper(request.limits)
  let started = false
  let batch: Numbered[] = []
  const rows = (numbered: Numbered[]): TablePart => ({
    kind: 'rows',
    rows: numbered.map((row) => row.cells),
    numbers: numbered.map((row) => row.number)
  })
  const records = xlsx ? xlsxRecords(request) : csvRecords(request, encoding!)
  try {
    for await (const group of records) {
      for (const record of group) batch.push(...shaper.push(record))
      if (!started && shaper.headers !== null) {
        started = true
        yield { kind: 'start', headers: shaper.headers, encoding }
      }
      while (batch.length >= BATCH_ROWS) yield rows(batch.splice(0, BATCH_ROWS))
    }
  } catch (error) {
    if (error instanceof ImportLimitExceeded) throw error
    throw new Unreadable(error instanceof NotAZip ? error.message : String(error))
  }
  batch.push(...shaper.settle())
  if (!started) yield { kind: 'start', headers: shaper.headers ?? [], encoding }
  if (batch.length > 0) yield rows(batch)
  yield { kind: 'end', width: shaper.width, rows: shaper.rows }
}

/** What a reading failure tells the person: which limit was crossed, or that the file cannot be read at all. */
export function readFailure(error: unknown): AppError {
  if (error instanceof ImportLimitExceeded) return { code: 'VALIDATION', message: error.message, params: error.params }
  if (error instanceof Unreadable) {
    return {
      code: 'VALIDATION',
      message: 'validation.importUnreadable',
      details: [{ path: 'fileName', message: 'validation.importUnreadable' }]
    }
  }
  return { code: 'INTERNAL', message: 'errors.internal' }
}
