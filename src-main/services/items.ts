import type { Db } from '../db/connection'
import type {
  ClassificationCode,
  FieldError,
  FilingSettings,
  Item,
  ItemLinkRow,
  ItemRow,
  Page,
  ParsedInput,
  PolicyReason
} from '../../src-preload/contract'
import { AppFailure, notFound, policyDenied } from '../errors'
import { nextCounter, renderCode, seriesKey } from '../policy/codes'
import { retentionOf } from '../policy/disposal'
import { filingYear, missingDescription, refuseVolumeAdmission, volumeClassification, type FilingFacts, type ItemLink } from '../policy/filing'
import type { Actor, Store, WriteContext } from '../store'
import { OPEN_ITEM_INCIDENTS } from '../db/records'
import { ftsCondition, refreshItemSearch } from './item-search'
import { layOutVolume, linksOf, volumeMembers } from './volume-layout'
import type { SettingsService } from './settings'

type ItemInput = ParsedInput<'items.create'>
type ItemUpdate = ParsedInput<'items.update'>
type ItemQuery = ParsedInput<'items.list'>
type LinkInput = ParsedInput<'items.link'>

const ITEM_COLUMNS = `i.id, i.fonds_code AS fondsCode, i.category_code AS categoryCode, i.year, i.year_reason AS yearReason,
  i.retention_code AS retentionCode, i.department_code AS departmentCode, i.item_number AS itemNumber,
  i.archival_code AS archivalCode, i.title, i.responsible_party AS responsibleParty, i.document_number AS documentNumber,
  i.date_formed AS dateFormed, i.page_count AS pageCount, i.classification, i.open_status AS openStatus, i.remarks,
  i.document_kind AS documentKind, i.period_start_year AS periodStartYear, i.period_end_year AS periodEndYear,
  i.meeting_opened_on AS meetingOpenedOn, i.customer_id AS customerId, c.name AS customerName,
  i.customer_doc_type AS customerDocType, i.sealed_original AS sealedOriginal, i.department_copy_note AS departmentCopyNote,
  i.received_on AS receivedOn, i.status, i.volume_id AS volumeId, v.archival_code AS volumeCode, i.position,
  i.manual_position AS manualPosition, i.start_page AS startPage, i.end_page AS endPage, i.policy_version AS policyVersion,
  i.version, i.series_key AS seriesKey, hl.path AS homePath, cl.path AS currentPath, i.custody`

const FROM_ITEMS = `FROM items i LEFT JOIN customers c ON c.id = i.customer_id LEFT JOIN volumes v ON v.id = i.volume_id
  LEFT JOIN locations hl ON hl.id = i.home_location_id LEFT JOIN locations cl ON cl.id = i.current_location_id`

const SORT_COLUMNS: Record<ItemQuery['sortBy'], string> = {
  archivalCode: 'i.archival_code',
  title: 'i.title',
  dateFormed: 'i.date_formed',
  year: 'i.year',
  updatedAt: 'i.updated_at'
}

/** The columns an edit may change; the audit log snapshots exactly these. */
const EDITABLE: (keyof ItemInput)[] = [
  'fondsCode',
  'categoryCode',
  'retentionCode',
  'departmentCode',
  'title',
  'responsibleParty',
  'documentNumber',
  'dateFormed',
  'pageCount',
  'classification',
  'openStatus',
  'remarks',
  'documentKind',
  'periodStartYear',
  'periodEndYear',
  'meetingOpenedOn',
  'customerId',
  'customerDocType',
  'sealedOriginal',
  'departmentCopyNote',
  'receivedOn'
]

const COLUMN_OF: Record<string, string> = {
  fondsCode: 'fonds_code',
  categoryCode: 'category_code',
  retentionCode: 'retention_code',
  departmentCode: 'department_code',
  responsibleParty: 'responsible_party',
  documentNumber: 'document_number',
  dateFormed: 'date_formed',
  pageCount: 'page_count',
  openStatus: 'open_status',
  documentKind: 'document_kind',
  periodStartYear: 'period_start_year',
  periodEndYear: 'period_end_year',
  meetingOpenedOn: 'meeting_opened_on',
  customerId: 'customer_id',
  customerDocType: 'customer_doc_type',
  sealedOriginal: 'sealed_original',
  departmentCopyNote: 'department_copy_note',
  receivedOn: 'received_on'
}
const columnOf = (field: string) => COLUMN_OF[field] ?? field

/** Parts of the archival code: once a code is assigned these may not change (R-FILE-10: codes are stable). */
const CODE_PARTS = ['fondsCode', 'categoryCode', 'retentionCode', 'departmentCode'] as const

interface ItemRecord extends Omit<Item, 'yearReason' | 'links' | 'sealedOriginal'> {
  yearReason: string
  sealedOriginal: number | boolean
  seriesKey: string | null
}

function snapshot(input: ItemInput): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((field) => [field, input[field]]))
}

/** R-FILE-1: every code must name an entry of the current reference data. */
export function unknownCodes(input: Pick<ItemInput, 'fondsCode' | 'categoryCode' | 'retentionCode' | 'departmentCode'>, settings: FilingSettings): FieldError[] {
  const lists: [keyof typeof input, { code: string }[]][] = [
    ['fondsCode', settings.fonds],
    ['categoryCode', settings.categories],
    ['retentionCode', settings.retentionPeriods],
    ['departmentCode', settings.departments]
  ]
  return lists
    .filter(([field, entries]) => input[field] !== '' && !entries.some((entry) => entry.code === input[field]))
    .map(([field]) => ({ path: field, message: 'validation.unknownCode', params: { code: String(input[field]) } }))
}

const factsOf = (row: Pick<ItemRecord, 'id' | 'documentKind' | 'dateFormed' | 'periodStartYear' | 'periodEndYear' | 'meetingOpenedOn'>): FilingFacts => ({
  id: row.id,
  kind: row.documentKind,
  dateFormed: row.dateFormed,
  periodStartYear: row.periodStartYear,
  periodEndYear: row.periodEndYear,
  meetingOpenedOn: row.meetingOpenedOn
})

export class ItemsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  async list(query: ItemQuery): Promise<Page<ItemRow>> {
    const where: string[] = []
    const params: unknown[] = []
    const search = query.search?.trim()
    if (search) {
      const condition = ftsCondition('items_fts', search)
      where.push(`i.id IN (${condition.sql})`)
      params.push(condition.param)
    }
    for (const [column, values] of [
      ['i.year', query.year],
      ['i.category_code', query.categoryCode],
      ['i.retention_code', query.retentionCode],
      ['i.classification', query.classification],
      ['i.status', query.status]
    ] as const) {
      if (values && values.length > 0) {
        where.push(`${column} IN (${values.map(() => '?').join(',')})`)
        params.push(...values)
      }
    }
    const hideDestroyed = !query.custody || query.custody.length === 0
    if (!hideDestroyed) {
      where.push(`i.custody IN (${query.custody!.map(() => '?').join(',')})`)
      params.push(...query.custody!)
    }
    if (query.customerId) {
      where.push('i.customer_id = ?')
      params.push(query.customerId)
    }
    if (query.volumeId) {
      where.push('i.volume_id = ?')
      params.push(query.volumeId)
    }
    if (query.locationId) {
      // Everything kept at that place or anywhere below it: loose items by their own home, filed ones by their volume's.
      const below = `SELECT d.id FROM locations d, locations top WHERE top.id = ? AND (d.id = top.id OR d.path LIKE top.path || '-%')`
      where.push(`(i.home_location_id IN (${below}) OR i.volume_id IN (SELECT v.id FROM volumes v WHERE v.home_location_id IN (${below})))`)
      params.push(query.locationId, query.locationId)
    }
    if (query.flagged) {
      // Two small sets of open incidents, not a count per item: the filter stays fast over the whole room.
      const open = (subject: string) => `SELECT subject_id FROM incidents WHERE resolved_at IS NULL AND subject = '${subject}'`
      where.push(`(i.id IN (${open('item')}) OR i.volume_id IN (${open('volume')}))`)
    }
    const total = await this.countItems(where, params, hideDestroyed)
    // R-DISP-8: destroyed items stay in the catalogue but leave the everyday list unless asked for.
    if (hideDestroyed) where.push("i.custody <> 'destroyed'")
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : ''
    const direction = query.sortOrder === 'ascend' ? 'ASC' : 'DESC'
    const order = `ORDER BY ${SORT_COLUMNS[query.sortBy]} ${direction}, i.id ${direction}`
    // The page is chosen from items alone; customers and volumes are joined for its rows only.
    const rows: ItemRow[] = await this.store.db.query(
      `SELECT i.id, i.archival_code AS archivalCode, i.title, i.responsible_party AS responsibleParty,
              i.document_number AS documentNumber, i.date_formed AS dateFormed, i.year, i.category_code AS categoryCode,
              i.retention_code AS retentionCode, i.classification, i.page_count AS pageCount, i.status,
              c.name AS customerName, v.archival_code AS volumeCode, ${OPEN_ITEM_INCIDENTS.text} AS openIncidents, i.custody
       FROM (SELECT i.id FROM items i ${clause} ${order} LIMIT ? OFFSET ?) page
       JOIN items i ON i.id = page.id
       LEFT JOIN customers c ON c.id = i.customer_id LEFT JOIN volumes v ON v.id = i.volume_id
       ${order}`,
      [...params, query.pageSize, (query.page - 1) * query.pageSize]
    )
    return { rows, total, page: query.page, pageSize: query.pageSize }
  }

  /**
   * Counting "everything but the destroyed" directly would visit every row; the indexes count all matches fast, and
   * the few destroyed ones are found through the custody index and taken off.
   */
  private async countItems(where: string[], params: unknown[], hideDestroyed: boolean): Promise<number> {
    const count = async (from: string, conditions: string[]) => {
      const [{ total }] = await this.store.db.query(`SELECT COUNT(*) AS total FROM ${from} ${conditions.length ? `WHERE ${conditions.join(' AND ')}` : ''}`, params)
      return Number(total)
    }
    const all = await count('items i', where)
    return hideDestroyed ? all - (await count('items i INDEXED BY items_custody', ["i.custody = 'destroyed'", ...where])) : all
  }

  private async record(db: Db, id: number): Promise<ItemRecord> {
    const rows: ItemRecord[] = await db.query(`SELECT ${ITEM_COLUMNS} ${FROM_ITEMS} WHERE i.id = ?`, [id])
    if (rows.length === 0) throw notFound('errors.itemNotFound')
    return rows[0]
  }


  async load(db: Db, id: number): Promise<Item> {
    const row = await this.record(db, id)
    const links: ItemLinkRow[] = await db.query(
      `SELECT l.kind, l.from_id AS fromId, l.to_id AS toId, o.title AS otherTitle
       FROM item_links l JOIN items o ON o.id = CASE WHEN l.from_id = ? THEN l.to_id ELSE l.from_id END
       WHERE l.from_id = ? OR l.to_id = ? ORDER BY l.id`,
      [id, id, id]
    )
    const { seriesKey: _series, ...rest } = row
    return { ...rest, yearReason: JSON.parse(row.yearReason) as PolicyReason, sealedOriginal: Boolean(row.sealedOriginal), links }
  }

  get(id: number): Promise<Item> {
    return this.load(this.store.db, id)
  }

  private async checkReferences(db: Db, input: ItemInput): Promise<FilingSettings & { policyVersion: number }> {
    const settings = await this.settings.filing(db)
    const problems = unknownCodes(input, settings.data)
    if (input.customerId !== null) {
      const found = await db.query('SELECT id FROM customers WHERE id = ?', [input.customerId])
      if (found.length === 0) problems.push({ path: 'customerId', message: 'errors.customerNotFound' })
    }
    if (input.documentKind === 'plan' && input.periodStartYear && input.periodEndYear && input.periodEndYear < input.periodStartYear) {
      problems.push({ path: 'periodEndYear', message: 'validation.periodOrder' })
    }
    if (problems.length > 0) throw new AppFailure('VALIDATION', 'errors.validation', { details: problems })
    return { ...settings.data, policyVersion: settings.version }
  }

  /** Every item reachable through links from the given ones, with all their links: a document and all its parts. */
  private async linkedGroup(db: Db, ids: number[]): Promise<{ ids: number[]; links: ItemLink[] }> {
    const seen = new Set(ids)
    let frontier = ids
    let links: ItemLink[] = []
    while (frontier.length > 0) {
      links = await linksOf(db, [...seen])
      frontier = links.flatMap((l) => [l.fromId, l.toId]).filter((id) => !seen.has(id))
      for (const id of frontier) seen.add(id)
    }
    return { ids: [...seen], links }
  }

  /** R-FILE-4: the filing year of each item in the linked group, from its own dates and those of its group. */
  private async recomputeYears(db: Db, ids: number[], audit: WriteContext['audit']): Promise<void> {
    const { ids: involved, links } = await this.linkedGroup(db, ids)
    const rows: ItemRecord[] = await db.query(
      `SELECT ${ITEM_COLUMNS} ${FROM_ITEMS} WHERE i.id IN (${involved.map(() => '?').join(',')})`,
      involved
    )
    for (const row of rows) {
      const id = row.id
      const related = rows.filter((other) => other.id !== id)
      const decision = filingYear(factsOf(row), related.map(factsOf), links)
      if (decision.value !== row.year && row.archivalCode) {
        throw policyDenied('R-FILE-10', 'policy.codeStable', { code: row.archivalCode, year: decision.value })
      }
      const reason: PolicyReason = { ruleId: decision.ruleId, reason: decision.reason, ...(decision.params ? { params: decision.params } : {}) }
      await db.query('UPDATE items SET year = ?, year_reason = ? WHERE id = ?', [decision.value, JSON.stringify(reason), id])
      if (decision.value !== row.year) {
        await db.query('UPDATE items SET version = version + 1 WHERE id = ?', [id])
        await audit({ entity: 'item', entityId: id, action: 'refile', before: { year: row.year }, after: { year: decision.value, reason } })
      }
    }
  }

  async create(actor: Actor, input: ItemInput): Promise<Item> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const settings = await this.checkReferences(db, input)
      const stamp = now.toISOString()
      const values = snapshot(input)
      const columns = Object.keys(values).map(columnOf)
      const result = await db.query(
        `INSERT INTO items (${columns.join(', ')}, year, status, policy_version, created_at, updated_at, created_by)
         VALUES (${columns.map(() => '?').join(', ')}, ?, 'received', ?, ?, ?, ?) RETURNING id`,
        [...Object.values(values).map(sqlValue), Number(input.dateFormed.slice(0, 4)), settings.policyVersion, stamp, stamp, actor.userId]
      )
      const id = Number(result[0].id)
      await this.recomputeYears(db, [id], audit)
      await refreshItemSearch(db, [id])
      await audit({ entity: 'item', entityId: id, action: 'create', after: values })
      return this.load(db, id)
    })
  }

  async update(actor: Actor, input: ItemUpdate): Promise<Item> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const current = await this.load(db, input.id)
      if (current.version !== input.version) throw new AppFailure('CONFLICT', 'errors.staleVersion')
      await this.refuseIfFrozen(db, current)
      if (current.archivalCode) {
        const changed = CODE_PARTS.filter((part) => current[part] !== input[part])
        if (changed.length > 0) throw policyDenied('R-FILE-10', 'policy.codeStable', { code: current.archivalCode, year: current.year })
      }
      await this.checkReferences(db, input)
      if (current.volumeId !== null && current.classification !== input.classification) {
        await this.refuseClassificationInVolume(db, current.id, current.volumeId, input.classification)
      }
      const before = snapshot(current as unknown as ItemInput)
      const after = snapshot(input)
      const assignments = Object.keys(after).map((field) => `${columnOf(field)} = ?`)
      await db.query(`UPDATE items SET ${assignments.join(', ')}, version = version + 1, updated_at = ? WHERE id = ?`, [
        ...Object.values(after).map(sqlValue),
        now.toISOString(),
        input.id
      ])
      const linked = current.links.map((l) => (l.fromId === input.id ? l.toId : l.fromId))
      await this.recomputeYears(db, [input.id, ...linked], audit)
      if (current.volumeId !== null) await layOutVolume(db, current.volumeId)
      await refreshItemSearch(db, [input.id])
      await audit({ entity: 'item', entityId: input.id, action: 'update', before, after })
      return this.load(db, input.id)
    })
  }

  private async refuseIfFrozen(db: Db, item: Pick<Item, 'volumeId' | 'custody' | 'archivalCode' | 'title'>): Promise<void> {
    if (item.custody === 'destroyed') throw policyDenied('R-DISP-8', 'policy.disposal.destroyedFrozen', { code: item.archivalCode ?? item.title })
    if (item.volumeId === null) return
    const [volume] = await db.query('SELECT status, archival_code AS code FROM volumes WHERE id = ?', [item.volumeId])
    if (volume?.status === 'closed') throw policyDenied('R-FILE-10', 'policy.volumeClosed', { code: volume.code })
  }

  /** R-FILE-7: a filed item's new classification must still be admissible in its volume. */
  private async refuseClassificationInVolume(db: Db, id: number, volumeId: number, classification: ClassificationCode): Promise<void> {
    const [volume] = await db.query(
      `SELECT year, category_code AS categoryCode, retention_code AS retentionCode, top_secret AS topSecret, status FROM volumes WHERE id = ?`,
      [volumeId]
    )
    const everyone = await volumeMembers(db, volumeId)
    const members = everyone.filter((member) => member.id !== id)
    const self = everyone.find((member) => member.id === id)!
    const refusal = refuseVolumeAdmission(
      {
        year: volume.year,
        categoryCode: volume.categoryCode,
        retentionCode: volume.retentionCode,
        classification: volume.topSecret ? 'top_secret' : volumeClassification(members),
        closed: volume.status === 'closed'
      },
      members,
      { ...self, classification, volumeId: null },
      await linksOf(db, [id]),
      []
    )
    if (refusal) throw policyDenied(refusal.ruleId, refusal.reason, refusal.params)
  }

  /** R-FILE-11 then R-FILE-10: a complete description earns the next archival code of its series. */
  async catalogue(actor: Actor, id: number): Promise<Item> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const item = await this.load(db, id)
      if (item.archivalCode) return item
      const missing = missingDescription({ ...item }, 'catalogued')
      if (missing.length > 0) {
        throw new AppFailure('POLICY_DENIED', 'policy.descriptionIncomplete', {
          ruleId: 'R-FILE-11',
          details: missing.map((field) => ({ path: field, message: 'validation.required' }))
        })
      }
      const policy = await this.settings.filing(db)
      const settings = policy.data
      const parts = { fonds: item.fondsCode, category: item.categoryCode, year: item.year, retention: item.retentionCode, department: item.departmentCode }
      const series = seriesKey(settings.itemCodeTemplate, parts)
      const used: { n: number }[] = await db.query('SELECT item_number AS n FROM items WHERE series_key = ?', [series])
      const counter = nextCounter(used.map((u) => u.n))
      const code = renderCode(settings.itemCodeTemplate, parts, counter)
      if (typeof code !== 'string') throw policyDenied(code.ruleId, code.reason, code.params)
      const clash = await db.query('SELECT id FROM items WHERE archival_code = ?', [code])
      if (clash.length > 0) throw new AppFailure('CONFLICT', 'errors.duplicateCode', { params: { code } })
      // R-DISP-1: the record keeps the period in force when it is coded, whatever later versions of the list say.
      const retention = retentionOf(item.retentionCode, settings.retentionPeriods, item.year)
      await db.query(
        `UPDATE items SET series_key = ?, item_number = ?, archival_code = ?, status = 'catalogued', policy_version = ?,
           retention_years = ?, expires_on = ?, version = version + 1, updated_at = ? WHERE id = ?`,
        [series, counter, code, policy.version, retention.years, retention.expiresOn, now.toISOString(), id]
      )
      await refreshItemSearch(db, [id])
      await audit({ entity: 'item', entityId: id, action: 'catalogue', before: { status: item.status }, after: { status: 'catalogued', archivalCode: code } })
      return this.load(db, id)
    })
  }

  /** R-FILE-3: linked documents stay together; the link may move filing years (a request follows its reply). */
  async link(actor: Actor, input: LinkInput, remove = false): Promise<Item> {
    return this.store.write(actor, async ({ db, audit }) => {
      if (input.fromId === input.toId) throw policyDenied('R-FILE-3', 'policy.linkSelf')
      const from = await this.load(db, input.fromId)
      const to = await this.load(db, input.toId)
      for (const item of [from, to]) await this.refuseIfFrozen(db, item)
      if (remove) {
        await db.query('DELETE FROM item_links WHERE kind = ? AND from_id = ? AND to_id = ?', [input.kind, input.fromId, input.toId])
      } else {
        const exists = await db.query('SELECT id FROM item_links WHERE kind = ? AND from_id = ? AND to_id = ?', [input.kind, input.fromId, input.toId])
        if (exists.length > 0) return from
        await db.query('INSERT INTO item_links (kind, from_id, to_id) VALUES (?, ?, ?)', [input.kind, input.fromId, input.toId])
        const group = await this.linkedGroup(db, [input.fromId])
        const volumes: { volumeId: number }[] = await db.query(
          `SELECT DISTINCT volume_id AS volumeId FROM items WHERE volume_id IS NOT NULL AND id IN (${group.ids.map(() => '?').join(',')})`,
          group.ids
        )
        if (volumes.length > 1) throw policyDenied('R-FILE-3', 'policy.linkAcrossVolumes', { from: from.title, to: to.title })
      }
      await this.recomputeYears(db, [input.fromId, input.toId], audit)
      for (const volumeId of new Set([from.volumeId, to.volumeId])) if (volumeId !== null) await layOutVolume(db, volumeId)
      await audit({ entity: 'item', entityId: input.fromId, action: remove ? 'unlink' : 'link', after: input })
      return this.load(db, input.fromId)
    })
  }
}

const sqlValue = (value: unknown) => (typeof value === 'boolean' ? (value ? 1 : 0) : value)
