import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'

/**
 * Adversary brief, lists and search: hostile search text and page numbers through every paged list channel. Each
 * must give a page or a validation error naming the field, never an internal error.
 */

const LISTS = [
  'customers.list',
  'items.list',
  'volumes.list',
  'use.list',
  'use.overdue',
  'audit.list',
  'inspections.list',
  'disposal.due',
  'holds.list',
  'appraisal.list',
  'destruction.list',
  'incidents.list'
] as const
const SEARCHABLE = ['customers.list', 'items.list', 'volumes.list', 'use.list'] as const

let app: TestApp
const keyFor = new Map<string, string>()
beforeAll(async () => {
  app = await makeApp()
  const keys = [
    await app.signInAs('archivist', 'keeper'),
    await app.signInAs('archive_manager', 'manager'),
    await app.signInAs('auditor', 'shenji')
  ]
  await app.call('customers.create', sampleCustomer(), keys[0])
  for (const channel of LISTS)
    for (const key of keys) {
      const result = await app.dispatch(channel as 'customers.list', {}, key)
      if (result.ok || result.error.code !== 'FORBIDDEN') {
        keyFor.set(channel, key)
        break
      }
    }
}, 60_000)
afterAll(async () => app?.close())

const outcome = async (channel: string, input: Record<string, unknown>) => {
  const result = await app.dispatch(channel as 'customers.list', input, keyFor.get(channel)!)
  return result.ok ? 'page' : result.error.code
}

describe('adversary: page and page size extremes', () => {
  it('every list channel answers someone', () => {
    expect(LISTS.filter((channel) => !keyFor.has(channel))).toEqual([])
  })

  it.each([
    ['page 0', { page: 0 }],
    ['page -1', { page: -1 }],
    ['page 1.5', { page: 1.5 }],
    ['page "2"', { page: '2' }],
    ['page null (NaN through JSON)', { page: null }],
    ['page size 0', { pageSize: 0 }],
    ['page size -5', { pageSize: -5 }],
    ['page size 1e9', { pageSize: 1e9 }],
    ['page size 2.5', { pageSize: 2.5 }],
    ['page NaN', { page: Number.NaN }],
    ['page Infinity', { page: Number.POSITIVE_INFINITY }],
    ['a sort field not allowed', { sortBy: 'password_hash' }],
    ['a sort field with SQL', { sortBy: 'name; DROP TABLE users' }],
    ['a sort order not allowed', { sortOrder: 'sideways' }]
  ])('%s: a validation error on every list', async (_name, input) => {
    for (const channel of LISTS) expect([channel, await outcome(channel, input)]).toEqual([channel, 'VALIDATION'])
  })

  it.each([
    ['page 1e9', 1e9],
    ['page 2^31', 2 ** 31],
    ['page 2^53 - 1', 2 ** 53 - 1],
    ['page 1e300', 1e300]
  ])('%s: an empty page or a validation error, never an internal error', async (_name, page) => {
    for (const channel of LISTS) {
      const result = await app.dispatch(channel as 'customers.list', { page, pageSize: 200 }, keyFor.get(channel)!)
      if (result.ok) expect([channel, (result.data as { rows: unknown[] }).rows]).toEqual([channel, []])
      else expect([channel, result.error.code]).toEqual([channel, 'VALIDATION'])
    }
  })
})

describe('adversary: hostile search text', () => {
  it.each([
    ['a lone quote', '"'],
    ['unbalanced quotes', '"顺达 物流'],
    ['a star alone', '*'],
    ['NEAR(', 'NEAR('],
    ['AND alone', 'AND'],
    ['NOT at the start', 'NOT 顺达'],
    ['a single character', '顺'],
    ['a single Latin character', 'a'],
    ['right-to-left marks', '\u202e顺达\u200f'],
    ['zero-width joiners', '顺\u200d达'],
    ['column filter syntax', 'name:顺达'],
    ['a caret', '^'],
    ['a minus', '-顺达'],
    ['SQL', "' OR 1=1 --"],
    ['LIKE wildcards', '%_%'],
    ['a backslash', '\\'],
    ['exactly 100 characters', '档'.repeat(100)],
    ['an astral character', '𠀀𩸽']
  ])('%s: a page on every searchable list', async (_name, search) => {
    for (const channel of SEARCHABLE) expect([channel, await outcome(channel, { search })]).toEqual([channel, 'page'])
    const lookup = await app.dispatch('records.lookup', { search }, keyFor.get('items.list')!)
    expect(lookup.ok ? 'page' : lookup.error.code).toBe('page')
  })

  it.each(['\ud800', '顺\udc00达', '\udfff\ud800'])(
    'a lone surrogate (%j) is invalid text in the search field',
    async (search) => {
      for (const channel of SEARCHABLE) {
        const result = await app.dispatch(channel as 'customers.list', { search }, keyFor.get(channel)!)
        expect(result).toMatchObject({
          ok: false,
          error: { code: 'VALIDATION', details: [{ path: 'search', message: 'validation.invalidText' }] }
        })
      }
    }
  )

  it('one megabyte of search text is a validation error naming the field', async () => {
    for (const channel of SEARCHABLE) {
      const result = await app.dispatch(
        channel as 'customers.list',
        { search: '顺'.repeat(1 << 20) },
        keyFor.get(channel)!
      )
      expect(result).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'search' }] } })
    }
  })

  it('the customer is still found by plain text after all of that', async () => {
    const plain = await app.call('customers.list', { search: '顺达' }, keyFor.get('customers.list')!)
    expect(plain.total).toBe(1)
  })
})
