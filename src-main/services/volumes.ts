import type { Db } from '../db/connection'
import {
  closeVolume,
  countVolumes,
  fileItem,
  insertVolume,
  itemPlace,
  itemsFiledElsewhere,
  linkedTitleOutside,
  linksOf,
  memberById,
  memberPosition,
  pinPosition,
  unfileItem,
  updateVolumeNote,
  volumeById,
  volumeCodeTaken,
  volumeItems,
  volumeMembers,
  volumeNumbersInSeries,
  volumesPage
} from '../db/volumes'
import { pageTotal } from '../db/paging'
import type { BatchOutcome, Page, ParsedInput, PolicyReason, Volume, VolumeItem } from '@preload/contract'
import { AppFailure, enforce, notFound, refuseStale } from '../errors'
import { nextCounter, renderCode, seriesKey } from '../policy/codes'
import { retentionOf } from '../policy/disposal'
import { refuseChange, refuseClosing, refuseFiling, refuseVolumeAdmission, type ItemLink } from '../policy/filing'
import type { Actor, Store, WriteContext } from '../store'
import { eachRecord } from './batch'
import { unknownCodes } from './items'
import { layOutVolume } from './volume-layout'
import type { SettingsService } from './settings'

export interface VolumeWithItems {
  volume: Volume
  items: VolumeItem[]
}

export class VolumesService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  async list(query: ParsedInput<'volumes.list'>): Promise<Page<Volume>> {
    const count = await countVolumes(this.store.db, query)
    const rows = await volumesPage(this.store.db, query)
    return { rows: rows.map(normalise), ...pageTotal(count), page: query.page, pageSize: query.pageSize }
  }

  private async volume(db: Db, id: number): Promise<Volume> {
    const row = await volumeById(db, id)
    if (!row) throw notFound('errors.volumeNotFound')
    return normalise(row)
  }

  async load(db: Db, id: number): Promise<VolumeWithItems> {
    const volume = await this.volume(db, id)
    const rows = await volumeItems(db, id)
    return {
      volume,
      items: rows.map((row) => ({
        ...row,
        orderReason: JSON.parse(row.orderReason ?? '{"ruleId":"R-FILE-5","reason":""}') as PolicyReason
      }))
    }
  }

  get(id: number): Promise<VolumeWithItems> {
    return this.load(this.store.db, id)
  }

  /** GB/T 9705: the volume's code 全宗号-目录号-案卷号 is assigned at creation, gap-free within its series. */
  async create(actor: Actor, input: ParsedInput<'volumes.create'>): Promise<Volume> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const policy = await this.settings.filing(db)
      const problems = unknownCodes(
        {
          fondsCode: input.fondsCode,
          categoryCode: input.categoryCode,
          retentionCode: input.retentionCode,
          departmentCode: input.departmentCode
        },
        policy.data
      )
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
      const counter = nextCounter(await volumeNumbersInSeries(db, series))
      const code = enforce(renderCode(policy.data.volumeCodeTemplate, parts, counter))
      if (await volumeCodeTaken(db, code)) {
        throw new AppFailure('CONFLICT', 'errors.duplicateCode', { params: { code } })
      }
      const retention = retentionOf(input.retentionCode, policy.data.retentionPeriods, input.year)
      const id = await insertVolume(db, {
        fondsCode: input.fondsCode,
        catalogueCode: catalogue,
        categoryCode: input.categoryCode,
        year: input.year,
        retentionCode: input.retentionCode,
        departmentCode: input.departmentCode,
        seriesKey: series,
        volumeNumber: counter,
        archivalCode: code,
        title: input.title,
        classification: input.topSecret ? 'top_secret' : 'none',
        topSecret: input.topSecret,
        policyVersion: policy.version,
        retentionYears: retention.years,
        expiresOn: retention.expiresOn,
        createdAt: now.toISOString(),
        createdBy: actor.userId
      })
      await audit({ entity: 'volume', entityId: id, action: 'create', after: { ...input, archivalCode: code } })
      return this.volume(db, id)
    })
  }

  /**
   * R-DISP-8, R-FILE-10: a destroyed volume stays as it was destroyed, and closing froze its contents (items, order),
   * though not its note sheet.
   */
  private refuseChange(volume: Volume, contents: boolean): void {
    const closed = contents && volume.status === 'closed'
    enforce(
      refuseChange({
        label: volume.archivalCode,
        destroyed: volume.custody === 'destroyed',
        closedVolume: closed ? volume.archivalCode : null
      })
    )
  }

  /** R-FILE-1..3, 7: only a catalogued item of the same year, class and period, kept with its linked documents. */
  async addItem(actor: Actor, volumeId: number, itemId: number): Promise<VolumeWithItems> {
    return this.store.write(actor, async (context) => {
      await this.addItemWithin(context, volumeId, itemId)
      return this.load(context.db, volumeId)
    })
  }

  /** The selected items filed into one volume in one transaction; each refusal is reported, the rest are filed. */
  async addItems(actor: Actor, volumeId: number, itemIds: number[]): Promise<BatchOutcome> {
    return this.store.write(actor, async (context) => {
      // A volume that does not exist or takes nothing refuses the whole batch, not each item in turn.
      this.refuseChange(await this.volume(context.db, volumeId), false)
      return eachRecord(context.db, itemIds, (itemId) => this.addItemWithin(context, volumeId, itemId))
    })
  }

  private async addItemWithin({ db, now, audit }: WriteContext, volumeId: number, itemId: number): Promise<void> {
    const volume = await this.volume(db, volumeId)
    this.refuseChange(volume, false)
    const candidate = await memberById(db, itemId)
    if (!candidate) throw notFound('errors.itemNotFound')
    if (candidate.volumeId === volumeId) return
    const place = await itemPlace(db, itemId)
    const away = place.homeLocationId !== place.currentLocationId
    enforce(refuseFiling({ archivalCode: candidate.archivalCode, awayAt: away ? (place.currentPath ?? '') : null }))
    const members = await volumeMembers(db, volumeId)
    const links: ItemLink[] = await linksOf(db, [itemId])
    const linkedIds = links.map((l) => (l.fromId === itemId ? l.toId : l.fromId))
    const linkedElsewhere = await itemsFiledElsewhere(db, linkedIds, volumeId)
    const admission = refuseVolumeAdmission(
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
    enforce(admission)
    await fileItem(db, itemId, volumeId, now.toISOString())
    await layOutVolume(db, volumeId)
    await audit({
      entity: 'volume',
      entityId: volumeId,
      action: 'add_item',
      before: { itemId, homePath: place.homePath, currentPath: place.currentPath },
      after: { itemId, archivalCode: candidate.archivalCode }
    })
  }

  async removeItem(actor: Actor, volumeId: number, itemId: number): Promise<VolumeWithItems> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const volume = await this.volume(db, volumeId)
      this.refuseChange(volume, true)
      if (!(await memberPosition(db, volumeId, itemId))) throw notFound('errors.itemNotFound')
      await unfileItem(db, itemId, now.toISOString())
      await layOutVolume(db, volumeId)
      await audit({ entity: 'volume', entityId: volumeId, action: 'remove_item', before: { itemId } })
      return this.load(db, volumeId)
    })
  }

  /** R-FILE-5: the archivist may pin an item to a place; the rest is ordered around it. */
  async setPosition(actor: Actor, volumeId: number, itemId: number, position: number | null): Promise<VolumeWithItems> {
    return this.store.write(actor, async ({ db, audit }) => {
      const volume = await this.volume(db, volumeId)
      this.refuseChange(volume, true)
      const item = await memberPosition(db, volumeId, itemId)
      if (!item) throw notFound('errors.itemNotFound')
      if (position !== null && position > volume.itemCount) {
        throw new AppFailure('VALIDATION', 'errors.validation', {
          details: [{ path: 'position', message: 'validation.range' }]
        })
      }
      await pinPosition(db, itemId, position)
      await layOutVolume(db, volumeId)
      await audit({
        entity: 'volume',
        entityId: volumeId,
        action: 'reorder',
        before: { itemId, position: item.manualPosition },
        after: { itemId, position }
      })
      return this.load(db, volumeId)
    })
  }

  async updateNote(actor: Actor, input: ParsedInput<'volumes.updateNote'>): Promise<Volume> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const volume = await this.volume(db, input.id)
      refuseStale(volume.version, input.version)
      this.refuseChange(volume, false)
      const { id, version: _version, ...note } = input
      await updateVolumeNote(db, id, note, now.toISOString())
      await audit({
        entity: 'volume',
        entityId: id,
        action: 'update',
        before: {
          notes: volume.notes,
          compiledBy: volume.compiledBy,
          compiledOn: volume.compiledOn,
          checkedBy: volume.checkedBy,
          checkedOn: volume.checkedOn
        },
        after: note
      })
      return this.volume(db, id)
    })
  }

  /** Closing freezes the codes, order and page numbers (R-FILE-10). */
  async close(actor: Actor, id: number, version: number): Promise<Volume> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const volume = await this.volume(db, id)
      refuseStale(volume.version, version)
      this.refuseChange(volume, true)
      enforce(refuseClosing(volume.itemCount, await linkedTitleOutside(db, id)))
      await closeVolume(db, id, now.toISOString())
      await audit({
        entity: 'volume',
        entityId: id,
        action: 'close',
        before: { status: 'open' },
        after: { status: 'closed' }
      })
      return this.volume(db, id)
    })
  }
}

function normalise(volume: Volume): Volume {
  return { ...volume, topSecret: Boolean(volume.topSecret) }
}
