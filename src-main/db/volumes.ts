import type { ClassificationCode, ParsedInput, Volume, VolumeItem } from '@preload/contract'
import type { DocumentKind, ItemLink } from '../policy/filing'
import { containsPattern } from './full-text'
import { firstRow, type Db } from './connection'
import { countUpTo } from './paging'
import { sql } from './sql'

/** A volume as the contract shows it, with its counts and the paths of its places. */
const VOLUME_COLUMNS = sql`v.id, v.archival_code AS archivalCode, v.title, v.fonds_code AS fondsCode, v.catalogue_code AS catalogueCode,
  v.category_code AS categoryCode, v.year, v.retention_code AS retentionCode, v.department_code AS departmentCode,
  v.classification, v.top_secret AS topSecret, v.status, v.notes, v.compiled_by AS compiledBy, v.compiled_on AS compiledOn,
  v.checked_by AS checkedBy, v.checked_on AS checkedOn, v.version,
  (SELECT COUNT(*) FROM items i WHERE i.volume_id = v.id) AS itemCount,
  (SELECT COALESCE(SUM(i.page_count), 0) FROM items i WHERE i.volume_id = v.id) AS pageCount,
  (SELECT path FROM locations WHERE id = v.home_location_id) AS homePath,
  (SELECT path FROM locations WHERE id = v.current_location_id) AS currentPath, v.custody`

/** What the filing rules read about an item that is, or may become, a member of a volume. */
export interface MemberRow {
  id: number
  documentKind: DocumentKind
  dateFormed: string
  periodStartYear: number | null
  periodEndYear: number | null
  meetingOpenedOn: string | null
  pageCount: number
  manualPosition: number | null
  year: number
  categoryCode: string
  retentionCode: string
  classification: ClassificationCode
  volumeId: number | null
  archivalCode: string | null
  status: string
}

const MEMBER_COLUMNS = sql`id, document_kind AS documentKind, date_formed AS dateFormed, period_start_year AS periodStartYear,
  period_end_year AS periodEndYear, meeting_opened_on AS meetingOpenedOn, page_count AS pageCount,
  manual_position AS manualPosition, year, category_code AS categoryCode, retention_code AS retentionCode,
  classification, volume_id AS volumeId, archival_code AS archivalCode, status`

/** As stored: the order reason is JSON, absent for an item laid out before reasons were kept. */
export type StoredVolumeItem = Omit<VolumeItem, 'orderReason'> & { orderReason: string | null }

type ListQuery = ParsedInput<'volumes.list'>

function listConditions(query: ListQuery) {
  const conditions = []
  if (query.year) conditions.push(sql`v.year = ${query.year}`)
  if (query.status) conditions.push(sql`v.status = ${query.status}`)
  if (query.search) {
    const like = containsPattern(query.search)
    conditions.push(sql`(v.title LIKE ${like} ESCAPE '\\' OR v.archival_code LIKE ${like} ESCAPE '\\')`)
  }
  return sql.where(conditions)
}

/** How many volumes match, up to `COUNT_LIMIT`. */
export function countVolumes(db: Db, query: ListQuery): Promise<{ total: number; totalCapped: boolean }> {
  return countUpTo(db, sql`SELECT 1 FROM volumes v ${listConditions(query)}`)
}

/**
 * One page of the list, newest year first, then by code: the page's ids off volumes_year_code, then the counts and
 * places of those twenty only.
 */
export function volumesPage(db: Db, query: ListQuery): Promise<Volume[]> {
  const order = sql`ORDER BY v.year DESC, v.archival_code`
  return db.query(
    sql`SELECT ${VOLUME_COLUMNS} FROM volumes v WHERE v.id IN (SELECT v.id FROM volumes v ${listConditions(query)} ${order}
        LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}) ${order}`
  )
}

export function volumeById(db: Db, id: number): Promise<Volume | undefined> {
  return firstRow<Volume>(db, sql`SELECT ${VOLUME_COLUMNS} FROM volumes v WHERE v.id = ${id}`)
}

/** The volume's items in their order. */
export function volumeItems(db: Db, volumeId: number): Promise<StoredVolumeItem[]> {
  return db.query(
    sql`SELECT id, position, start_page AS startPage, end_page AS endPage, archival_code AS archivalCode,
          document_number AS documentNumber, responsible_party AS responsibleParty, title, date_formed AS dateFormed,
          page_count AS pageCount, classification, remarks, order_reason AS orderReason, manual_position AS manualPosition
        FROM items WHERE volume_id = ${volumeId} ORDER BY position`
  )
}

/** The volume numbers already taken in a series, for the next gap-free number. */
export async function volumeNumbersInSeries(db: Db, seriesKey: string): Promise<number[]> {
  const rows = await db.query<{ n: number }>(
    sql`SELECT volume_number AS n FROM volumes WHERE series_key = ${seriesKey}`
  )
  return rows.map((row) => row.n)
}

export async function volumeCodeTaken(db: Db, archivalCode: string): Promise<boolean> {
  return (await db.query(sql`SELECT id FROM volumes WHERE archival_code = ${archivalCode}`)).length > 0
}

export interface NewVolume {
  fondsCode: string
  catalogueCode: string
  categoryCode: string
  year: number
  retentionCode: string
  departmentCode: string
  seriesKey: string
  volumeNumber: number
  archivalCode: string
  title: string
  classification: ClassificationCode
  topSecret: boolean
  policyVersion: number
  retentionYears: number | null
  expiresOn: string | null
  createdAt: string
  createdBy: number | null
}

export async function insertVolume(db: Db, volume: NewVolume): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO volumes (fonds_code, catalogue_code, category_code, year, retention_code, department_code, series_key,
          volume_number, archival_code, title, classification, top_secret, policy_version, retention_years, expires_on,
          created_at, updated_at, created_by)
        VALUES (${volume.fondsCode}, ${volume.catalogueCode}, ${volume.categoryCode}, ${volume.year}, ${volume.retentionCode},
          ${volume.departmentCode}, ${volume.seriesKey}, ${volume.volumeNumber}, ${volume.archivalCode}, ${volume.title},
          ${volume.classification}, ${volume.topSecret}, ${volume.policyVersion}, ${volume.retentionYears}, ${volume.expiresOn},
          ${volume.createdAt}, ${volume.createdAt}, ${volume.createdBy}) RETURNING id`
  )
  return Number(row.id)
}

export async function memberById(db: Db, itemId: number): Promise<MemberRow | undefined> {
  const [row] = await db.query<MemberRow>(sql`SELECT ${MEMBER_COLUMNS} FROM items WHERE id = ${itemId}`)
  return row
}

export function volumeMembers(db: Db, volumeId: number): Promise<MemberRow[]> {
  return db.query(sql`SELECT ${MEMBER_COLUMNS} FROM items WHERE volume_id = ${volumeId}`)
}

/** Where an item is kept on its own: its home and current places, with their paths. */
export async function itemPlace(
  db: Db,
  itemId: number
): Promise<{
  homeLocationId: number | null
  currentLocationId: number | null
  homePath: string | null
  currentPath: string | null
}> {
  const [row] = await db.query(
    sql`SELECT i.home_location_id AS homeLocationId, i.current_location_id AS currentLocationId, h.path AS homePath, c.path AS currentPath
        FROM items i LEFT JOIN locations h ON h.id = i.home_location_id LEFT JOIN locations c ON c.id = i.current_location_id
        WHERE i.id = ${itemId}`
  )
  return row
}

/** Every link that touches one of the given items. */
export function linksOf(db: Db, ids: number[]): Promise<ItemLink[]> {
  return db.query(
    sql`SELECT kind, from_id AS fromId, to_id AS toId FROM item_links WHERE from_id IN ${ids} OR to_id IN ${ids}`
  )
}

/** Those of the given items that are filed in a volume other than this one. */
export function itemsFiledElsewhere(
  db: Db,
  ids: number[],
  volumeId: number
): Promise<{ id: number; volumeId: number }[]> {
  return db.query(
    sql`SELECT id, volume_id AS volumeId FROM items WHERE id IN ${ids} AND volume_id IS NOT NULL AND volume_id <> ${volumeId}`
  )
}

/** Filed in a volume, the item lives wherever its volume is kept; its own shelf place no longer applies. */
export async function fileItem(db: Db, itemId: number, volumeId: number, stamp: string): Promise<void> {
  await db.query(
    sql`UPDATE items SET volume_id = ${volumeId}, status = 'filed', manual_position = NULL, home_location_id = NULL, current_location_id = NULL,
          version = version + 1, updated_at = ${stamp} WHERE id = ${itemId}`
  )
}

/** The item's pinned place, when it is a member of this volume. */
export async function memberPosition(
  db: Db,
  volumeId: number,
  itemId: number
): Promise<{ manualPosition: number | null } | undefined> {
  const [row] = await db.query(
    sql`SELECT manual_position AS manualPosition FROM items WHERE id = ${itemId} AND volume_id = ${volumeId}`
  )
  return row
}

/** Back to a catalogued item on its own, with nothing left of its place in the volume. */
export async function unfileItem(db: Db, itemId: number, stamp: string): Promise<void> {
  await db.query(
    sql`UPDATE items SET volume_id = NULL, status = 'catalogued', position = NULL, start_page = NULL, end_page = NULL,
          manual_position = NULL, order_reason = NULL, updated_at = ${stamp} WHERE id = ${itemId}`
  )
}

export async function pinPosition(db: Db, itemId: number, position: number | null): Promise<void> {
  await db.query(sql`UPDATE items SET manual_position = ${position} WHERE id = ${itemId}`)
}

export async function updateVolumeNote(
  db: Db,
  id: number,
  note: { notes: string; compiledBy: string; compiledOn: string; checkedBy: string; checkedOn: string },
  stamp: string
): Promise<void> {
  await db.query(
    sql`UPDATE volumes SET notes = ${note.notes}, compiled_by = ${note.compiledBy}, compiled_on = ${note.compiledOn},
          checked_by = ${note.checkedBy}, checked_on = ${note.checkedOn}, version = version + 1, updated_at = ${stamp} WHERE id = ${id}`
  )
}

/** R-FILE-3: the title of one document outside the volume that a member is linked to, if there is any. */
export async function linkedTitleOutside(db: Db, volumeId: number): Promise<string | undefined> {
  const [row] = await db.query<{ title: string }>(
    sql`SELECT o.title FROM items m
        JOIN item_links l ON l.from_id = m.id OR l.to_id = m.id
        JOIN items o ON o.id = CASE WHEN l.from_id = m.id THEN l.to_id ELSE l.from_id END
        WHERE m.volume_id = ${volumeId} AND (o.volume_id IS NULL OR o.volume_id <> ${volumeId}) LIMIT 1`
  )
  return row?.title
}

export async function closeVolume(db: Db, id: number, stamp: string): Promise<void> {
  await db.query(
    sql`UPDATE volumes SET status = 'closed', closed_at = ${stamp}, version = version + 1 WHERE id = ${id}`
  )
}

/** A member's place in the laid-out volume: position, pages and the rule that put it there (JSON). */
export async function placeMember(
  db: Db,
  itemId: number,
  place: { position: number; startPage: number | null; endPage: number | null; orderReason: string }
): Promise<void> {
  await db.query(
    sql`UPDATE items SET position = ${place.position}, start_page = ${place.startPage}, end_page = ${place.endPage},
          order_reason = ${place.orderReason} WHERE id = ${itemId}`
  )
}

export async function volumeIsTopSecret(db: Db, id: number): Promise<boolean> {
  const [row] = await db.query<{ topSecret: number }>(sql`SELECT top_secret AS topSecret FROM volumes WHERE id = ${id}`)
  return Boolean(row.topSecret)
}

export async function setVolumeClassification(db: Db, id: number, classification: ClassificationCode): Promise<void> {
  await db.query(sql`UPDATE volumes SET classification = ${classification}, version = version + 1 WHERE id = ${id}`)
}
