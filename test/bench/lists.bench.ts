import Database from 'better-sqlite3'
import { describe, it } from 'vitest'
import { localDay } from '@main/policy/calendar'
import type { ChannelInput } from '@preload/contract'
import { benchSizes, measure, reportScale, type Paired } from './measure'
import { openRoom } from './seed'

type Channel = 'volumes.list' | 'use.list' | 'use.overdue' | 'audit.list' | 'customers.list'

/** One page of one of the other big lists, with the raw query that answers the same (exact count, page) from an index. */
interface Operation {
  label: string
  channel: Channel
  input: ChannelInput<Channel>
  /** Given the app's day, for a list that depends on it. */
  raw: string[] | ((today: string) => string[])
}

const page = (table: string, order: string, where = '', offset = 0) => [
  `SELECT COUNT(*) FROM ${table} ${where}`,
  `SELECT * FROM ${table} ${where} ORDER BY ${order} LIMIT 20 OFFSET ${offset}`
]

/** A page of volumes with what the list shows of each: how many items and pages it holds. */
const volumesPage = (order: string, where = '', offset = 0) => [
  `SELECT COUNT(*) FROM volumes ${where}`,
  `SELECT v.*, (SELECT COUNT(*) FROM items i WHERE i.volume_id = v.id) AS itemCount,
     (SELECT SUM(i.page_count) FROM items i WHERE i.volume_id = v.id) AS pageCount
   FROM volumes v ${where} ORDER BY ${order} LIMIT 20 OFFSET ${offset}`
]

/** A page of use requests with what the list shows of each, the records asked for by code or title, for its rows only. */
const requestsPage = (order: string, where = '', offset = 0, limit = 20) => [
  `SELECT COUNT(*) FROM use_requests u ${where}`,
  `SELECT u.*, (SELECT group_concat(COALESCE(i.archival_code, v.archival_code, i.title, v.title), '、')
       FROM use_request_records r LEFT JOIN items i ON r.subject = 'item' AND i.id = r.subject_id
       LEFT JOIN volumes v ON r.subject = 'volume' AND v.id = r.subject_id WHERE r.request_id = u.id) AS records
   FROM use_requests u WHERE u.id IN (SELECT u.id FROM use_requests u ${where} ORDER BY ${order} LIMIT ${limit} OFFSET ${offset})
   ORDER BY ${order}`
]

/** A page of customers with what the list shows of each: its first contact. */
const customersPage = (order: string, offset = 0) => [
  `SELECT COUNT(*) FROM customers`,
  `SELECT c.*, k.name AS contact FROM customers c LEFT JOIN customer_contacts k ON k.customer_id = c.id AND k.position = 0
   ORDER BY ${order} LIMIT 20 OFFSET ${offset}`
]

const OPERATIONS: Operation[] = [
  {
    label: 'volumes, first page',
    channel: 'volumes.list',
    input: {},
    raw: volumesPage('year DESC, archival_code')
  },
  {
    label: 'volumes, page 50',
    channel: 'volumes.list',
    input: { page: 50 },
    raw: volumesPage('year DESC, archival_code', '', 980)
  },
  {
    label: 'volumes of 2019',
    channel: 'volumes.list',
    input: { year: 2019 },
    raw: volumesPage('archival_code', 'WHERE year = 2019')
  },
  {
    label: 'use requests, newest first',
    channel: 'use.list',
    input: {},
    raw: requestsPage('u.created_at DESC, u.id DESC')
  },
  {
    label: 'use requests, page 50',
    channel: 'use.list',
    input: { page: 50 },
    raw: requestsPage('u.created_at DESC, u.id DESC', '', 980)
  },
  {
    label: 'use requests by due date',
    channel: 'use.list',
    input: { sortBy: 'dueOn', sortOrder: 'ascend' },
    raw: requestsPage('due_on, id', 'WHERE due_on IS NOT NULL')
  },
  {
    label: 'use requests out',
    channel: 'use.list',
    input: { status: ['out'] },
    raw: requestsPage('created_at DESC, id DESC', `WHERE status = 'out'`)
  },
  {
    label: 'use requests, search 合同 (raw: LIKE)',
    channel: 'use.list',
    input: { search: '合同' },
    raw: requestsPage('created_at DESC, id DESC', `WHERE purpose LIKE '%合同%'`)
  },
  {
    label: 'overdue loans, first page',
    channel: 'use.overdue',
    input: { pageSize: 10 },
    raw: (today) =>
      requestsPage('u.due_on, u.id', `WHERE u.status = 'out' AND u.kind = 'loan' AND u.due_on < '${today}'`, 0, 10)
  },
  { label: 'audit log, newest first', channel: 'audit.list', input: {}, raw: page('audit_log', 'id DESC') },
  {
    label: 'audit log, page 50',
    channel: 'audit.list',
    input: { page: 50 },
    raw: page('audit_log', 'id DESC', '', 980)
  },
  {
    label: 'audit log of items',
    channel: 'audit.list',
    input: { entity: 'item' },
    raw: page('audit_log', 'id DESC', `WHERE entity = 'item'`)
  },
  {
    label: 'audit log of one user',
    channel: 'audit.list',
    input: { username: 'bench' },
    raw: page('audit_log', 'id DESC', `WHERE username = 'bench'`)
  },
  {
    label: 'customers, newest first',
    channel: 'customers.list',
    input: {},
    raw: customersPage('c.updated_at DESC, c.id DESC')
  },
  {
    label: 'customers by name, page 50',
    channel: 'customers.list',
    input: { sortBy: 'name', sortOrder: 'ascend', page: 50 },
    raw: customersPage('c.name, c.id', 980)
  },
  {
    label: 'customers, search 有限公司',
    channel: 'customers.list',
    input: { search: '有限公司' },
    raw: [
      `SELECT COUNT(*) FROM customers_fts WHERE customers_fts MATCH '"有限公司"'`,
      `SELECT c.* FROM customers_fts f JOIN customers c ON c.id = f.rowid WHERE customers_fts MATCH '"有限公司"' LIMIT 20`
    ]
  }
]

describe('volume, use-request, audit and customer lists at scale', () => {
  it('pages and filters', async () => {
    const results = new Map<number, Map<string, Paired>>()
    for (const size of benchSizes()) {
      const { app, key, file } = await openRoom(size)
      const auditor = await app.signInAs('auditor')
      const raw = new Database(file, { readonly: true })
      const figures = new Map<string, Paired>()
      for (const operation of OPERATIONS) {
        const input = { page: 1, pageSize: 20, ...operation.input }
        const session = operation.channel === 'audit.list' ? auditor : key
        const call = () => app.call(operation.channel, input as never, session)
        const { total, totalCapped } = await call()
        const texts = typeof operation.raw === 'function' ? operation.raw(localDay(app.clock.now)) : operation.raw
        const statements = texts.map((text) => raw.prepare(text))
        figures.set(operation.label, {
          app: await measure(operation.label, call, 15),
          raw: await measure(operation.label, () => statements.map((statement) => statement.all()), 15),
          note: `→ ${total}${totalCapped ? '+' : ''}`
        })
      }
      raw.close()
      await app.close()
      results.set(size, figures)
    }
    reportScale('other lists through the dispatcher vs the raw index query', results)
  }, 7_200_000)
})
