import type { Item, ItemLinkRow, ItemRow, ParsedInput } from '@preload/contract'
import { firstRow, type Db } from './connection'
import {
  facetNumbers,
  idsInTitleOrder,
  itemIdsMatching,
  itemTextMatch,
  titleOrderHoldsAll,
  type FacetFilter
} from './item-search'
import type { FacetColumn } from './migrations/1766200000000-FilteredSearch'
import { keptItemsCount } from './dashboard'
import { countUpTo, SORT_ALL_UP_TO } from './paging'
import { OPEN_ITEM_INCIDENTS } from './records'
import { sql, type SqlQuery } from './sql'

type ItemQuery = ParsedInput<'items.list'>

/** The stored row: the year's reason as JSON text, the flag as 0/1, and the series the code was counted in. */
export interface ItemRecord extends Omit<Item, 'yearReason' | 'links' | 'sealedOriginal'> {
  yearReason: string
  sealedOriginal: number | boolean
  seriesKey: string | null
}

const ITEM_COLUMNS = sql`i.id, i.fonds_code AS fondsCode, i.category_code AS categoryCode, i.year, i.year_reason AS yearReason,
  i.retention_code AS retentionCode, i.department_code AS departmentCode, i.item_number AS itemNumber,
  i.archival_code AS archivalCode, i.title, i.responsible_party AS responsibleParty, i.document_number AS documentNumber,
  i.date_formed AS dateFormed, i.page_count AS pageCount, i.classification, i.open_status AS openStatus, i.remarks,
  i.document_kind AS documentKind, i.period_start_year AS periodStartYear, i.period_end_year AS periodEndYear,
  i.meeting_opened_on AS meetingOpenedOn, i.customer_id AS customerId, c.name AS customerName,
  i.customer_doc_type AS customerDocType, i.sealed_original AS sealedOriginal, i.department_copy_note AS departmentCopyNote,
  i.received_on AS receivedOn, i.status, i.volume_id AS volumeId, v.archival_code AS volumeCode, i.position,
  i.manual_position AS manualPosition, i.start_page AS startPage, i.end_page AS endPage, i.policy_version AS policyVersion,
  i.version, i.series_key AS seriesKey, hl.path AS homePath, cl.path AS currentPath, i.custody`

const FROM_ITEMS = sql`FROM items i LEFT JOIN customers c ON c.id = i.customer_id LEFT JOIN volumes v ON v.id = i.volume_id
  LEFT JOIN locations hl ON hl.id = i.home_location_id LEFT JOIN locations cl ON cl.id = i.current_location_id`

const SORT_COLUMNS: Record<ItemQuery['sortBy'], string> = {
  archivalCode: 'i.archival_code',
  title: 'i.title',
  dateFormed: 'i.date_formed',
  year: 'i.year',
  updatedAt: 'i.updated_at',
  registered: 'i.id'
}

/** Description fields whose column name is not simply the field's name. */
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
const columnOf = (field: string) => sql.identifier(COLUMN_OF[field] ?? field)

/**
 * The conditions of the item list but the one on destroyed items, which the count handles on its own. Arrays that are
 * empty filter nothing; custody, when given, replaces the default of leaving destroyed items out.
 */
export function itemListConditions(query: Omit<ItemQuery, 'page' | 'pageSize' | 'sortBy' | 'sortOrder'>): SqlQuery[] {
  const conditions: SqlQuery[] = []
  if (query.search) conditions.push(sql`i.id IN (${itemIdsMatching(query.search)})`)
  const lists = [
    [sql`i.year`, query.year],
    [sql`i.category_code`, query.categoryCode],
    [sql`i.retention_code`, query.retentionCode],
    [sql`i.classification`, query.classification],
    [sql`i.status`, query.status],
    [sql`i.custody`, query.custody]
  ] as const
  for (const [column, values] of lists) if (values && values.length > 0) conditions.push(sql`${column} IN ${values}`)
  if (query.customerId) conditions.push(sql`i.customer_id = ${query.customerId}`)
  if (query.ids) conditions.push(sql`i.id IN ${query.ids}`)
  if (query.volumeId) conditions.push(sql`i.volume_id = ${query.volumeId}`)
  if (query.locationId) {
    // Everything kept at that place or anywhere below it: loose items by their own home, filed ones by their volume's.
    const below = sql`SELECT d.id FROM locations d, locations top WHERE top.id = ${query.locationId} AND (d.id = top.id OR d.path LIKE top.path || '-%')`
    conditions.push(
      sql`(i.home_location_id IN (${below}) OR i.volume_id IN (SELECT v.id FROM volumes v WHERE v.home_location_id IN (${below})))`
    )
  }
  if (query.flagged) {
    // Two small sets of open incidents, not a count per item: the filter stays fast over the whole room.
    conditions.push(
      sql`(i.id IN (SELECT subject_id FROM incidents WHERE resolved_at IS NULL AND subject = 'item')
        OR i.volume_id IN (SELECT subject_id FROM incidents WHERE resolved_at IS NULL AND subject = 'volume'))`
    )
  }
  return conditions
}

/** Matches of a search that are read and tested on their rows in any case: at most about 1 ms at 1M items. */
const FEW_MATCHES = 100

/**
 * How a search of two characters or more is filtered through the indexes in title order, which hold the values of the
 * filters by a list as words: those words, and the conditions left for the rows. `nothing` when a value asked for is
 * one no item ever had; none when those indexes cannot be used (a one-character search, or an item outside them).
 */
async function titleOrderFilter(
  db: Db,
  query: Omit<ItemQuery, 'page' | 'pageSize'>,
  hideDestroyed: boolean
): Promise<{ facets: FacetFilter; rest: SqlQuery[] } | 'nothing' | undefined> {
  if ([...(query.search ?? '')].length < 2 || !(await titleOrderHoldsAll(db))) return undefined
  const wanted: [FacetColumn, readonly (string | number)[] | undefined][] = [
    ['year', query.year],
    ['category_code', query.categoryCode],
    ['retention_code', query.retentionCode],
    ['classification', query.classification],
    ['status', query.status],
    ['custody', query.custody],
    ['customer_id', query.customerId ? [query.customerId] : undefined],
    ['volume_id', query.volumeId ? [query.volumeId] : undefined]
  ]
  const anyOf: number[][] = []
  for (const [column, values] of wanted) {
    if (!values || values.length === 0) continue
    const numbers = await facetNumbers(db, column, values)
    if (numbers.length === 0) return 'nothing'
    anyOf.push(numbers)
  }
  const noneOf = hideDestroyed ? await facetNumbers(db, 'custody', ['destroyed']) : []
  const rest = itemListConditions({ ids: query.ids, locationId: query.locationId, flagged: query.flagged })
  return { facets: { anyOf, noneOf }, rest }
}

const ROW_COLUMNS = sql`i.id, i.archival_code AS archivalCode, i.title, i.responsible_party AS responsibleParty,
  i.document_number AS documentNumber, i.date_formed AS dateFormed, i.year, i.category_code AS categoryCode,
  i.retention_code AS retentionCode, i.classification, i.page_count AS pageCount, i.status,
  c.name AS customerName, v.archival_code AS volumeCode, ${OPEN_ITEM_INCIDENTS} AS openIncidents, i.custody`

/** Ids bound in one statement at most: SQLite takes 32 766 values, and an export asks for every row at once. */
const IDS_PER_READ = 10_000

/** The rows of the given items, in the order of the ids. */
async function rowsOf(db: Db, ids: number[]): Promise<ItemRow[]> {
  const byId = new Map<number, ItemRow>()
  for (let start = 0; start < ids.length; start += IDS_PER_READ) {
    const rows = await db.query<ItemRow>(
      sql`SELECT ${ROW_COLUMNS} FROM items i LEFT JOIN customers c ON c.id = i.customer_id
          LEFT JOIN volumes v ON v.id = i.volume_id WHERE i.id IN ${ids.slice(start, start + IDS_PER_READ)}`
    )
    for (const row of rows) byId.set(row.id, row)
  }
  return ids.map((id) => byId.get(id)!)
}

/**
 * The first and last date formed among the items of these years, one seek each in the index of years and dates
 * (migration 1766300000000); null when no item has any of them. A walk of the dates in order starts and ends there.
 */
async function datesOfYears(db: Db, years: number[]): Promise<{ first: string; last: string } | null> {
  const [span] = await db.query<{ first: string | null; last: string | null }>(
    sql`SELECT MIN(first) AS first, MAX(last) AS last FROM (
          SELECT (SELECT MIN(date_formed) FROM items WHERE year = y.value) AS first,
                 (SELECT MAX(date_formed) FROM items WHERE year = y.value) AS last
          FROM json_each(${JSON.stringify(years)}) y)`
  )
  return span.first === null || span.last === null ? null : { first: span.first, last: span.last }
}

const ids = async (db: Db, query: SqlQuery) => (await db.query<{ id: number }>(query)).map((row) => row.id)

/**
 * The text as it was typed and in ASCII capitals and small letters: codes and numbers are written all in one case, so a
 * code typed in the other is still exactly that code. A number stored in mixed case ranks first only as stored; the
 * search itself finds it either way.
 */
const inEitherCase = (text: string) => [
  ...new Set([
    text,
    text.replace(/[a-z]/g, (letter) => letter.toUpperCase()),
    text.replace(/[A-Z]/g, (letter) => letter.toLowerCase())
  ])
]

/**
 * One page of the item list and the number of items that match, counted up to `COUNT_LIMIT` (`totalCapped` says that
 * more match); ties in the sort go by id. A search puts the items whose archival code or document number is exactly the
 * text first, then the others.
 *
 * Each page is read from an index in its order: the page's ids first, its rows (customers, volumes, incidents) for
 * those ids only. A search in the order items were registered goes down the search index, which is in that order, and
 * stops when the page is full, at any number of matches; a search of two characters or more by title goes down the
 * search index kept in title order (`idsInTitleOrder`) when the filters it does not hold leave many matches. Under the
 * filters that index holds as words (`titleOrderFilter`), a search of more than `FEW_MATCHES` is counted and matched
 * there, in any order (合同 in 2019 by title, 8 448 of 169 079 matches at 1M items: 5 ms). Another order sorts all
 * matches while there are few or their count is exact (at most `COUNT_LIMIT`, about 4 µs each); past it, it walks its
 * own index and keeps the entries that are among the matches, reading neither the rows nor the search index per entry,
 * after reading every match once (合同 by date formed, 169 079 matches: about 20 ms).
 */
export async function listItemRows(
  db: Db,
  query: Omit<ItemQuery, 'page' | 'pageSize'>,
  page: { limit: number; offset: number }
): Promise<{ rows: ItemRow[]; total: number; totalCapped: boolean }> {
  const filters = itemListConditions({ ...query, search: undefined })
  // R-DISP-8: destroyed items stay in the catalogue but leave the everyday list unless asked for.
  const hideDestroyed = !query.custody || query.custody.length === 0
  const conditions = hideDestroyed ? [...filters, sql`i.custody <> 'destroyed'`] : filters
  const direction = query.sortOrder === 'ascend' ? sql`ASC` : sql`DESC`
  const order = sql`ORDER BY ${sql.identifier(SORT_COLUMNS[query.sortBy])} ${direction}, i.id ${direction}`
  const result = (pageIds: number[], count: { total: number; totalCapped: boolean }) =>
    rowsOf(db, pageIds).then((rows) => ({ rows, ...count }))
  const search = query.search
  if (!search) {
    const where = sql.where(conditions)
    // Filtered by year and category at most, the list is what the workbench's holdings count: their sum is the exact
    // count, without walking ten thousand entries to say "10 000+" (0.4 of the 0.8 ms of a first page at 1M items).
    const keptOnly =
      hideDestroyed &&
      itemListConditions({ ...query, search: undefined, year: undefined, categoryCode: undefined }).length === 0
    const count = keptOnly
      ? { total: await keptItemsCount(db, query.year ?? [], query.categoryCode ?? []), totalCapped: false }
      : await countUpTo(db, sql`SELECT 1 FROM items i ${where}`)
    return result(
      await ids(db, sql`SELECT i.id FROM items i ${where} ${order} LIMIT ${page.limit} OFFSET ${page.offset}`),
      count
    )
  }
  const titleOrder = await titleOrderFilter(db, query, hideDestroyed)
  if (titleOrder === 'nothing') return { rows: [], total: 0, totalCapped: false }
  const plain = itemTextMatch(search)
  // Few matches in all (`FEW_MATCHES`) are read from the index in the order items were registered and tested on their
  // rows. More are read from the index in title order, which tests the filters itself; it is the slower one for a rare
  // long phrase (a whole archival code: 56 against 2 ms at 1M items), whose trigrams are each common and lie scattered
  // in title order.
  const wide =
    titleOrder &&
    (titleOrder.facets.anyOf.length > 0 || query.sortBy === 'title') &&
    (await countUpTo(db, sql`SELECT 1 FROM ${plain.table} WHERE ${plain.where}`, FEW_MATCHES)).totalCapped
      ? { ...titleOrder, match: itemTextMatch(search, 'title', titleOrder.facets) }
      : undefined
  const filtered = wide && wide.facets.anyOf.length > 0 ? wide : undefined
  const searched = filtered ? filtered.match : plain
  const { table, where: match } = searched
  const hits = sql`FROM ${table} CROSS JOIN items i ON i.id = ${searched.id}`
  // What the search index does not test itself, on the rows.
  const onRows = filtered ? filtered.rest : conditions
  // Without filters on the rows the search index alone is counted: no row is read.
  const count = await countUpTo(
    db,
    filtered && onRows.length === 0
      ? sql`SELECT 1 FROM ${table} WHERE ${match}`
      : filters.length === 0 && hideDestroyed
        ? sql`SELECT 1 FROM ${table} WHERE ${match} AND ${table}.rowid NOT IN (SELECT d.id FROM items d WHERE d.custody = 'destroyed')`
        : sql`SELECT 1 ${hits} ${sql.where([match, ...onRows])}`
  )
  const typed = inEitherCase(search)
  const exactIds = sql`SELECT e.id FROM items e WHERE e.archival_code IN ${typed}
    UNION SELECT e.id FROM items e WHERE e.document_number IN ${typed}`
  const exact = await countUpTo(db, exactIds, SORT_ALL_UP_TO)
  // Only the page's share of the exact matches is read, and they are counted only as far as the page starts. Few are
  // read by the indexes of codes and numbers; a number that thousands of records share (无 in old ledgers) down the
  // sort's index, which the filters' indexes would otherwise be chosen over.
  const exactMatches = exact.totalCapped
    ? sql`FROM items i ${sql.where([sql`(i.archival_code IN ${typed} OR i.document_number IN ${typed})`, ...conditions])}`
    : sql`FROM (${exactIds}) x CROSS JOIN items i ON i.id = x.id ${sql.where(conditions)}`
  const first =
    exact.total > 0
      ? await ids(db, sql`SELECT i.id ${exactMatches} ${order} LIMIT ${page.limit} OFFSET ${page.offset}`)
      : []
  if (first.length === page.limit) return result(first, count)
  const exactCount =
    exact.total === 0
      ? 0
      : first.length > 0 || page.offset === 0
        ? page.offset + first.length
        : (
            await db.query<{ n: number }>(
              sql`SELECT COUNT(*) AS n FROM (SELECT 1 ${exactMatches} LIMIT ${page.offset})`
            )
          )[0].n
  // Left out by a subquery, not by binding their ids, which could be more values than SQLite takes in one statement.
  const notExact = (id: SqlQuery) => (exact.total > 0 ? [sql`${id} NOT IN (${exactIds})`] : [])
  const others = async (limit: number, offset: number) => {
    const window = sql`LIMIT ${limit} OFFSET ${offset}`
    const sortAll = count.total <= SORT_ALL_UP_TO || !count.totalCapped
    if (query.sortBy === 'title' && wide && (wide.rest.length === 0 || count.totalCapped))
      return idsInTitleOrder(db, wide.match, [...wide.rest, ...notExact(sql`i.id`)], query.sortOrder === 'ascend', {
        limit,
        offset
      })
    if (query.sortBy === 'registered' && filtered && sortAll && onRows.length === 0)
      // In that order only the ids are sorted: no row is read.
      return ids(
        db,
        sql`SELECT ${searched.id} AS id FROM ${table} ${sql.where([match, ...notExact(searched.id)])} ORDER BY 1 ${direction} ${window}`
      )
    if (query.sortBy === 'registered' && !(filtered && sortAll))
      return ids(
        db,
        sql`SELECT i.id FROM ${plain.table} CROSS JOIN items i ON i.id = ${plain.id} ${sql.where([plain.where, ...conditions, ...notExact(sql`i.id`)])}
            ORDER BY ${plain.id} ${direction} ${window}`
      )
    if (sortAll)
      return ids(
        db,
        sql`SELECT i.id ${hits} ${sql.where([match, ...onRows, ...notExact(sql`i.id`)])} ${order} ${window}`
      )
    // The unary + keeps the matches from driving the loop, so the sort index does; the few destroyed items are left out
    // by their ids, which the index holds, not by a column only the row holds.
    const kept =
      !filtered && hideDestroyed ? [sql`i.id NOT IN (SELECT d.id FROM items d WHERE d.custody = 'destroyed')`] : []
    const span = query.sortBy === 'dateFormed' && query.year?.length ? await datesOfYears(db, query.year) : undefined
    if (span === null) return []
    const within = span ? [sql`i.date_formed BETWEEN ${span.first} AND ${span.last}`] : []
    return ids(
      db,
      sql`SELECT i.id FROM items i ${sql.where([sql`+i.id IN (SELECT ${searched.id} FROM ${table} WHERE ${match})`, ...within, ...(filtered ? onRows : filters), ...kept, ...notExact(sql`i.id`)])} ${order} ${window}`
    )
  }
  return result(
    [...first, ...(await others(page.limit - first.length, page.offset + first.length - exactCount))],
    count
  )
}

export function findItemRecord(db: Db, id: number): Promise<ItemRecord | undefined> {
  return firstRow<ItemRecord>(db, sql`SELECT ${ITEM_COLUMNS} ${FROM_ITEMS} WHERE i.id = ${id}`)
}

export function findItemRecords(db: Db, ids: number[]): Promise<ItemRecord[]> {
  return db.query<ItemRecord>(sql`SELECT ${ITEM_COLUMNS} ${FROM_ITEMS} WHERE i.id IN ${ids}`)
}

/** The links of an item in either direction, each with the title of the item at the other end, in the order made. */
export function itemLinkRows(db: Db, id: number): Promise<ItemLinkRow[]> {
  return db.query<ItemLinkRow>(
    sql`SELECT l.kind, l.from_id AS fromId, l.to_id AS toId, o.title AS otherTitle
       FROM item_links l JOIN items o ON o.id = CASE WHEN l.from_id = ${id} THEN l.to_id ELSE l.from_id END
       WHERE l.from_id = ${id} OR l.to_id = ${id} ORDER BY l.id`
  )
}

/** Booleans are bound as 0 and 1 by the sql template. */
export async function insertItem(
  db: Db,
  description: Record<string, unknown>,
  fields: { year: number; policyVersion: number; createdAt: string; createdBy: number | null }
): Promise<number> {
  const entries = Object.entries(description)
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO items (${sql.join(
      entries.map(([field]) => columnOf(field)),
      ', '
    )}, year, status, policy_version, created_at, updated_at, created_by)
         VALUES (${sql.join(
           entries.map(([, value]) => sql`${value}`),
           ', '
         )}, ${fields.year}, 'received', ${fields.policyVersion},
                 ${fields.createdAt}, ${fields.createdAt}, ${fields.createdBy}) RETURNING id`
  )
  return Number(row.id)
}

/** A new description and a new version. */
export async function updateItemDescription(
  db: Db,
  id: number,
  description: Record<string, unknown>,
  updatedAt: string
): Promise<void> {
  const assignments = Object.entries(description).map(([field, value]) => sql`${columnOf(field)} = ${value}`)
  await db.query(
    sql`UPDATE items SET ${sql.join(assignments, ', ')}, version = version + 1, updated_at = ${updatedAt} WHERE id = ${id}`
  )
}

/** The filing year and why; the version is not touched here, a change of year bumps it separately. */
export async function setItemYear(db: Db, id: number, year: number, reason: string): Promise<void> {
  await db.query(sql`UPDATE items SET year = ${year}, year_reason = ${reason} WHERE id = ${id}`)
}

export async function bumpItemVersion(db: Db, id: number): Promise<void> {
  await db.query(sql`UPDATE items SET version = version + 1 WHERE id = ${id}`)
}

/** What an item checks of the volume it is filed in: whether it is closed, and what it admits (R-FILE-7). */
export async function findContainingVolume(
  db: Db,
  volumeId: number
): Promise<
  | { code: string; status: string; year: number; categoryCode: string; retentionCode: string; topSecret: number }
  | undefined
> {
  const [volume] = await db.query(
    sql`SELECT archival_code AS code, status, year, category_code AS categoryCode, retention_code AS retentionCode, top_secret AS topSecret
       FROM volumes WHERE id = ${volumeId}`
  )
  return volume
}

/** The counters already taken in a code series. */
export async function itemNumbersInSeries(db: Db, series: string): Promise<number[]> {
  return (await db.query<{ n: number }>(sql`SELECT item_number AS n FROM items WHERE series_key = ${series}`)).map(
    (row) => row.n
  )
}

export async function archivalCodeTaken(db: Db, code: string): Promise<boolean> {
  return (await db.query(sql`SELECT id FROM items WHERE archival_code = ${code}`)).length > 0
}

/** R-FILE-10, R-DISP-1: the code, the policy version it was coded under, and the retention then in force. */
export async function catalogueItem(
  db: Db,
  id: number,
  fields: {
    series: string
    counter: number
    code: string
    policyVersion: number
    retentionYears: number | null
    expiresOn: string | null
    updatedAt: string
  }
): Promise<void> {
  await db.query(
    sql`UPDATE items SET series_key = ${fields.series}, item_number = ${fields.counter}, archival_code = ${fields.code}, status = 'catalogued',
       policy_version = ${fields.policyVersion}, retention_years = ${fields.retentionYears}, expires_on = ${fields.expiresOn},
       version = version + 1, updated_at = ${fields.updatedAt} WHERE id = ${id}`
  )
}

export async function itemLinkExists(db: Db, link: { kind: string; fromId: number; toId: number }): Promise<boolean> {
  return (
    (
      await db.query(
        sql`SELECT id FROM item_links WHERE kind = ${link.kind} AND from_id = ${link.fromId} AND to_id = ${link.toId}`
      )
    ).length > 0
  )
}

export async function insertItemLink(db: Db, link: { kind: string; fromId: number; toId: number }): Promise<void> {
  await db.query(sql`INSERT INTO item_links (kind, from_id, to_id) VALUES (${link.kind}, ${link.fromId}, ${link.toId})`)
}

export async function deleteItemLink(db: Db, link: { kind: string; fromId: number; toId: number }): Promise<void> {
  await db.query(
    sql`DELETE FROM item_links WHERE kind = ${link.kind} AND from_id = ${link.fromId} AND to_id = ${link.toId}`
  )
}

/** The volumes the given items are filed in. */
export async function volumesOfItems(db: Db, ids: number[]): Promise<number[]> {
  const rows = await db.query<{ volumeId: number }>(
    sql`SELECT DISTINCT volume_id AS volumeId FROM items WHERE volume_id IS NOT NULL AND id IN ${ids}`
  )
  return rows.map((row) => row.volumeId)
}

/** What an item's status is decided from (R-FILE-10): its code, its volume and the kind of its home. */
export function itemStatusFacts(
  db: Db,
  ids: number[]
): Promise<
  {
    id: number
    status: string
    archivalCode: string | null
    volumeId: number | null
    homeKind: 'room' | 'rack' | 'shelf' | 'box' | null
  }[]
> {
  return db.query(
    sql`SELECT i.id, i.status, i.archival_code AS archivalCode, i.volume_id AS volumeId, l.kind AS homeKind
        FROM items i LEFT JOIN locations l ON l.id = i.home_location_id WHERE i.id IN ${ids}`
  )
}

/** Only the status changes: like a move, it does not make an edit form open on the item stale. */
export async function setItemStatus(db: Db, id: number, status: string): Promise<void> {
  await db.query(sql`UPDATE items SET status = ${status} WHERE id = ${id}`)
}
