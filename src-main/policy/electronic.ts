import { RECORD_WRITERS, roleAllows, type ClassificationCode, type Role } from '@preload/contract'
import {
  FIXITY_INTERVAL_YEARS,
  MAX_FILE_MEGABYTES,
  type ElectronicSettings,
  type FileType
} from '@preload/contract-electronic'
import { type FileRole } from '@preload/vocabulary'
import { addMonths } from './calendar'
import { allow, allowed, refuse, type Decision } from './decision'

export const MIB = 1024 * 1024
/** How many leading bytes decide a file's type. */
export const MAGIC_BYTES = 8

const startsWith = (head: Uint8Array, magic: readonly number[]) => magic.every((byte, index) => head[index] === byte)

/** R-ELEC-1: the type a file's first bytes say, never its name (a renamed file is what it is). */
export function detectType(head: Uint8Array): FileType {
  if (startsWith(head, [0x25, 0x50, 0x44, 0x46, 0x2d])) return 'pdf'
  if (startsWith(head, [0xff, 0xd8, 0xff])) return 'jpeg'
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png'
  if (startsWith(head, [0x49, 0x49, 0x2a, 0x00]) || startsWith(head, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff'
  // OFD (GB/T 33190) is a zip package; any zip an archivist attaches is most likely one.
  if (startsWith(head, [0x50, 0x4b, 0x03, 0x04])) return 'ofd'
  return 'other'
}

const NAME_TYPES: Record<string, FileType> = {
  pdf: 'pdf',
  jpg: 'jpeg',
  jpeg: 'jpeg',
  png: 'png',
  tif: 'tiff',
  tiff: 'tiff'
}

/** The type a name claims, for the four types whose content can be told for sure; null for any other name. */
export function claimedType(name: string): FileType | null {
  const dot = name.lastIndexOf('.')
  return dot < 0 ? null : (NAME_TYPES[name.slice(dot + 1).toLowerCase()] ?? null)
}

/**
 * A name as the person gave it, kept for the record: one file name, never a path. A name with a folder in it (../,
 * an absolute path, a drive) could be meant to place something outside the store, and says nothing true about the file.
 */
export function decideFileName(name: string): Decision {
  const trimmed = name.trim()
  if (trimmed === '' || trimmed === '.' || trimmed === '..') return refuse('R-ELEC-1', 'electronic.errors.badName')
  if (/[/\\\u0000-\u001f]/.test(trimmed) || /^[a-zA-Z]:/.test(trimmed))
    return refuse('R-ELEC-1', 'electronic.errors.pathInName', { name: trimmed })
  // Invisible format characters (a right-to-left override, a zero-width space) make a name show another extension
  // than it has: "報告\u202Efdp.exe" reads as "報告exe.pdf".
  if (trimmed.length > 255 || /[\u007f\p{Cf}]/u.test(trimmed)) return refuse('R-ELEC-1', 'electronic.errors.badName')
  return allowed
}

/** R-ELEC-1: a file's size before it is read (when known) and after: nothing empty, nothing over the cap. */
export function decideFileSize(size: number, maxBytes: number): Decision {
  if (size === 0) return refuse('R-ELEC-1', 'electronic.errors.emptyFile')
  if (size > maxBytes)
    return refuse('R-ELEC-1', 'electronic.errors.tooLarge', { megabytes: Math.floor(maxBytes / MIB) })
  return allowed
}

/**
 * R-ELEC-1: the type stored is the one the content has. A name that claims one of the types that can be told for
 * sure and content of another is refused: a scan saved as .pdf that is not one would be registered wrongly.
 */
export function decideFileType(name: string, head: Uint8Array): Decision<FileType> {
  const detected = detectType(head)
  const claimed = claimedType(name)
  if (claimed !== null && claimed !== detected)
    return refuse('R-ELEC-1', 'electronic.errors.typeMismatch', { name, claimed, detected })
  return allow(detected)
}

/** What a scanned file's name says: the archival code it was scanned for, and which page or part it is. */
export interface ScanName {
  /** The name without its extension: an archival code, or a code with a sequence. */
  stem: string
  /** The stem read as code plus `_NNN`, when it ends so. */
  code: string
  sequence: number | null
}

/**
 * 批量挂接: scanner output is named by archival code, or code and sequence (J001-WS·2024-D10-BGS-0003_002.jpg). The
 * whole stem is tried as a code too, since a code may itself end in an underscore and digits.
 */
export function readScanName(name: string): ScanName {
  const dot = name.lastIndexOf('.')
  const stem = (dot > 0 ? name.slice(0, dot) : name).trim()
  const parts = /^(.*)_(\d{1,4})$/.exec(stem)
  return parts ? { stem, code: parts[1], sequence: Number(parts[2]) } : { stem, code: stem, sequence: null }
}

export type ScanMatch<T> =
  { status: 'matched'; item: T } | { status: 'unmatched' } | { status: 'ambiguous'; items: T[] }

/** A file matches the one item its name names; none is unmatched, two (the stem and the code differ) ambiguous. */
export function matchScanName<T>(candidates: readonly T[]): ScanMatch<T> {
  if (candidates.length === 0) return { status: 'unmatched' }
  if (candidates.length === 1) return { status: 'matched', item: candidates[0] }
  return { status: 'ambiguous', items: [...candidates] }
}

/** The roles a file can have on its item (R-ELEC-1, DA/T 31): the born-digital original, a scan, an attachment. */
export const FILE_ROLE_ORDER: readonly FileRole[] = ['original', 'scan', 'attachment']

/** `/Type` and `/Page` as bytes: the mark of a page object is `/Type`, optional white space, `/Page`. */
const TYPE_NAME = [0x2f, 0x54, 0x79, 0x70, 0x65]
const PAGE_NAME = [0x2f, 0x50, 0x61, 0x67, 0x65]
const SLASH = 0x2f
/** The longest text a page mark and the byte after it can span, so a mark cut by a chunk edge is still seen. */
const PAGE_MARK_SPAN = 64

/** PDF white space (NUL, tab, line feed, form feed, carriage return, space) and the rest a text \s would take. */
const isSpace = (byte: number) => byte === 0x00 || (byte >= 0x09 && byte <= 0x0d) || byte === 0x20 || byte === 0xa0
/** A byte that would continue a name: `/Pages` and `/Page#20` are not `/Page`. */
const isNameByte = (byte: number) =>
  (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte === 0x23

const bytesAt = (bytes: Uint8Array, at: number, name: readonly number[]) =>
  name.every((byte, index) => bytes[at + index] === byte)

/**
 * Counts a PDF's page objects as its bytes stream past, holding no more than one chunk and a short tail. It looks at
 * the bytes themselves (a native search for each `/`), never a text copy of them: the page count is taken while the
 * file is hashed and written, and must not cost more than the hash. A PDF that keeps its page objects in compressed
 * object streams shows none: its page count is then unknown (null), not 0.
 */
export class PdfPageCounter {
  private tail: Uint8Array = new Uint8Array(0)
  private count = 0

  push(chunk: Uint8Array): void {
    if (this.tail.length === 0) {
      this.scan(chunk, false)
      return
    }
    const joined = new Uint8Array(this.tail.length + chunk.length)
    joined.set(this.tail)
    joined.set(chunk, this.tail.length)
    this.scan(joined, false)
  }

  finish(): number | null {
    this.scan(this.tail, true)
    this.tail = new Uint8Array(0)
    return this.count > 0 ? this.count : null
  }

  private scan(bytes: Uint8Array, final: boolean): void {
    let consumed = 0
    for (let at = bytes.indexOf(SLASH); at >= 0; at = bytes.indexOf(SLASH, at + 1)) {
      if (!bytesAt(bytes, at, TYPE_NAME)) continue
      let page = at + TYPE_NAME.length
      while (page < bytes.length && isSpace(bytes[page])) page += 1
      const end = page + PAGE_NAME.length
      // At the chunk's end the rest of the mark, or the byte that tells /Page from /Pages, has not arrived yet.
      if (!final && end >= bytes.length) break
      if (!bytesAt(bytes, page, PAGE_NAME) || (end < bytes.length && isNameByte(bytes[end]))) continue
      this.count += 1
      consumed = end
      at = end - 1
    }
    this.tail = bytes.slice(Math.max(consumed, bytes.length - PAGE_MARK_SPAN))
  }
}

/** An approved consultation or loan of the viewer's own that names the record (the item or its volume). */
export interface ViewingGrant {
  requestId: number
  status: 'pending' | 'approved' | 'out' | 'returned' | 'refused' | 'cancelled'
  startOn: string
  /** A consultation without a due date is granted for its one day. */
  dueOn: string | null
}

export interface ViewingFacts {
  role: Role
  classification: ClassificationCode
  grants: readonly ViewingGrant[]
  today: string
}

/** The archive's own staff keep the records and read them in their work (R-ROLE-1, R-ROLE-4). */
const KEEPERS: readonly Role[] = ['archivist', 'archive_manager']
/** 机密 and 绝密: nobody views them without the approval chain of their record (R-USE-5). */
const CHAIN_ALWAYS: readonly ClassificationCode[] = ['confidential', 'top_secret']

/**
 * R-ELEC-8, R-USE-1, R-USE-5: viewing an electronic file is a use of its record. The archive staff view ordinary and
 * 秘密 records; anyone else, and everyone for 机密/绝密, needs an approved request of their own for the record whose
 * period includes today. The grant it rests on is returned, so the audit entry can name it.
 */
export function decideViewing(facts: ViewingFacts): Decision<number | null> {
  const chain = CHAIN_ALWAYS.includes(facts.classification)
  if (!chain && KEEPERS.includes(facts.role)) return allow(null)
  const grant = facts.grants.find(
    (one) =>
      (one.status === 'approved' || one.status === 'out') &&
      one.startOn <= facts.today &&
      facts.today <= (one.dueOn ?? one.startOn)
  )
  if (grant) return allow(grant.requestId)
  return refuse(
    chain ? 'R-USE-5' : 'R-ELEC-8',
    chain ? 'electronic.errors.viewClassified' : 'electronic.errors.viewNeedsRequest'
  )
}

/** What decides whether a stored file may be replaced by a new version (R-ELEC-4). */
export interface ReplacementFacts {
  role: Role
  reason: string
  /** The file was already replaced: a change is made to the current version, so the versions stay one line. */
  superseded: boolean
  itemDestroyed: boolean
}

/**
 * R-ELEC-4: changing a stored electronic file adds a version and a line of the 修改台帐; only the roles that change the
 * record itself may make one (the archive staff, as for the catalogue entry), and only with the reason in words.
 */
export function decideReplacement(facts: ReplacementFacts): Decision {
  if (!roleAllows(RECORD_WRITERS, facts.role)) return refuse('R-ELEC-4', 'electronic.errors.replaceNotAllowed')
  if (facts.itemDestroyed) return refuse('R-ELEC-4', 'electronic.errors.itemDestroyed')
  if (facts.superseded) return refuse('R-ELEC-4', 'electronic.errors.replaceSuperseded')
  // In words: a letter or a digit. Control characters and direction marks show as nothing in the printed ledger,
  // and a NUL first made the database's own check fail as an internal error.
  if (!/[\p{L}\p{N}]/u.test(facts.reason)) return refuse('R-ELEC-4', 'electronic.errors.replaceNeedsReason')
  return allowed
}

/** Defaults of the electronic files' settings (R-ELEC-3: 每两年机读抽查). */
export const DEFAULT_ELECTRONIC_SETTINGS: ElectronicSettings = {
  fixityIntervalYears: FIXITY_INTERVAL_YEARS.default,
  maxFileMegabytes: MAX_FILE_MEGABYTES.default
}

export interface FixityDue {
  due: boolean
  ruleId: 'R-ELEC-3'
  reason: 'electronic.due.never' | 'electronic.due.overdue'
  params: Record<string, string | number>
}

/**
 * R-ELEC-3: a full machine check of the stored files is due once the last one finished `intervalYears` ago or more,
 * or at once when files are stored and none was ever made. With no files there is nothing to check.
 */
export function fixityDue(
  lastFullCheckOn: string | null,
  filesStored: boolean,
  intervalYears: number,
  today: string
): FixityDue {
  if (lastFullCheckOn === null)
    return { due: filesStored, ruleId: 'R-ELEC-3', reason: 'electronic.due.never', params: { years: intervalYears } }
  const dueOn = addMonths(lastFullCheckOn, intervalYears * 12)
  return {
    due: filesStored && dueOn <= today,
    ruleId: 'R-ELEC-3',
    reason: 'electronic.due.overdue',
    params: { last: lastFullCheckOn, years: intervalYears, dueOn }
  }
}
