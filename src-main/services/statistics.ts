import type { Db } from '../db/connection'
import type { CustodySettings, FilingSettings, StatRow, StatTable, StatTopic, YearStatistics } from '../../src-preload/contract'
import { APPLICANT_KINDS, CLASSIFICATIONS, INCIDENT_KINDS, INSPECTION_KINDS, ROLES, USE_EFFECTS, USE_KINDS } from '../../src-preload/contract'
import { localDay } from '../policy/calendar'
import { judgeReading } from '../policy/custody'
import { statisticsWorkbook } from '../reports/statistics-xlsx'
import type { Actor, Store } from '../store'
import type { SettingsService } from './settings'

/** What every topic needs to know about the year it counts. */
export interface StatContext {
  db: Db
  year: number
  /** `YYYY-01-01` and `YYYY-12-31`, for the columns that hold a calendar day. */
  firstDay: string
  lastDay: string
  /** Local midnight at the start of the year and of the next, as ISO instants, for the columns that hold a timestamp. */
  start: string
  end: string
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
function mergeCounts(columnKeys: string[], sources: Record<string, { code: string | number; n: number | null }[]>): Map<string, Counts> {
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

const nameOf = (entries: { code: string; name: string }[], code: string) => entries.find((e) => e.code === code)?.name ?? code

/** Codes of reference data in the order the settings list them, unknown codes after them. */
function codeRows(entries: { code: string; name: string }[], counts: Map<string, Counts>): StatRow[] {
  const index = (code: string) => {
    const at = entries.findIndex((e) => e.code === code)
    return at < 0 ? entries.length : at
  }
  return [...counts.keys()]
    .sort((a, b) => index(a) - index(b) || a.localeCompare(b))
    .map((code) => ({ label: `${nameOf(entries, code)}（${code}）`, values: counts.get(code)! }))
}

/** Rows for a fixed list of values (classifications, kinds, roles), each translated through `labelPrefix`. */
function enumRows(values: readonly string[], labelPrefix: string, counts: Map<string, Counts>, columnKeys: string[]): StatRow[] {
  return values.map((value) => ({ label: value, labelKey: `${labelPrefix}.${value}`, values: counts.get(value) ?? Object.fromEntries(columnKeys.map((key) => [key, 0])) }))
}

const query = <T>(context: StatContext, sql: string, params: unknown[] = []): Promise<T[]> => context.db.query(sql, params)

const HOLDING_DIMENSIONS = ['category_code', 'year', 'retention_code', 'classification'] as const
type Dimension = (typeof HOLDING_DIMENSIONS)[number]
type HoldingGroup = Record<Dimension, string> & { n: number; pages: number }

/**
 * Holdings at the end of the year: records that existed on 31 Dec and had not been destroyed by then (R-DISP-8: a
 * record destroyed later still counts in the years it was kept). One grouped pass over items and one over volumes give every combination; each table adds those up by one
 * dimension, so a few hundred groups reach JavaScript, never the records.
 */
const holdings: StatTopicBuilder = async (context) => {
  const columns = ['volumes', 'items', 'pages']
  const groups = (table: string, pages: string) =>
    query<HoldingGroup>(
      context,
      `SELECT ${HOLDING_DIMENSIONS.join(', ')}, COUNT(*) AS n, ${pages} AS pages FROM ${table} t
       WHERE created_at < ? AND NOT (t.custody = 'destroyed' AND COALESCE((SELECT d.destroyed_on FROM destruction_lines d WHERE d.id = t.register_line_id), '') <= ?)
       GROUP BY ${HOLDING_DIMENSIONS.join(', ')}`,
      [context.end, context.lastDay]
    )
  const [volumeGroups, itemGroups] = [await groups('volumes', '0'), await groups('items', 'SUM(page_count)')]
  const by = (dimension: Dimension) => {
    const sum = (rows: HoldingGroup[], value: (row: HoldingGroup) => number) => {
      const totals = new Map<string, number>()
      for (const row of rows) totals.set(String(row[dimension]), (totals.get(String(row[dimension])) ?? 0) + value(row))
      return [...totals].map(([code, n]) => ({ code, n }))
    }
    return mergeCounts(columns, { volumes: sum(volumeGroups, (row) => row.n), items: sum(itemGroups, (row) => row.n), pages: sum(itemGroups, (row) => row.pages) })
  }
  const year = by('year')
  return [
    table('byCategory', columns, codeRows(context.filing.categories, by('category_code'))),
    table('byYear', columns, [...year.keys()].sort().map((code) => ({ label: code, values: year.get(code)! }))),
    table('byRetention', columns, codeRows(context.filing.retentionPeriods, by('retention_code'))),
    table('byClassification', columns, enumRows(CLASSIFICATIONS, 'classifications', by('classification'), columns))
  ]
}

/** Records received in the year, by category and by month received. */
const intake: StatTopicBuilder = async (context) => {
  const columns = ['items', 'pages']
  const by = async (expression: string) => {
    const rows = await query<{ code: string; items: number; pages: number }>(
      context,
      `SELECT ${expression} AS code, COUNT(*) AS items, SUM(page_count) AS pages FROM items WHERE received_on BETWEEN ? AND ? GROUP BY code`,
      [context.firstDay, context.lastDay]
    )
    return mergeCounts(columns, { items: rows.map((r) => ({ code: r.code, n: r.items })), pages: rows.map((r) => ({ code: r.code, n: r.pages })) })
  }
  const [category, month] = await Promise.all([by('category_code'), by('substr(received_on, 1, 7)')])
  const months = Array.from({ length: 12 }, (_, index) => `${context.year}-${String(index + 1).padStart(2, '0')}`)
  return [
    table('byCategory', columns, codeRows(context.filing.categories, category)),
    table('byMonth', columns, months.map((code) => ({ label: code, values: month.get(code) ?? { items: 0, pages: 0 } })))
  ]
}

/** Organising work done in the year: items catalogued (from the audit log), volumes made and closed, items and pages in them. */
const organising: StatTopicBuilder = async (context) => {
  const columns = ['itemsCatalogued', 'volumesCreated', 'volumesClosed', 'itemsInClosedVolumes', 'pagesInClosedVolumes']
  const range = [context.start, context.end]
  const [catalogued, created, closed, closedContents] = await Promise.all([
    query<{ code: string; n: number }>(
      context,
      `SELECT i.category_code AS code, COUNT(DISTINCT a.entity_id) AS n FROM audit_log a JOIN items i ON i.id = CAST(a.entity_id AS INTEGER)
       WHERE a.entity = 'item' AND a.action = 'catalogue' AND a.at >= ? AND a.at < ? GROUP BY i.category_code`,
      range
    ),
    query<{ code: string; n: number }>(context, 'SELECT category_code AS code, COUNT(*) AS n FROM volumes WHERE created_at >= ? AND created_at < ? GROUP BY category_code', range),
    query<{ code: string; n: number }>(context, 'SELECT category_code AS code, COUNT(*) AS n FROM volumes WHERE closed_at >= ? AND closed_at < ? GROUP BY category_code', range),
    query<{ code: string; items: number; pages: number }>(
      context,
      `SELECT v.category_code AS code, COUNT(i.id) AS items, COALESCE(SUM(i.page_count), 0) AS pages FROM volumes v JOIN items i ON i.volume_id = v.id
       WHERE v.closed_at >= ? AND v.closed_at < ? GROUP BY v.category_code`,
      range
    )
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
  const days = [context.firstDay, context.lastDay]
  const inspectionColumns = ['inspections', 'records', 'found', 'missing', 'damaged']
  const inspections = await query<{ code: string; inspections: number; records: number; found: number; missing: number; damaged: number }>(
    context,
    `SELECT s.kind AS code, COUNT(DISTINCT s.id) AS inspections, COUNT(f.id) AS records, COALESCE(SUM(f.state = 'found'), 0) AS found,
            COALESCE(SUM(f.state = 'missing'), 0) AS missing, COALESCE(SUM(f.state = 'damaged'), 0) AS damaged
     FROM inspections s LEFT JOIN inspection_findings f ON f.inspection_id = s.id
     WHERE s.status = 'completed' AND s.inspected_on BETWEEN ? AND ? GROUP BY s.kind`,
    days
  )
  const byKind = new Map(inspections.map(({ code, ...values }) => [code, values as Counts]))

  const incidentColumns = ['opened', 'found', 'repaired', 'writtenOff', 'openAtYearEnd']
  const incidents = await query<{ code: string; opened: number; found: number; repaired: number; writtenOff: number; openAtYearEnd: number }>(
    context,
    `SELECT kind AS code,
            SUM(opened_on BETWEEN b.first AND b.last) AS opened,
            COALESCE(SUM(resolved_on BETWEEN b.first AND b.last AND resolution = 'found'), 0) AS found,
            COALESCE(SUM(resolved_on BETWEEN b.first AND b.last AND resolution = 'repaired'), 0) AS repaired,
            COALESCE(SUM(resolved_on BETWEEN b.first AND b.last AND resolution = 'written_off'), 0) AS writtenOff,
            SUM(resolved_on IS NULL OR resolved_on > b.last) AS openAtYearEnd
     FROM incidents, (SELECT ? AS first, ? AS last) b WHERE opened_on <= b.last GROUP BY kind`,
    days
  )
  const incidentsByKind = new Map(incidents.map(({ code, ...values }) => [code, values as Counts]))

  // A year of daily readings per room is a few thousand rows at most; the pure policy judges each one.
  const readings = await query<{ path: string; readOn: string; temperature: number; humidity: number }>(
    context,
    `SELECT l.path, e.read_on AS readOn, e.temperature, e.humidity FROM environment_readings e JOIN locations l ON l.id = e.room_id
     WHERE e.read_on BETWEEN ? AND ? ORDER BY l.path`,
    days
  )
  const rooms = new Map<string, Counts>()
  for (const reading of readings) {
    const room = rooms.get(reading.path) ?? { readings: 0, daysOutOfRange: 0, minTemperature: null, maxTemperature: null, minHumidity: null, maxHumidity: null }
    const extreme = (pick: (a: number, b: number) => number, current: number | null, value: number) => (current === null ? value : pick(current, value))
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
    table('incidents', incidentColumns, enumRows(INCIDENT_KINDS, 'incidents.kinds', incidentsByKind, incidentColumns)),
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
 * Who one request's applicant is, for counting distinct people: staff by their account, or by name and department when
 * no account was linked; outsiders by name and unit. The same person entered once with and once without an account
 * counts twice — the paper form is what the archivist types in, and no better key exists.
 */
const PERSON = `CASE WHEN u.applicant_kind = 'external' THEN 'x|' || u.applicant_name || '|' || u.external_unit
  WHEN u.applicant_user_id IS NOT NULL THEN 'u|' || u.applicant_user_id ELSE 'n|' || u.applicant_name || '|' || u.department_code END`

/** Requests whose records went out (were granted) in the year, each with its number of records. */
const GRANTED = `SELECT u.*, (SELECT COUNT(*) FROM use_request_records r WHERE r.request_id = u.id) AS records
  FROM use_requests u WHERE u.out_on BETWEEN ? AND ?`

/**
 * R-USE, R-STAT-1: use of the archives in the year. A request counts as made on the day it was entered (`created_at`),
 * as granted on the day its records went out (`out_on`), as refused on the day of the refusing signature; records used,
 * people, departments, purposes and effects are those of the requests granted in the year, because that is when the
 * archives were used. Purposes are free text: the 20 most frequent are listed as written (most requests first, then
 * by text, so the list is stable) and all others are added up in one row "其他", so the table stays readable and its
 * total is still every request.
 */
const use: StatTopicBuilder = async (context) => {
  const days = [context.firstDay, context.lastDay]
  const made = (groupBy: string) =>
    query<{ code: string; n: number }>(context, `SELECT ${groupBy} AS code, COUNT(*) AS n FROM use_requests u WHERE u.created_at >= ? AND u.created_at < ? GROUP BY code`, [
      context.start,
      context.end
    ])
  const grantedPeople = (groupBy: string) =>
    query<{ code: string; granted: number; recordsUsed: number; people: number; externalPeople: number }>(
      context,
      `SELECT ${groupBy} AS code, COUNT(*) AS granted, COALESCE(SUM(u.records), 0) AS recordsUsed, COUNT(DISTINCT ${PERSON}) AS people,
              COUNT(DISTINCT CASE WHEN u.applicant_kind = 'external' THEN ${PERSON} END) AS externalPeople
       FROM (${GRANTED}) u GROUP BY code`,
      days
    )
  const column = <T extends { code: string }>(rows: T[], key: keyof T) => rows.map((row) => ({ code: row.code, n: row[key] as number }))

  const kindColumns = ['requests', 'granted', 'refused', 'recordsUsed', 'people', 'externalPeople']
  const [madeByKind, grantedByKind, refusedByKind] = await Promise.all([
    made('u.kind'),
    grantedPeople('u.kind'),
    query<{ code: string; n: number }>(
      context,
      `SELECT u.kind AS code, COUNT(*) AS n FROM use_requests u JOIN use_approvals a ON a.request_id = u.id AND a.decision = 'refused'
       WHERE a.signed_on BETWEEN ? AND ? GROUP BY u.kind`,
      days
    )
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
  const byApplicant = await grantedPeople('u.applicant_kind')
  const people = mergeCounts(peopleColumns, { people: column(byApplicant, 'people'), granted: column(byApplicant, 'granted'), recordsUsed: column(byApplicant, 'recordsUsed') })

  // Outsiders have no department; they are one row after the departments.
  const department = `CASE WHEN u.applicant_kind = 'external' THEN '' ELSE u.department_code END`
  const departmentColumns = ['requests', 'granted', 'recordsUsed']
  const [madeByDepartment, grantedByDepartment] = await Promise.all([made(department), grantedPeople(department)])
  const departments = mergeCounts(departmentColumns, {
    requests: madeByDepartment,
    granted: column(grantedByDepartment, 'granted'),
    recordsUsed: column(grantedByDepartment, 'recordsUsed')
  })
  const outsiders = departments.get('')
  departments.delete('')

  const purposeColumns = ['granted', 'recordsUsed']
  const purposes = await query<{ purpose: string | null; granted: number; recordsUsed: number }>(
    context,
    `SELECT CASE WHEN ranked.place <= ${LISTED_PURPOSES} THEN ranked.purpose END AS purpose, SUM(ranked.granted) AS granted, SUM(ranked.recordsUsed) AS recordsUsed
     FROM (SELECT purpose, COUNT(*) AS granted, SUM(records) AS recordsUsed, ROW_NUMBER() OVER (ORDER BY COUNT(*) DESC, purpose) AS place
           FROM (${GRANTED}) g GROUP BY purpose) ranked
     GROUP BY 1 ORDER BY MIN(ranked.place)`,
    days
  )

  const effectColumns = [...USE_KINDS]
  const effects = await query<{ code: string } & Counts>(
    context,
    `SELECT effect AS code, ${USE_KINDS.map((kind) => `SUM(kind = '${kind}') AS ${kind}`).join(', ')} FROM (${GRANTED}) g WHERE effect IS NOT NULL GROUP BY effect`,
    days
  )
  const byEffect = new Map(effects.map(({ code, ...values }) => [code, values as Counts]))

  // Loans overdue at year end, or today while the year runs. A renewal entered after that day moved the due date
  // later; on that day the loan was due on the date the renewal replaced.
  const asOf = context.today < context.lastDay ? context.today : context.lastDay
  const returnColumns = ['returned', 'returnedLate', 'overdueAtYearEnd', 'recordsDamaged', 'recordsLost']
  const returns = await query<{ code: string } & Counts>(
    context,
    `SELECT u.kind AS code,
            COALESCE(SUM(u.returned_on BETWEEN b.first AND b.last), 0) AS returned,
            COALESCE(SUM(u.returned_on BETWEEN b.first AND b.last AND u.returned_on > u.due_on), 0) AS returnedLate,
            COALESCE(SUM(u.out_on <= b.asOf AND (u.returned_on IS NULL OR u.returned_on > b.asOf) AND u.due_on IS NOT NULL
              AND COALESCE((SELECT w.previous_due_on FROM use_renewals w WHERE w.request_id = u.id AND w.renewed_on > b.asOf ORDER BY w.renewed_on, w.id LIMIT 1), u.due_on) < b.asOf), 0)
              AS overdueAtYearEnd,
            COALESCE(SUM(CASE WHEN u.returned_on BETWEEN b.first AND b.last
              THEN (SELECT COUNT(*) FROM use_request_records r WHERE r.request_id = u.id AND r.condition = 'damaged') END), 0) AS recordsDamaged,
            COALESCE(SUM(CASE WHEN u.returned_on BETWEEN b.first AND b.last
              THEN (SELECT COUNT(*) FROM use_request_records r WHERE r.request_id = u.id AND r.condition = 'lost') END), 0) AS recordsLost
     FROM use_requests u, (SELECT ? AS first, ? AS last, ? AS asOf) b
     WHERE u.out_on <= b.last AND (u.returned_on IS NULL OR u.returned_on >= b.first) GROUP BY u.kind`,
    [...days, asOf]
  )
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
      purposes.map(({ purpose, ...values }) => (purpose === null ? { label: 'other', labelKey: 'statistics.otherPurposes', values } : { label: purpose, values }))
    ),
    table('byEffect', effectColumns, enumRows(USE_EFFECTS, 'use.effects', byEffect, effectColumns)),
    table('returns', returnColumns, enumRows(USE_KINDS, 'use.kinds', byReturn, returnColumns))
  ]
}

const RECORD_KINDS_IN_ORDER = ['volume', 'item'] as const

/**
 * R-DISP-4..7: appraisal by the day the appraisers signed, destruction by the day in the signed register, holds by
 * when they were placed and released. Destroyed items count those destroyed inside their volume too.
 */
const disposal: StatTopicBuilder = async (context) => {
  const days = [context.firstDay, context.lastDay]
  const appraisalColumns = ['listed', 'toDestroy', 'kept', 'pulledBack']
  const appraised = await query<{ code: string; listed: number; toDestroy: number; kept: number }>(
    context,
    `SELECT e.subject AS code, COUNT(*) AS listed, COALESCE(SUM(e.decision = 'destroy'), 0) AS toDestroy, COALESCE(SUM(e.decision = 'keep'), 0) AS kept
     FROM appraisal_entries e JOIN appraisal_batches b ON b.id = e.batch_id WHERE b.appraised_on BETWEEN ? AND ? GROUP BY e.subject`,
    days
  )
  const pulled = await query<{ code: string; n: number }>(
    context,
    `SELECT subject AS code, COUNT(*) AS n FROM appraisal_entries WHERE verification = 'pulled' AND verified_at >= ? AND verified_at < ? GROUP BY subject`,
    [context.start, context.end]
  )
  const appraisal = mergeCounts(appraisalColumns, {
    listed: appraised.map((r) => ({ code: r.code, n: r.listed })),
    toDestroy: appraised.map((r) => ({ code: r.code, n: r.toDestroy })),
    kept: appraised.map((r) => ({ code: r.code, n: r.kept })),
    pulledBack: pulled
  })

  const destructionColumns = ['volumes', 'items', 'pages']
  const volumesGone = await query<{ code: string; n: number }>(
    context,
    `SELECT v.category_code AS code, COUNT(*) AS n FROM volumes v JOIN destruction_lines d ON d.id = v.register_line_id
     WHERE d.destroyed_on BETWEEN ? AND ? GROUP BY v.category_code`,
    days
  )
  const itemsGone = await query<{ code: string; n: number; pages: number }>(
    context,
    `SELECT i.category_code AS code, COUNT(*) AS n, SUM(i.page_count) AS pages FROM items i JOIN destruction_lines d ON d.id = i.register_line_id
     WHERE d.destroyed_on BETWEEN ? AND ? GROUP BY i.category_code`,
    days
  )
  const destruction = mergeCounts(destructionColumns, {
    volumes: volumesGone,
    items: itemsGone,
    pages: itemsGone.map((r) => ({ code: r.code, n: r.pages }))
  })

  const [holds] = await query<{ placed: number; released: number; activeAtYearEnd: number }>(
    context,
    `SELECT COALESCE(SUM(placed_at >= b.since AND placed_at < b.until), 0) AS placed,
            COALESCE(SUM(released_at >= b.since AND released_at < b.until), 0) AS released,
            COALESCE(SUM(placed_at < b.until AND (released_at IS NULL OR released_at >= b.until)), 0) AS activeAtYearEnd
     FROM holds, (SELECT ? AS since, ? AS until) b`,
    [context.start, context.end]
  )
  return [
    table('appraisal', appraisalColumns, enumRows(RECORD_KINDS_IN_ORDER, 'recordKinds', appraisal, appraisalColumns)),
    table('destruction', destructionColumns, codeRows(context.filing.categories, destruction)),
    table('holds', ['placed', 'released', 'activeAtYearEnd'], [{ label: 'holds', labelKey: 'statistics.rows.holds', values: holds }])
  ]
}

/** Storage equipment per room as it stands: racks, shelves, boxes, capacity and what is kept there. */
const storage: StatTopicBuilder = async (context) => {
  const rows = await query<{ path: string; racks: number; shelves: number; boxes: number; capacity: number; occupied: number }>(
    context,
    `SELECT r.path,
       (SELECT COUNT(*) FROM locations d WHERE d.path LIKE r.path || '-%' AND d.kind = 'rack' AND d.created_at < b.until) AS racks,
       (SELECT COUNT(*) FROM locations d WHERE d.path LIKE r.path || '-%' AND d.kind = 'shelf' AND d.created_at < b.until) AS shelves,
       (SELECT COUNT(*) FROM locations d WHERE d.path LIKE r.path || '-%' AND d.kind = 'box' AND d.created_at < b.until) AS boxes,
       (SELECT COALESCE(SUM(d.capacity), 0) FROM locations d WHERE (d.id = r.id OR d.path LIKE r.path || '-%') AND d.created_at < b.until) AS capacity,
       (SELECT COUNT(*) FROM volumes v JOIN locations d ON d.id = v.home_location_id
          WHERE (d.id = r.id OR d.path LIKE r.path || '-%') AND v.custody <> 'destroyed' AND v.created_at < b.until)
       + (SELECT COUNT(*) FROM items i JOIN locations d ON d.id = i.home_location_id
          WHERE (d.id = r.id OR d.path LIKE r.path || '-%') AND i.volume_id IS NULL AND i.custody <> 'destroyed' AND i.created_at < b.until) AS occupied
     FROM locations r, (SELECT ? AS until) b WHERE r.kind = 'room' AND r.created_at < b.until ORDER BY r.path`,
    [context.end]
  )
  return [table('byRoom', ['racks', 'shelves', 'boxes', 'capacity', 'occupied'], rows.map(({ path, ...values }) => ({ label: path, values })))]
}

/** Accounts by role, and the archive work each person did in the year. */
const staff: StatTopicBuilder = async (context) => {
  const range = [context.start, context.end]
  const roles = await query<{ code: string; n: number }>(context, 'SELECT role AS code, COUNT(*) AS n FROM users WHERE active = 1 AND created_at < ? GROUP BY role', [context.end])
  const work = await query<{ username: string; itemsRegistered: number; itemsCatalogued: number; volumesClosed: number; inspections: number; readings: number }>(
    context,
    `SELECT u.username,
       (SELECT COUNT(*) FROM items i WHERE i.created_by = u.id AND i.created_at >= b.since AND i.created_at < b.until) AS itemsRegistered,
       (SELECT COUNT(*) FROM audit_log a WHERE a.user_id = u.id AND a.entity = 'item' AND a.action = 'catalogue' AND a.at >= b.since AND a.at < b.until) AS itemsCatalogued,
       (SELECT COUNT(*) FROM audit_log a WHERE a.user_id = u.id AND a.entity = 'volume' AND a.action = 'close' AND a.at >= b.since AND a.at < b.until) AS volumesClosed,
       (SELECT COUNT(*) FROM inspections s WHERE s.completed_by = u.id AND s.completed_at >= b.since AND s.completed_at < b.until) AS inspections,
       (SELECT COUNT(*) FROM environment_readings e WHERE e.recorded_by = u.id AND e.recorded_at >= b.since AND e.recorded_at < b.until) AS readings
     FROM users u, (SELECT ? AS since, ? AS until) b ORDER BY u.username`,
    range
  )
  const workColumns = ['itemsRegistered', 'itemsCatalogued', 'volumesClosed', 'inspections', 'readings']
  return [
    table('byRole', ['accounts'], enumRows(ROLES, 'roles', mergeCounts(['accounts'], { accounts: roles }), ['accounts'])),
    table(
      'work',
      workColumns,
      work.filter((person) => workColumns.some((column) => person[column as keyof typeof person] !== 0)).map(({ username, ...values }) => ({ label: username, values }))
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
    await this.store.write(actor, ({ audit }) => audit({ entity: 'statistics', entityId: year, action: 'export', after: { fileName } }))
    return { fileName, base64: buffer.toString('base64') }
  }
}
