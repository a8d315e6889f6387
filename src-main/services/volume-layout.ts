import type { Db } from '../db/connection'
import type { ClassificationCode } from '../../src-preload/contract'
import { policyDenied } from '../errors'
import { orderInVolume, pageNumbers, volumeClassification, type DocumentKind, type ItemLink } from '../policy/filing'

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

export const MEMBER_COLUMNS = `id, document_kind AS documentKind, date_formed AS dateFormed, period_start_year AS periodStartYear,
  period_end_year AS periodEndYear, meeting_opened_on AS meetingOpenedOn, page_count AS pageCount,
  manual_position AS manualPosition, year, category_code AS categoryCode, retention_code AS retentionCode,
  classification, volume_id AS volumeId, archival_code AS archivalCode, status`

export async function volumeMembers(db: Db, volumeId: number): Promise<MemberRow[]> {
  return db.query(`SELECT ${MEMBER_COLUMNS} FROM items WHERE volume_id = ?`, [volumeId])
}

/** Every link that touches one of the given items. */
export async function linksOf(db: Db, ids: number[]): Promise<ItemLink[]> {
  if (ids.length === 0) return []
  const marks = ids.map(() => '?').join(',')
  return db.query(
    `SELECT kind, from_id AS fromId, to_id AS toId FROM item_links WHERE from_id IN (${marks}) OR to_id IN (${marks})`,
    [...ids, ...ids]
  )
}

/**
 * R-FILE-5, R-FILE-6, R-FILE-7: order, page numbers and classification follow from the items in the volume, so they
 * are laid out again whenever a member, its pages, dates or links change.
 */
export async function layOutVolume(db: Db, volumeId: number): Promise<void> {
  const members = await volumeMembers(db, volumeId)
  const ids = members.map((m) => m.id)
  const links = (await linksOf(db, ids)).filter((l) => ids.includes(l.fromId) && ids.includes(l.toId))
  const order = orderInVolume(
    members.map((m) => ({ ...m, kind: m.documentKind })),
    links
  )
  const pages = pageNumbers(order.map((o) => ({ id: o.id, pageCount: members.find((m) => m.id === o.id)?.pageCount ?? 0 })))
  if (!('pages' in pages)) throw policyDenied(pages.ruleId, pages.reason, pages.params)
  for (const [index, placed] of order.entries()) {
    const page = pages.pages.find((p) => p.id === placed.id)
    await db.query('UPDATE items SET position = ?, start_page = ?, end_page = ?, order_reason = ? WHERE id = ?', [
      index + 1,
      page?.startPage ?? null,
      page?.endPage ?? null,
      JSON.stringify({ ruleId: placed.ruleId, reason: placed.reason }),
      placed.id
    ])
  }
  const [volume] = await db.query('SELECT top_secret AS topSecret FROM volumes WHERE id = ?', [volumeId])
  const classification = volume.topSecret ? 'top_secret' : volumeClassification(members)
  await db.query('UPDATE volumes SET classification = ?, version = version + 1 WHERE id = ?', [classification, volumeId])
}
