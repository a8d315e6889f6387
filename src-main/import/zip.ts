/*
 * An .xlsx is a zip. Before exceljs inflates anything, the central directory says how large every part claims to be,
 * and a streaming inflate of every part counts what it really is: a 400 KB file that holds a 400 MB cell is refused
 * here, with a few kilobytes of memory, instead of inside a parser that would build the cell as one string.
 */
import zlib from 'node:zlib'
import { ImportLimitExceeded, type ImportLimits } from './limits'

interface Entry {
  name: string
  method: number
  compressedSize: number
  uncompressedSize: number
  localHeader: number
}

const END_OF_DIRECTORY = 0x06054b50
const DIRECTORY_ENTRY = 0x02014b50
const LOCAL_HEADER = 0x04034b50
const STORED = 0
const DEFLATED = 8

export class NotAZip extends Error {}

function entries(bytes: Buffer): Entry[] {
  // The end record sits in the last 22 bytes plus a comment of at most 64 KiB.
  let end = -1
  for (let at = bytes.length - 22; at >= Math.max(0, bytes.length - 22 - 0xffff); at--) {
    if (bytes.readUInt32LE(at) === END_OF_DIRECTORY) {
      end = at
      break
    }
  }
  if (end < 0) throw new NotAZip('no end of central directory')
  const count = bytes.readUInt16LE(end + 10)
  let at = bytes.readUInt32LE(end + 16)
  const list: Entry[] = []
  for (let i = 0; i < count; i++) {
    if (at + 46 > bytes.length || bytes.readUInt32LE(at) !== DIRECTORY_ENTRY) throw new NotAZip('bad central directory')
    const nameLength = bytes.readUInt16LE(at + 28)
    list.push({
      method: bytes.readUInt16LE(at + 10),
      compressedSize: bytes.readUInt32LE(at + 20),
      uncompressedSize: bytes.readUInt32LE(at + 24),
      localHeader: bytes.readUInt32LE(at + 42),
      name: bytes.toString('utf8', at + 46, at + 46 + nameLength)
    })
    at += 46 + nameLength + bytes.readUInt16LE(at + 30) + bytes.readUInt16LE(at + 32)
  }
  return list
}

function data(bytes: Buffer, entry: Entry): Buffer {
  const at = entry.localHeader
  if (at + 30 > bytes.length || bytes.readUInt32LE(at) !== LOCAL_HEADER) throw new NotAZip('bad local header')
  const start = at + 30 + bytes.readUInt16LE(at + 26) + bytes.readUInt16LE(at + 28)
  return bytes.subarray(start, start + entry.compressedSize)
}

const LESS_THAN = 0x3c
// A cell's text lies between two tags: UTF-8 takes up to 3 bytes a character and an escape (&amp;) up to 6; the
// allowance is for the tag itself. Anything longer cannot be a cell within the limit, and is refused before exceljs
// gathers it into one string; a cell a little over the limit is caught exactly once read.
const BYTES_PER_CHARACTER = 6
const TAG_ALLOWANCE = 1024

/** Follows the longest stretch without a '<' across chunks, looking at one byte in every `limit` or so. */
class TextRuns {
  private run = 0

  constructor(private readonly limit: number) {}

  fits(chunk: Buffer): boolean {
    let at = chunk.indexOf(LESS_THAN)
    if (at < 0) {
      this.run += chunk.length
      return this.run <= this.limit
    }
    if (this.run + at > this.limit) return false
    for (;;) {
      const reach = at + this.limit + 1
      if (reach >= chunk.length) {
        this.run = chunk.length - 1 - chunk.lastIndexOf(LESS_THAN)
        return true
      }
      const next = chunk.lastIndexOf(LESS_THAN, reach)
      if (next === at) return false
      at = next
    }
  }
}

const MERGE = /<mergeCell\s[^>]*?ref="([A-Z]+)(\d+):[A-Z]+(\d+)"/g

export interface Merge {
  column: number
  top: number
  bottom: number
}

const columnNumber = (letters: string) => [...letters].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0)

/**
 * Refuses a workbook whose parts claim, or turn out, to hold more than the limit, and returns each worksheet's merged
 * ranges: they come after the rows in the sheet's XML, too late for a reader that passes rows on as it meets them.
 */
export async function inspectWorkbook(bytes: Buffer, limits: ImportLimits): Promise<Map<string, Merge[]>> {
  const list = entries(bytes)
  const claimed = list.reduce((sum, entry) => sum + entry.uncompressedSize, 0)
  if (claimed > limits.uncompressedBytes) throw new ImportLimitExceeded('uncompressedBytes', limits)
  const merges = new Map<string, Merge[]>()
  let inflated = 0
  for (const entry of list) {
    if (entry.method !== STORED && entry.method !== DEFLATED) throw new NotAZip(`compression method ${entry.method}`)
    const raw = data(bytes, entry)
    const sheet = /^xl\/worksheets\/[^/]+\.xml$/.test(entry.name)
    const xmlPart = /\.(xml|rels)$/.test(entry.name)
    const found: Merge[] = []
    let tail = ''
    const text = new TextRuns(limits.cellLength * BYTES_PER_CHARACTER + TAG_ALLOWANCE)
    const scan = (chunk: Buffer) => {
      inflated += chunk.length
      if (inflated > limits.uncompressedBytes) throw new ImportLimitExceeded('uncompressedBytes', limits)
      if (xmlPart && !text.fits(chunk)) throw new ImportLimitExceeded('cellLength', limits)
      if (!sheet) return
      // A tag may straddle two chunks; keeping the end of the last one finds it whole (a tag is far shorter).
      const xml = tail + chunk.toString('latin1')
      let last = 0
      for (const match of xml.matchAll(MERGE)) {
        found.push({ column: columnNumber(match[1]), top: Number(match[2]), bottom: Number(match[3]) })
        last = match.index + match[0].length
      }
      tail = xml.slice(Math.max(last, xml.length - 256))
    }
    if (entry.method === STORED) scan(raw)
    else {
      const inflate = zlib.createInflateRaw()
      inflate.end(raw)
      for await (const chunk of inflate) scan(chunk as Buffer)
    }
    if (sheet) merges.set(entry.name, found)
  }
  return merges
}
