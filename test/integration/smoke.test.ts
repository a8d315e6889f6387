import { describe, expect, it } from 'vitest'
import { makeApp, sampleCustomer } from '../support/app'

describe('smoke', () => {
  it('creates and finds a customer', async () => {
    const app = await makeApp()
    const key = await app.signInAs('archivist')
    const created = await app.call('customers.create', sampleCustomer(), key)
    expect(created.id).toBeGreaterThan(0)
    const page = await app.call('customers.list', { search: '物流' }, key)
    expect(page.rows.map((r) => r.name)).toEqual(['上海顺达物流有限公司'])
    await app.close()
  })
})
