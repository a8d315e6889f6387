import type { Db } from '../db/connection'
import type { Page, ParsedInput, PolicyReason, Volume, VolumeItem } from '../../src-preload/contract'
import { AppFailure, notFound, policyDenied } from '../errors'
import { nextCounter, renderCode, seriesKey } from '../policy/codes'
import { retentionOf } from '../policy/disposal'
import { refuseVolumeAdmission, type ItemLink } from '../policy/filing'
import type { Actor, Store } from '../store'
import { containsPattern } from './item-search'
import { unknownCodes } from './items'
import { layOutVolume, linksOf, MEMBER_COLUMNS, volumeMembers, type MemberRow } from './volume-layout'
import type { SettingsService } from './settings'

type VolumeInput = ParsedInput<'volumes.create'>
type NoteInput = ParsedInput<'volumes.updateNote'>
export interface VolumeWithItems {
  volume: Volume
  items: VolumeItem[]
}

const VOLUME_COLUMNS = `v.id, v.archival_code AS archivalCode, v.title, v.fonds_code AS fondsCode, v.catalogue_code AS catalogueCode,
  v.category_code AS categoryCode, v.year, v.retention_code AS retentionCode, v.department_code AS departmentCode,
  v.classification, v.top_secret AS topSecret, v.status, v.notes, v.compiled_by AS compiledBy, v.compiled_on AS compiledOn,
  v.checked_by AS checkedBy, v.checked_on AS checkedOn, v.version,
  (SELECT COUNT(*) FROM items i WHERE i.volume_id = v.id) AS itemCount,
  (SELECT COALESCE(SUM(i.page_count), 0) FROM items i WHERE i.volume_id = v.id) AS pageCount,
  (SELECT path FROM locations WHERE id = v.home_location_id) AS homePath,
  (SELECT path FROM locations WHERE id = v.current_location_id) AS currentPath, v.custody`

export class VolumesService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  async list(query: ParsedInput<'volumes.list'>): Promise<Page<Volume>> {
    const where: string[] = []
    const params: unknown[] = []
    if (query.year) {
      where.push('v.year = ?')
      params.push(query.year)
    }
    if (query.status) {
      where.push('v.status = ?')
      params.push(query.status)
    }
    if (query.search) {
      where.push(`(v.title LIKE ? ESCAPE '\\' OR v.archival_code LIKE ? ESCAPE '\\')`)
      params.push(containsPattern(query.search), containsPattern(query.search))
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const [{ total }] = await this.store.db.query(`SELECT COUNT(*) AS total FROM volumes v ${clause}`, params)
    const rows: Volume[] = await this.store.db.query(
      `SELECT ${VOLUME_COLUMNS} FROM volumes v ${clause} ORDER BY v.year DESC, v.archival_code LIMIT ? OFFSET ?`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize]
    )
    return { rows: rows.map(normalise), total, page: query.page, pageSize: query.pageSize }
  }

  private async volume(db: Db, id: number): Promise<Volume> {
    const rows: Volume[] = await db.query(`SELECT ${VOLUME_COLUMNS} FROM volumes v WHERE v.id = ?`, [id])
    if (rows.length === 0) throw notFound('errors.volumeNotFound')
    return normalise(rows[0])
  }

  async load(db: Db, id: number): Promise<VolumeWithItems> {
    const volume = await this.volume(db, id)
    const rows: (Omit<VolumeItem, 'orderReason'> & { orderReason: string | null })[] = await db.query(
      `SELECT id, position, start_page AS startPage, end_page AS endPage, archival_code AS archivalCode,
              document_number AS documentNumber, responsible_party AS responsibleParty, title, date_formed AS dateFormed,
              page_count AS pageCount, classification, remarks, order_reason AS orderReason, manual_position AS manualPosition
       FROM items WHERE volume_id = ? ORDER BY position`,
      [id]
    )
    return {
      volume,
      items: rows.map((row) => ({ ...row, orderReason: JSON.parse(row.orderReason ?? '{"ruleId":"R-FILE-5","reason":""}') as PolicyReason }))
    }
  }

  get(id: number): Promise<VolumeWithItems> {
    return this.load(this.store.db, id)
  }

  /** GB/T 9705: the volume's code 全宗号-目录号-案卷号 is assigned at creation, gap-free within its series. */
  async create(actor: Actor, input: VolumeInput): Promise<Volume> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const policy = await this.settings.filing(db)
      const problems = unknownCodes({ fondsCode: input.fondsCode, categoryCode: input.categoryCode, retentionCode: input.retentionCode, departmentCode: input.departmentCode }, policy.data)
      if (problems.length > 0) throw new AppFailure('VALIDATION', 'errors.validation', { details: problems })
      const catalogue = input.catalogueCode ?? policy.data.defaultCatalogueCode
      const parts = {
        fonds: input.fondsCode,
        category: input.categoryCode,
        year: input.year,
        retention: input.retentionCode,
        department: input.departmentCode,
        catalogue
      }
      const series = seriesKey(policy.data.volumeCodeTemplate, parts)
      const used: { n: number }[] = await db.query('SELECT volume_number AS n FROM volumes WHERE series_key = ?', [series])
      const counter = nextCounter(used.map((u) => u.n))
      const code = renderCode(policy.data.volumeCodeTemplate, parts, counter)
      if (typeof code !== 'string') throw policyDenied(code.ruleId, code.reason, code.params)
      if ((await db.query('SELECT id FROM volumes WHERE archival_code = ?', [code])).length > 0) {
        throw new AppFailure('CONFLICT', 'errors.duplicateCode', { params: { code } })
      }
      const stamp = now.toISOString()
      const retention = retentionOf(input.retentionCode, policy.data.retentionPeriods, input.year)
      const result = await db.query(
        `INSERT INTO volumes (fonds_code, catalogue_code, category_code, year, retention_code, department_code, series_key,
           volume_number, archival_code, title, classification, top_secret, policy_version, retention_years, expires_on,
           created_at, updated_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
        [
          input.fondsCode,
          catalogue,
          input.categoryCode,
          input.year,
          input.retentionCode,
          input.departmentCode,
          series,
          counter,
          code,
          input.title,
          input.topSecret ? 'top_secret' : 'none',
          input.topSecret ? 1 : 0,
          policy.version,
          retention.years,
          retention.expiresOn,
          stamp,
          stamp,
          actor.userId
        ]
      )
      const id = Number(result[0].id)
      await audit({ entity: 'volume', entityId: id, action: 'create', after: { ...input, archivalCode: code } })
      return this.volume(db, id)
    })
  }

  /** R-DISP-8: a destroyed volume's catalogue is kept exactly as it was destroyed. */
  private refuseIfDestroyed(volume: Volume): void {
    if (volume.custody === 'destroyed') throw policyDenied('R-DISP-8', 'policy.disposal.destroyedFrozen', { code: volume.archivalCode })
  }

  private refuseIfClosed(volume: Volume): void {
    this.refuseIfDestroyed(volume)
    if (volume.status === 'closed') throw policyDenied('R-FILE-10', 'policy.volumeClosed', { code: volume.archivalCode })
  }

  /** R-FILE-1..3, 7: only a catalogued item of the same year, class and period, kept with its linked documents. */
  async addItem(actor: Actor, volumeId: number, itemId: number): Promise<VolumeWithItems> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const volume = await this.volume(db, volumeId)
      this.refuseIfDestroyed(volume)
      const [candidate]: MemberRow[] = await db.query(`SELECT ${MEMBER_COLUMNS} FROM items WHERE id = ?`, [itemId])
      if (!candidate) throw notFound('errors.itemNotFound')
      if (candidate.volumeId === volumeId) return this.load(db, volumeId)
      if (!candidate.archivalCode) throw policyDenied('R-FILE-1', 'policy.notCatalogued')
      const [place]: { homeLocationId: number | null; currentLocationId: number | null; homePath: string | null; currentPath: string | null }[] =
        await db.query(
          `SELECT i.home_location_id AS homeLocationId, i.current_location_id AS currentLocationId, h.path AS homePath, c.path AS currentPath
           FROM items i LEFT JOIN locations h ON h.id = i.home_location_id LEFT JOIN locations c ON c.id = i.current_location_id WHERE i.id = ?`,
          [itemId]
        )
      if (place.homeLocationId !== place.currentLocationId) {
        throw policyDenied('R-KEEP-1', 'policy.location.awayCannotFile', { path: place.currentPath ?? '' })
      }
      const members = await volumeMembers(db, volumeId)
      const links: ItemLink[] = await linksOf(db, [itemId])
      const linkedIds = links.map((l) => (l.fromId === itemId ? l.toId : l.fromId))
      const linkedElsewhere: { id: number; volumeId: number }[] = linkedIds.length
        ? await db.query(
            `SELECT id, volume_id AS volumeId FROM items WHERE id IN (${linkedIds.map(() => '?').join(',')}) AND volume_id IS NOT NULL AND volume_id <> ?`,
            [...linkedIds, volumeId]
          )
        : []
      const refusal = refuseVolumeAdmission(
        {
          year: volume.year,
          categoryCode: volume.categoryCode,
          retentionCode: volume.retentionCode,
          classification: volume.topSecret ? 'top_secret' : volume.classification,
          closed: volume.status === 'closed'
        },
        members,
        candidate,
        links,
        linkedElsewhere
      )
      if (refusal) throw policyDenied(refusal.ruleId, refusal.reason, refusal.params)
      // Filed in a volume, the item lives wherever its volume is kept; its own shelf place no longer applies.
      await db.query(
        `UPDATE items SET volume_id = ?, status = 'filed', manual_position = NULL, home_location_id = NULL, current_location_id = NULL,
           version = version + 1, updated_at = ? WHERE id = ?`,
        [volumeId, now.toISOString(), itemId]
      )
      await layOutVolume(db, volumeId)
      await audit({
        entity: 'volume',
        entityId: volumeId,
        action: 'add_item',
        before: { itemId, homePath: place.homePath, currentPath: place.currentPath },
        after: { itemId, archivalCode: candidate.archivalCode }
      })
      return this.load(db, volumeId)
    })
  }

  async removeItem(actor: Actor, volumeId: number, itemId: number): Promise<VolumeWithItems> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const volume = await this.volume(db, volumeId)
      this.refuseIfClosed(volume)
      const [item] = await db.query('SELECT id FROM items WHERE id = ? AND volume_id = ?', [itemId, volumeId])
      if (!item) throw notFound('errors.itemNotFound')
      await db.query(
        `UPDATE items SET volume_id = NULL, status = 'catalogued', position = NULL, start_page = NULL, end_page = NULL,
           manual_position = NULL, order_reason = NULL, updated_at = ? WHERE id = ?`,
        [now.toISOString(), itemId]
      )
      await layOutVolume(db, volumeId)
      await audit({ entity: 'volume', entityId: volumeId, action: 'remove_item', before: { itemId } })
      return this.load(db, volumeId)
    })
  }

  /** R-FILE-5: the archivist may pin an item to a place; the rest is ordered around it. */
  async setPosition(actor: Actor, volumeId: number, itemId: number, position: number | null): Promise<VolumeWithItems> {
    return this.store.write(actor, async ({ db, audit }) => {
      const volume = await this.volume(db, volumeId)
      this.refuseIfClosed(volume)
      const [item] = await db.query('SELECT manual_position AS manualPosition FROM items WHERE id = ? AND volume_id = ?', [itemId, volumeId])
      if (!item) throw notFound('errors.itemNotFound')
      if (position !== null && position > volume.itemCount) {
        throw new AppFailure('VALIDATION', 'errors.validation', { details: [{ path: 'position', message: 'validation.range' }] })
      }
      await db.query('UPDATE items SET manual_position = ? WHERE id = ?', [position, itemId])
      await layOutVolume(db, volumeId)
      await audit({ entity: 'volume', entityId: volumeId, action: 'reorder', before: { itemId, position: item.manualPosition }, after: { itemId, position } })
      return this.load(db, volumeId)
    })
  }

  async updateNote(actor: Actor, input: NoteInput): Promise<Volume> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const volume = await this.volume(db, input.id)
      if (volume.version !== input.version) throw new AppFailure('CONFLICT', 'errors.staleVersion')
      this.refuseIfDestroyed(volume)
      const { id, version: _version, ...note } = input
      await db.query(
        'UPDATE volumes SET notes = ?, compiled_by = ?, compiled_on = ?, checked_by = ?, checked_on = ?, version = version + 1, updated_at = ? WHERE id = ?',
        [note.notes, note.compiledBy, note.compiledOn, note.checkedBy, note.checkedOn, now.toISOString(), id]
      )
      await audit({
        entity: 'volume',
        entityId: id,
        action: 'update',
        before: { notes: volume.notes, compiledBy: volume.compiledBy, compiledOn: volume.compiledOn, checkedBy: volume.checkedBy, checkedOn: volume.checkedOn },
        after: note
      })
      return this.volume(db, id)
    })
  }

  /** Closing freezes the codes, order and page numbers (R-FILE-10). */
  async close(actor: Actor, id: number, version: number): Promise<Volume> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const volume = await this.volume(db, id)
      if (volume.version !== version) throw new AppFailure('CONFLICT', 'errors.staleVersion')
      this.refuseIfClosed(volume)
      if (volume.itemCount === 0) throw policyDenied('R-FILE-8', 'policy.volumeEmpty')
      // R-FILE-3: a document whose linked partner is not in this volume could never join it once it is closed.
      const outside: { title: string }[] = await db.query(
        `SELECT o.title FROM items m
         JOIN item_links l ON l.from_id = m.id OR l.to_id = m.id
         JOIN items o ON o.id = CASE WHEN l.from_id = m.id THEN l.to_id ELSE l.from_id END
         WHERE m.volume_id = ? AND (o.volume_id IS NULL OR o.volume_id <> ?) LIMIT 1`,
        [id, id]
      )
      if (outside.length > 0) throw policyDenied('R-FILE-3', 'policy.linkedOutsideVolume', { title: outside[0].title })
      await db.query("UPDATE volumes SET status = 'closed', closed_at = ?, version = version + 1 WHERE id = ?", [now.toISOString(), id])
      await audit({ entity: 'volume', entityId: id, action: 'close', before: { status: 'open' }, after: { status: 'closed' } })
      return this.volume(db, id)
    })
  }
}

function normalise(volume: Volume): Volume {
  return { ...volume, topSecret: Boolean(volume.topSecret) }
}
