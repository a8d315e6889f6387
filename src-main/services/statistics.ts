import type { Db } from '../db/connection'
import {
  archiveStaff,
  appraisedBySubject,
  closedVolumeContentsByCategory,
  effectsByKind,
  environmentReadings,
  grantedBy,
  grantedByPurpose,
  holdsOfYear,
  incidentsByKind,
  inspectionsByKind,
  intakeBy,
  itemHoldingGroups,
  itemsCataloguedByCategory,
  itemsDestroyedByCategory,
  pulledBackBySubject,
  refusalsByKind,
  requestsMadeBy,
  returnsByKind,
  storageByRoom,
  volumeHoldingGroups,
  volumesClosedByCategory,
  volumesCreatedByCategory,
  volumesDestroyedByCategory,
  workByPerson,
  type Dimension,
  type HoldingGroup,
  type UseGrouping,
  type YearBounds
} from '../db/statistics'
import type { CustodySettings, FilingSettings, StatRow, StatTable, StatTopic, YearStatistics } from '@preload/contract'
import {
  APPLICANT_KINDS,
  CLASSIFICATIONS,
  INCIDENT_KINDS,
  INSPECTION_KINDS,
  USE_EFFECTS,
  USE_KINDS
} from '@preload/contract'
import { FILE_TYPES } from '@preload/contract'
import { electronicHoldingsByType, fixityOfYear } from '../db/electronic-holdings'
import { localDay } from '../policy/calendar'
import { nameOfCode } from '../policy/codes'
import { judgeReading } from '../policy/custody'
import { ARCHIVE_STAFF_ROLES } from '../policy/roles'
import { statisticsWorkbook } from '../reports/statistics-xlsx'
import type { Actor, Store } from '../store'
import type { SettingsService } from './settings'

/** What every topic needs to know about the year it counts. */
export interface StatContext extends YearBounds {
  db: Db
  year: number
  /** The local calendar day now, for figures "at year end" of a year that has not ended yet. */
  today: string
  filing: FilingSettings
  custody: CustodySettings
}

/** One topic of the annual statistics (R-STAT-1): its tables, computed with SQL aggregates. */
export type StatTopicBuilder = (context: StatContext) => Promise<StatTable[]>

type Counts = Record<string, number | null>

/** Number columns are summed into the totals row unless marked otherwise (minima and maxima are not). */
function table(key: string, columnKeys: string[], rows: StatRow[], notSummed: string[] = []): StatTable {
  const columns = columnKeys.map((column) => ({ key: column, sum: !notSummed.includes(column) }))
  const totals = Object.fromEntries(
    columns.filter((c) => c.sum).map((c) => [c.key, rows.reduce((sum, row) => sum + (row.values[c.key] ?? 0), 0)])
  )
  return { key, columns, rows, totals: rows.length > 0 && columns.some((c) => c.sum) ? totals : null }
}

/** Rows keyed by a code, merged from several grouped queries; codes missing from one query count zero there. */
function mergeCounts(
  columnKeys: string[],
  sources: Record<string, { code: string | number; n: number | null }[]>
): Map<string, Counts> {
  const merged = new Map<string, Counts>()
  for (const [column, rows] of Object.entries(sources)) {
    for (const row of rows) {
      const code = String(row.code)
      const values = merged.get(code) ?? Object.fromEntries(columnKeys.map((key) => [key, 0]))
      values[column] = Number(row.n ?? 0)
      merged.set(code, values)
    }
  }
  return merged
}

/** Codes of reference data in the order the settings list them, unknown codes after them. */
function codeRows(entries: { code: string; name: string }[], counts: Map<string, Counts>): StatRow[] {
  const index = (code: string) => {
    const at = entries.findIndex((e) => e.code === code)
    return at < 0 ? entries.length : at
  }
  return [...counts.keys()]
    .sort((a, b) => index(a) - index(b) || a.localeCompare(b))
    .map((code) => ({ label: `${nameOfCode(entries, code)}（${code}）`, values: counts.get(code)! }))
}

/** Rows for a fixed list of values (classifications, kinds, roles), each translated through `labelPrefix`. */
function enumRows(
  values: readonly string[],
  labelPrefix: string,
  counts: Map<string, Counts>,
  columnKeys: string[]
): StatRow[] {
  return values.map((value) => ({
    label: value,
    labelKey: `${labelPrefix}.${value}`,
    values: counts.get(value) ?? Object.fromEntries(columnKeys.map((key) => [key, 0]))
  }))
}

/**
 * Holdings at the end of the year: records that existed on 31 Dec and had not been destroyed by then (R-DISP-8: a
 * record destroyed later still counts in the years it was kept). One grouped pass over items and one over volumes give every combination; each table adds those up by one
 * dimension, so a few hundred groups reach JavaScript, never the records.
 */
const holdings: StatTopicBuilder = async (context) => {
  const columns = ['volumes', 'items', 'pages']
  const [volumeGroups, itemGroups] = [
    await volumeHoldingGroups(context.db, context),
    await itemHoldingGroups(context.db, context)
  ]
  const by = (dimension: Dimension) => {
    const sum = (rows: HoldingGroup[], value: (row: HoldingGroup) => number) => {
      const totals = new Map<string, number>()
      for (const row of rows) totals.set(String(row[dimension]), (totals.get(String(row[dimension])) ?? 0) + value(row))
      return [...totals].map(([code, n]) => ({ code, n }))
    }
    return mergeCounts(columns, {
      volumes: sum(volumeGroups, (row) => row.n),
      items: sum(itemGroups, (row) => row.n),
      pages: sum(itemGroups, (row) => row.pages)
    })
  }
  const year = by('year')
  return [
    table('byCategory', columns, codeRows(context.filing.categories, by('category_code'))),
    table(
      'byYear',
      columns,
      [...year.keys()].sort().map((code) => ({ label: code, values: year.get(code)! }))
    ),
    table('byRetention', columns, codeRows(context.filing.retentionPeriods, by('retention_code'))),
    table('byClassification', columns, enumRows(CLASSIFICATIONS, 'classifications', by('classification'), columns))
  ]
}

/** Records received in the year, by category and by month received. */
const intake: StatTopicBuilder = async (context) => {
  const columns = ['items', 'pages']
  const by = async (grouping: 'category' | 'month') => {
    const rows = await intakeBy(context.db, grouping, context)
    return mergeCounts(columns, {
      items: rows.map((r) => ({ code: r.code, n: r.items })),
      pages: rows.map((r) => ({ code: r.code, n: r.pages }))
    })
  }
  const [category, month] = await Promise.all([by('category'), by('month')])
  const months = Array.from({ length: 12 }, (_, index) => `${context.year}-${String(index + 1).padStart(2, '0')}`)
  return [
    table('byCategory', columns, codeRows(context.filing.categories, category)),
    table(
      'byMonth',
      columns,
      months.map((code) => ({ label: code, values: month.get(code) ?? { items: 0, pages: 0 } }))
    )
  ]
}

/** Organising work done in the year: items catalogued (from the audit log), volumes made and closed, items and pages in them. */
const organising: StatTopicBuilder = async (context) => {
  const columns = ['itemsCatalogued', 'volumesCreated', 'volumesClosed', 'itemsInClosedVolumes', 'pagesInClosedVolumes']
  const [catalogued, created, closed, closedContents] = await Promise.all([
    itemsCataloguedByCategory(context.db, context),
    volumesCreatedByCategory(context.db, context),
    volumesClosedByCategory(context.db, context),
    closedVolumeContentsByCategory(context.db, context)
  ])
  const counts = mergeCounts(columns, {
    itemsCatalogued: catalogued,
    volumesCreated: created,
    volumesClosed: closed,
    itemsInClosedVolumes: closedContents.map((r) => ({ code: r.code, n: r.items })),
    pagesInClosedVolumes: closedContents.map((r) => ({ code: r.code, n: r.pages }))
  })
  return [table('byCategory', columns, codeRows(context.filing.categories, counts))]
}

/** R-KEEP-2..3: inspections completed in the year and what they found, incidents and their follow-up, the environment log. */
const custody: StatTopicBuilder = async (context) => {
  const inspectionColumns = ['inspections', 'records', 'found', 'missing', 'damaged']
  const inspections = await inspectionsByKind(context.db, context)
  const byKind = new Map(inspections.map(({ code, ...values }) => [code, values as Counts]))

  const incidentColumns = ['opened', 'found', 'repaired', 'writtenOff', 'openAtYearEnd']
  const incidents = await incidentsByKind(context.db, context)
  const incidentCounts = new Map(incidents.map(({ code, ...values }) => [code, values as Counts]))

  // A year of daily readings per room is a few thousand rows at most; the pure policy judges each one.
  const readings = await environmentReadings(context.db, context)
  const rooms = new Map<string, Counts>()
  for (const reading of readings) {
    const room = rooms.get(reading.path) ?? {
      readings: 0,
      daysOutOfRange: 0,
      minTemperature: null,
      maxTemperature: null,
      minHumidity: null,
      maxHumidity: null
    }
    const extreme = (pick: (a: number, b: number) => number, current: number | null, value: number) =>
      current === null ? value : pick(current, value)
    room.readings = (room.readings ?? 0) + 1
    room.daysOutOfRange = (room.daysOutOfRange ?? 0) + (judgeReading(reading, context.custody).outOfRange ? 1 : 0)
    room.minTemperature = extreme(Math.min, room.minTemperature, reading.temperature)
    room.maxTemperature = extreme(Math.max, room.maxTemperature, reading.temperature)
    room.minHumidity = extreme(Math.min, room.minHumidity, reading.humidity)
    room.maxHumidity = extreme(Math.max, room.maxHumidity, reading.humidity)
    rooms.set(reading.path, room)
  }
  return [
    table('inspections', inspectionColumns, enumRows(INSPECTION_KINDS, 'inspections.kinds', byKind, inspectionColumns)),
    table('incidents', incidentColumns, enumRows(INCIDENT_KINDS, 'incidents.kinds', incidentCounts, incidentColumns)),
    table(
      'environment',
      ['readings', 'daysOutOfRange', 'minTemperature', 'maxTemperature', 'minHumidity', 'maxHumidity'],
      [...rooms].map(([path, values]) => ({ label: path, values })),
      ['minTemperature', 'maxTemperature', 'minHumidity', 'maxHumidity']
    )
  ]
}

/** How many purposes are listed verbatim in the use topic; the rest are added up in one row. */
const LISTED_PURPOSES = 20

/**
 * R-USE, R-STAT-1: use of the archives in the year. A request counts as made on the day it was entered (`created_at`),
 * as granted on the day its records went out (`out_on`), as refused on the day of the refusing signature; records used,
 * people, departments, purposes and effects are those of the requests granted in the year, because that is when the
 * archives were used. Purposes are free text: the 20 most frequent are listed as written (most requests first, then
 * by text, so the list is stable) and all others are added up in one row "其他", so the table stays readable and its
 * total is still every request.
 */
const use: StatTopicBuilder = async (context) => {
  const made = (grouping: UseGrouping) => requestsMadeBy(context.db, grouping, context)
  const grantedPeople = (grouping: UseGrouping) => grantedBy(context.db, grouping, context)
  const column = <T extends { code: string }>(rows: T[], key: keyof T) =>
    rows.map((row) => ({ code: row.code, n: row[key] as number }))

  const kindColumns = ['requests', 'granted', 'refused', 'recordsUsed', 'people', 'externalPeople']
  const [madeByKind, grantedByKind, refusedByKind] = await Promise.all([
    made('kind'),
    grantedPeople('kind'),
    refusalsByKind(context.db, context)
  ])
  const byKind = mergeCounts(kindColumns, {
    requests: madeByKind,
    granted: column(grantedByKind, 'granted'),
    refused: refusedByKind,
    recordsUsed: column(grantedByKind, 'recordsUsed'),
    people: column(grantedByKind, 'people'),
    externalPeople: column(grantedByKind, 'externalPeople')
  })

  const peopleColumns = ['people', 'granted', 'recordsUsed']
  const byApplicant = await grantedPeople('applicantKind')
  const people = mergeCounts(peopleColumns, {
    people: column(byApplicant, 'people'),
    granted: column(byApplicant, 'granted'),
    recordsUsed: column(byApplicant, 'recordsUsed')
  })

  // Outsiders have no department; they are one row after the departments.
  const departmentColumns = ['requests', 'granted', 'recordsUsed']
  const [madeByDepartment, grantedByDepartment] = await Promise.all([made('department'), grantedPeople('department')])
  const departments = mergeCounts(departmentColumns, {
    requests: madeByDepartment,
    granted: column(grantedByDepartment, 'granted'),
    recordsUsed: column(grantedByDepartment, 'recordsUsed')
  })
  const outsiders = departments.get('')
  departments.delete('')

  const purposeColumns = ['granted', 'recordsUsed']
  const purposes = await grantedByPurpose(context.db, context, LISTED_PURPOSES)

  const effectColumns = [...USE_KINDS]
  const effects = await effectsByKind(context.db, context)
  const byEffect = new Map(effects.map(({ code, ...values }) => [code, values as Counts]))

  // Loans overdue at year end, or today while the year runs. A renewal entered after that day moved the due date
  // later; on that day the loan was due on the date the renewal replaced.
  const asOf = context.today < context.lastDay ? context.today : context.lastDay
  const returnColumns = ['returned', 'returnedLate', 'overdueAtYearEnd', 'recordsDamaged', 'recordsLost']
  const returns = await returnsByKind(context.db, context, asOf)
  const byReturn = new Map(returns.map(({ code, ...values }) => [code, values as Counts]))

  return [
    table('byKind', kindColumns, enumRows(USE_KINDS, 'use.kinds', byKind, kindColumns), ['people', 'externalPeople']),
    table('people', peopleColumns, enumRows(APPLICANT_KINDS, 'use.applicantKinds', people, peopleColumns)),
    table('byDepartment', departmentColumns, [
      ...codeRows(context.filing.departments, departments),
      ...(outsiders ? [{ label: 'external', labelKey: 'use.applicantKinds.external', values: outsiders }] : [])
    ]),
    table(
      'byPurpose',
      purposeColumns,
      purposes.map(({ purpose, ...values }) =>
        purpose === null ? { label: 'other', labelKey: 'statistics.otherPurposes', values } : { label: purpose, values }
      )
    ),
    table('byEffect', effectColumns, enumRows(USE_EFFECTS, 'use.effects', byEffect, effectColumns)),
    table('returns', returnColumns, enumRows(USE_KINDS, 'use.kinds', byReturn, returnColumns))
  ]
}

const RECORD_KINDS_IN_ORDER = ['volume', 'item'] as const
const FIXITY_SCOPES = ['all', 'sample'] as const

/**
 * R-DISP-4..7: appraisal by the day the appraisers signed, destruction by the day in the signed register, holds by
 * when they were placed and released. Destroyed items count those destroyed inside their volume too.
 */
const disposal: StatTopicBuilder = async (context) => {
  const appraisalColumns = ['listed', 'toDestroy', 'kept', 'pulledBack']
  const appraised = await appraisedBySubject(context.db, context)
  const pulled = await pulledBackBySubject(context.db, context)
  const appraisal = mergeCounts(appraisalColumns, {
    listed: appraised.map((r) => ({ code: r.code, n: r.listed })),
    toDestroy: appraised.map((r) => ({ code: r.code, n: r.toDestroy })),
    kept: appraised.map((r) => ({ code: r.code, n: r.kept })),
    pulledBack: pulled
  })

  const destructionColumns = ['volumes', 'items', 'pages']
  const volumesGone = await volumesDestroyedByCategory(context.db, context)
  const itemsGone = await itemsDestroyedByCategory(context.db, context)
  const destruction = mergeCounts(destructionColumns, {
    volumes: volumesGone,
    items: itemsGone,
    pages: itemsGone.map((r) => ({ code: r.code, n: r.pages }))
  })

  const holds = await holdsOfYear(context.db, context)
  return [
    table('appraisal', appraisalColumns, enumRows(RECORD_KINDS_IN_ORDER, 'recordKinds', appraisal, appraisalColumns)),
    table('destruction', destructionColumns, codeRows(context.filing.categories, destruction)),
    table(
      'holds',
      ['placed', 'released', 'activeAtYearEnd'],
      [{ label: 'holds', labelKey: 'statistics.rows.holds', values: holds }]
    )
  ]
}

/**
 * R-ELEC, R-STAT-1: electronic holdings at year end by the type detected from their content (files and bytes; a file
 * attached to two items counts twice, as two registrations), the files attached and destroyed in the year, and the
 * year's fixity checks (R-ELEC-3) by scope: runs started, files read, and what was found.
 */
const electronic: StatTopicBuilder = async (context) => {
  const holdingColumns = ['files', 'bytes', 'attached', 'destroyed']
  const byType = new Map(
    (await electronicHoldingsByType(context.db, context)).map(({ code, ...values }) => [code, values as Counts])
  )
  const fixityColumns = ['runs', 'filesChecked', 'intact', 'mismatched', 'missing']
  const byScope = new Map(
    (await fixityOfYear(context.db, context)).map(({ code, ...values }) => [code, values as Counts])
  )
  return [
    table('holdings', holdingColumns, enumRows(FILE_TYPES, 'electronic.types', byType, holdingColumns)),
    table('fixity', fixityColumns, enumRows(FIXITY_SCOPES, 'statistics.fixityScopes', byScope, fixityColumns))
  ]
}

/** Storage equipment per room as it stands: racks, shelves, boxes, capacity and what is kept there. */
const storage: StatTopicBuilder = async (context) => {
  const rows = await storageByRoom(context.db, context.end)
  return [
    table(
      'byRoom',
      ['racks', 'shelves', 'boxes', 'capacity', 'occupied'],
      rows.map(({ path, ...values }) => ({ label: path, values }))
    )
  ]
}

/**
 * R-STAT-1: the archive's people by name, one column per archive role (so the totals count each role), and the
 * archive work each person did in the year, by name. System accounts (administrator, officer, auditor) are not staff.
 */
const staff: StatTopicBuilder = async (context) => {
  const people = await archiveStaff(context.db, context.end)
  const work = await workByPerson(context.db, context)
  const workColumns = ['itemsRegistered', 'itemsCatalogued', 'volumesClosed', 'inspections', 'readings']
  return [
    table(
      'people',
      [...ARCHIVE_STAFF_ROLES],
      people.map(({ name, role }) => ({
        label: name,
        values: Object.fromEntries(ARCHIVE_STAFF_ROLES.map((column) => [column, column === role ? 1 : 0]))
      }))
    ),
    table(
      'work',
      workColumns,
      work
        .filter((person) => workColumns.some((column) => person[column as keyof typeof person] !== 0))
        .map(({ name, ...values }) => ({ label: name, values }))
    )
  ]
}

/**
 * The topics of the annual statistics, in the order of the report and of the workbook's sheets. A new topic is one
 * builder and one entry here, plus its titles under `statistics` in the translations.
 */
export const STATISTICS_TOPICS: { key: string; build: StatTopicBuilder }[] = [
  { key: 'holdings', build: holdings },
  { key: 'intake', build: intake },
  { key: 'organising', build: organising },
  { key: 'custody', build: custody },
  { key: 'use', build: use },
  { key: 'disposal', build: disposal },
  { key: 'electronic', build: electronic },
  { key: 'storage', build: storage },
  { key: 'staff', build: staff }
]

/** The local midnight that starts a year, as the ISO instant timestamps are compared with. */
export const yearStart = (year: number) => new Date(year, 0, 1).toISOString()

/** R-STAT-1: the figures of one year, topic by topic. */
export class StatisticsService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  async year(year: number): Promise<YearStatistics> {
    const context: StatContext = {
      db: this.store.db,
      year,
      firstDay: `${year}-01-01`,
      lastDay: `${year}-12-31`,
      start: yearStart(year),
      end: yearStart(year + 1),
      today: localDay(this.store.clock()),
      filing: (await this.settings.filing()).data,
      custody: (await this.settings.custody()).data
    }
    const topics: StatTopic[] = []
    for (const topic of STATISTICS_TOPICS) topics.push({ key: topic.key, tables: await topic.build(context) })
    return { year, topics }
  }

  /** The year's workbook, one sheet per topic; the export is logged. */
  async export(actor: Actor, year: number): Promise<{ fileName: string; base64: string }> {
    const buffer = await statisticsWorkbook(await this.year(year))
    const fileName = `档案工作统计-${year}.xlsx`
    await this.store.write(actor, ({ audit }) =>
      audit({ entity: 'statistics', entityId: year, action: 'export', after: { fileName } })
    )
    return { fileName, base64: buffer.toString('base64') }
  }
}
