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

const OPERATIONS: Operation[] = [
  {
    label: 'volumes, first page',
    channel: 'volumes.list',
    input: {},
    raw: page('volumes', 'year DESC, archival_code')
  },
  {
    label: 'volumes, page 50',
    channel: 'volumes.list',
    input: { page: 50 },
    raw: page('volumes', 'year DESC, archival_code', '', 980)
  },
  {
    label: 'volumes of 2019',
    channel: 'volumes.list',
    input: { year: 2019 },
    raw: page('volumes', 'archival_code', 'WHERE year = 2019')
  },
  {
    label: 'use requests, newest first',
    channel: 'use.list',
    input: {},
    raw: page('use_requests', 'created_at DESC, id DESC')
  },
  {
    label: 'use requests, page 50',
    channel: 'use.list',
    input: { page: 50 },
    raw: page('use_requests', 'created_at DESC, id DESC', '', 980)
  },
  {
    label: 'use requests by due date',
    channel: 'use.list',
    input: { sortBy: 'dueOn', sortOrder: 'ascend' },
    raw: page('use_requests', 'due_on, id', 'WHERE due_on IS NOT NULL')
  },
  {
    label: 'use requests out',
    channel: 'use.list',
    input: { status: ['out'] },
    raw: page('use_requests', 'created_at DESC, id DESC', `WHERE status = 'out'`)
  },
  {
    label: 'use requests, search 合同 (raw: LIKE)',
    channel: 'use.list',
    input: { search: '合同' },
    raw: page('use_requests', 'created_at DESC, id DESC', `WHERE purpose LIKE '%合同%'`)
  },
  {
    label: 'overdue loans, first page',
    channel: 'use.overdue',
    input: { pageSize: 10 },
    raw: (today) => [
      `SELECT COUNT(*) FROM use_requests WHERE status = 'out' AND kind = 'loan' AND due_on < '${today}'`,
      `SELECT * FROM use_requests WHERE status = 'out' AND kind = 'loan' AND due_on < '${today}' ORDER BY due_on, id LIMIT 10`
    ]
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
    raw: page('customers', 'updated_at DESC, id DESC')
  },
  {
    label: 'customers by name, page 50',
    channel: 'customers.list',
    input: { sortBy: 'name', sortOrder: 'ascend', page: 50 },
    raw: page('customers', 'name, id', '', 980)
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
