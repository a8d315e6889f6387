import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { itemInput } from '../support/records'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'

let app: TestApp
let key: string

beforeAll(async () => {
  app = await makeApp()
  key = await app.signInAs('archivist')
  const customer = await app.call('customers.create', sampleCustomer(), key)
  await app.call('items.create', itemInput({ customerId: customer.id, customerDocType: 'agreement' }), key)
  await app.call(
    'volumes.create',
    { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '顺达物流合同卷' },
    key
  )
})
afterAll(async () => app?.close())

const found = async (search: string) => {
  const replies = {
    customers: await app.dispatch('customers.list', { search }, key),
    items: await app.dispatch('items.list', { search }, key),
    volumes: await app.dispatch('volumes.list', { search }, key),
    lookup: await app.dispatch('records.lookup', { search }, key),
    use: await app.dispatch('use.list', { search }, key)
  }
  return Object.fromEntries(
    Object.entries(replies).map(([name, reply]) => {
      if (!reply.ok) return [name, reply.error.code]
      const data = reply.data as { rows?: unknown[] } | unknown[]
      return [name, Array.isArray(data) ? data.length : (data.rows ?? []).length]
    })
  )
}

describe('search input a person can paste', () => {
  it('ignores control characters such as NUL, so a pasted term with an invisible character still finds its record', async () => {
    expect(await found('顺达\u0000物流')).toEqual({ customers: 1, items: 1, volumes: 1, lookup: 2, use: 0 })
    expect(await found('\u0000顺达物流\u0007')).toEqual(await found('顺达物流'))
  })

  it('a term of nothing but control characters is no term at all, not a match on everything by accident', async () => {
    expect(await found('\u0000')).toEqual(await found(''))
  })

  it('treats FTS5 syntax as plain text: quotes, stars, operators and a lone quote match nothing here and fail nowhere', async () => {
    for (const search of [
      '"',
      '"""',
      '顺达*',
      '顺达 AND 物流',
      'NEAR(顺达',
      'a OR b',
      '(物流)',
      '^顺达',
      'col:顺达',
      '_',
      '%'
    ]) {
      expect(await found(search)).toEqual({ customers: 0, items: 0, volumes: 0, lookup: 0, use: 0 })
    }
  })
})
