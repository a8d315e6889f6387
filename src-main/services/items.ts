import type { Db } from '../db/connection'
import { HIGHLIGHTED_ITEM_FIELDS } from '@preload/contract'
import type {
  BatchOutcome,
  ClassificationCode,
  FieldError,
  FilingSettings,
  Item,
  ItemRow,
  Page,
  ParsedInput,
  PolicyReason
} from '@preload/contract'
import { customerExists } from '../db/customers'
import { refreshItemSearch } from '../db/item-search'
import {
  archivalCodeTaken,
  bumpItemVersion,
  catalogueItem,
  deleteItemLink,
  findContainingVolume,
  findItemRecord,
  findItemRecords,
  insertItem,
  insertItemLink,
  itemLinkExists,
  itemLinkRows,
  itemNumbersInSeries,
  listItemRows,
  setItemYear,
  updateItemDescription,
  volumesOfItems,
  type ItemRecord
} from '../db/items'
import { linksOf, volumeMembers } from '../db/volumes'
import { AppFailure, enforce, notFound, refuseStale } from '../errors'
import { nextCounter, renderCode, seriesKey } from '../policy/codes'
import { retentionOf } from '../policy/disposal'
import {
  filingYear,
  missingDescription,
  refuseChange,
  refuseCodeChange,
  refuseSelfLink,
  refuseSplitLink,
  refuseVolumeAdmission,
  volumeClassification,
  type FilingFacts,
  type ItemLink
} from '../policy/filing'
import type { Actor, Store, WriteContext } from '../store'
import { eachRecord } from './batch'
import { settleItemStatus } from './item-status'
import { layOutVolume } from './volume-layout'
import type { SettingsService } from './settings'

/** The columns an edit may change; the audit log snapshots exactly these. */
const EDITABLE: (keyof ParsedInput<'items.create'>)[] = [
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

/** Parts of the archival code: once a code is assigned these may not change (R-FILE-10: codes are stable). */
const CODE_PARTS = ['fondsCode', 'categoryCode', 'retentionCode', 'departmentCode'] as const

function snapshot(input: ParsedInput<'items.create'>): Record<string, unknown> {
  return Object.fromEntries(EDITABLE.map((field) => [field, input[field]]))
}

/** R-FILE-1: every code must name an entry of the current reference data. */
export function unknownCodes(
  input: Pick<ParsedInput<'items.create'>, 'fondsCode' | 'categoryCode' | 'retentionCode' | 'departmentCode'>,
  settings: FilingSettings
): FieldError[] {
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

const factsOf = (
  row: Pick<ItemRecord, 'id' | 'documentKind' | 'dateFormed' | 'periodStartYear' | 'periodEndYear' | 'meetingOpenedOn'>
): FilingFacts => ({
  id: row.id,
  kind: row.documentKind,
  dateFormed: row.dateFormed,
  periodStartYear: row.periodStartYear,
  periodEndYear: row.periodEndYear,
  meetingOpenedOn: row.meetingOpenedOn
})

/** ASCII letters compare without case, as the search indexes and LIKE match them; other characters keep their length. */
const folded = (text: string) => text.replace(/[A-Z]/g, (letter) => letter.toLowerCase())

/** Where the searched text occurs in each field of a row, so the list can mark it. */
export function highlightsOf(row: ItemRow, search: string): NonNullable<ItemRow['highlights']> {
  const needle = folded(search)
  const highlights: NonNullable<ItemRow['highlights']> = {}
  for (const field of HIGHLIGHTED_ITEM_FIELDS) {
    const value = row[field]
    if (!value) continue
    const haystack = folded(value)
    const ranges: [number, number][] = []
    for (let at = haystack.indexOf(needle); at >= 0; at = haystack.indexOf(needle, at + needle.length))
      ranges.push([at, at + needle.length])
    if (ranges.length > 0) highlights[field] = ranges
  }
  return highlights
}

export class ItemsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  async list(query: ParsedInput<'items.list'>): Promise<Page<ItemRow>> {
    const search = query.search?.trim()
    const { rows, total, totalCapped } = await listItemRows(
      this.store.db,
      { ...query, search },
      { limit: query.pageSize, offset: (query.page - 1) * query.pageSize }
    )
    return {
      rows: search ? rows.map((row) => ({ ...row, highlights: highlightsOf(row, search) })) : rows,
      total,
      ...(totalCapped ? { totalCapped } : {}),
      page: query.page,
      pageSize: query.pageSize
    }
  }

  async load(db: Db, id: number): Promise<Item> {
    const row = await findItemRecord(db, id)
    if (!row) throw notFound('errors.itemNotFound')
    const links = await itemLinkRows(db, id)
    const { seriesKey: _series, ...rest } = row
    return {
      ...rest,
      yearReason: JSON.parse(row.yearReason) as PolicyReason,
      sealedOriginal: Boolean(row.sealedOriginal),
      links
    }
  }

  get(id: number): Promise<Item> {
    return this.load(this.store.db, id)
  }

  private async checkReferences(
    db: Db,
    input: ParsedInput<'items.create'>
  ): Promise<FilingSettings & { policyVersion: number }> {
    const settings = await this.settings.filing(db)
    const problems = unknownCodes(input, settings.data)
    if (input.customerId !== null) {
      if (!(await customerExists(db, input.customerId)))
        problems.push({ path: 'customerId', message: 'errors.customerNotFound' })
    }
    if (
      input.documentKind === 'plan' &&
      input.periodStartYear &&
      input.periodEndYear &&
      input.periodEndYear < input.periodStartYear
    ) {
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
    const rows = await findItemRecords(db, involved)
    for (const row of rows) {
      const id = row.id
      const related = rows.filter((other) => other.id !== id)
      const decision = filingYear(factsOf(row), related.map(factsOf), links)
      enforce(refuseCodeChange(row.archivalCode, decision.value !== row.year, decision.value))
      const reason: PolicyReason = {
        ruleId: decision.ruleId,
        reason: decision.reason,
        ...(decision.params ? { params: decision.params } : {})
      }
      await setItemYear(db, id, decision.value, JSON.stringify(reason))
      if (decision.value !== row.year) {
        await bumpItemVersion(db, id)
        await audit({
          entity: 'item',
          entityId: id,
          action: 'refile',
          before: { year: row.year },
          after: { year: decision.value, reason }
        })
      }
    }
  }

  async create(actor: Actor, input: ParsedInput<'items.create'>): Promise<Item> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const settings = await this.checkReferences(db, input)
      const values = snapshot(input)
      const id = await insertItem(db, values, {
        year: Number(input.dateFormed.slice(0, 4)),
        policyVersion: settings.policyVersion,
        createdAt: now.toISOString(),
        createdBy: actor.userId
      })
      await this.recomputeYears(db, [id], audit)
      await refreshItemSearch(db, [id])
      await audit({ entity: 'item', entityId: id, action: 'create', after: values })
      return this.load(db, id)
    })
  }

  async update(actor: Actor, input: ParsedInput<'items.update'>): Promise<Item> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const current = await this.load(db, input.id)
      refuseStale(current.version, input.version)
      await this.refuseIfFrozen(db, current)
      const changesCode = CODE_PARTS.some((part) => current[part] !== input[part])
      enforce(refuseCodeChange(current.archivalCode, changesCode, current.year))
      await this.checkReferences(db, input)
      if (current.volumeId !== null && current.classification !== input.classification) {
        await this.refuseClassificationInVolume(db, current.id, current.volumeId, input.classification)
      }
      const before = snapshot(current as unknown as ParsedInput<'items.create'>)
      const after = snapshot(input)
      await updateItemDescription(db, input.id, after, now.toISOString())
      const linked = current.links.map((l) => (l.fromId === input.id ? l.toId : l.fromId))
      await this.recomputeYears(db, [input.id, ...linked], audit)
      if (current.volumeId !== null) await layOutVolume(db, current.volumeId)
      await refreshItemSearch(db, [input.id])
      await audit({ entity: 'item', entityId: input.id, action: 'update', before, after })
      return this.load(db, input.id)
    })
  }

  private async refuseIfFrozen(
    db: Db,
    item: Pick<Item, 'volumeId' | 'custody' | 'archivalCode' | 'title'>
  ): Promise<void> {
    const volume = item.volumeId === null ? undefined : await findContainingVolume(db, item.volumeId)
    enforce(
      refuseChange({
        label: item.archivalCode ?? item.title,
        destroyed: item.custody === 'destroyed',
        closedVolume: volume?.status === 'closed' ? volume.code : null
      })
    )
  }

  /** R-FILE-7: a filed item's new classification must still be admissible in its volume. */
  private async refuseClassificationInVolume(
    db: Db,
    id: number,
    volumeId: number,
    classification: ClassificationCode
  ): Promise<void> {
    const volume = (await findContainingVolume(db, volumeId))!
    const everyone = await volumeMembers(db, volumeId)
    const members = everyone.filter((member) => member.id !== id)
    const self = everyone.find((member) => member.id === id)!
    const admission = refuseVolumeAdmission(
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
    enforce(admission)
  }

  /** R-FILE-11 then R-FILE-10: a complete description earns the next archival code of its series. */
  async catalogue(actor: Actor, id: number): Promise<Item> {
    return this.store.write(actor, async (context) => {
      await this.catalogueWithin(context, id)
      return this.load(context.db, id)
    })
  }

  /** The selected items coded in one transaction, in the order they were registered; each refusal is reported. */
  async catalogueMany(actor: Actor, ids: number[]): Promise<BatchOutcome> {
    return this.store.write(actor, (context) =>
      eachRecord(
        context.db,
        [...ids].sort((a, b) => a - b),
        (id) => this.catalogueWithin(context, id)
      )
    )
  }

  private async catalogueWithin({ db, now, audit }: WriteContext, id: number): Promise<void> {
    const item = await this.load(db, id)
    if (item.archivalCode) return
    const missing = missingDescription({ ...item }, 'catalogued')
    if (missing.length > 0) {
      throw new AppFailure('POLICY_DENIED', 'policy.descriptionIncomplete', {
        ruleId: 'R-FILE-11',
        details: missing.map((field) => ({ path: field, message: 'validation.required' }))
      })
    }
    const policy = await this.settings.filing(db)
    const settings = policy.data
    const parts = {
      fonds: item.fondsCode,
      category: item.categoryCode,
      year: item.year,
      retention: item.retentionCode,
      department: item.departmentCode
    }
    const series = seriesKey(settings.itemCodeTemplate, parts)
    let counter = nextCounter(await itemNumbersInSeries(db, series))
    let code = enforce(renderCode(settings.itemCodeTemplate, parts, counter))
    // An old catalogue's code imported as text (its row filed under another year, say) is no number of this series
    // yet may read as its next code: numbering goes on past it, and renderCode stops at the counter's last number.
    while (await archivalCodeTaken(db, code)) code = enforce(renderCode(settings.itemCodeTemplate, parts, ++counter))
    // R-DISP-1: the record keeps the period in force when it is coded, whatever later versions of the list say.
    const retention = retentionOf(item.retentionCode, settings.retentionPeriods, item.year)
    await catalogueItem(db, id, {
      series,
      counter,
      code,
      policyVersion: policy.version,
      retentionYears: retention.years,
      expiresOn: retention.expiresOn,
      updatedAt: now.toISOString()
    })
    await refreshItemSearch(db, [id])
    await audit({
      entity: 'item',
      entityId: id,
      action: 'catalogue',
      before: { status: item.status },
      after: { status: 'catalogued', archivalCode: code }
    })
    // Already in its box, the item is filed as soon as it has its code.
    await settleItemStatus(db, audit, [id])
  }

  /** R-FILE-3: linked documents stay together; the link may move filing years (a request follows its reply). */
  async link(actor: Actor, input: ParsedInput<'items.link'>, remove = false): Promise<Item> {
    return this.store.write(actor, async ({ db, audit }) => {
      enforce(refuseSelfLink(input.fromId, input.toId))
      const from = await this.load(db, input.fromId)
      const to = await this.load(db, input.toId)
      for (const item of [from, to]) await this.refuseIfFrozen(db, item)
      if (remove) {
        await deleteItemLink(db, input)
      } else {
        if (await itemLinkExists(db, input)) return from
        await insertItemLink(db, input)
        const group = await this.linkedGroup(db, [input.fromId])
        enforce(refuseSplitLink((await volumesOfItems(db, group.ids)).length, from.title, to.title))
      }
      await this.recomputeYears(db, [input.fromId, input.toId], audit)
      for (const volumeId of new Set([from.volumeId, to.volumeId]))
        if (volumeId !== null) await layOutVolume(db, volumeId)
      await audit({ entity: 'item', entityId: input.fromId, action: remove ? 'unlink' : 'link', after: input })
      return this.load(db, input.fromId)
    })
  }
}
