import { afterEach, describe, expect, it } from 'vitest'
import { itemInput as item } from '../support/records'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'
import { useDesk } from '../support/use'

let app: TestApp
afterEach(async () => app?.close())

async function setUp() {
  app = await makeApp()
  const key = await app.signInAs('archivist', 'liwen')
  const reader = await app.signInAs('staff_viewer', 'zhangsan')
  const [{ id: readerId }] = await app.database.query("SELECT id FROM users WHERE username = 'zhangsan'")
  const customer = await app.call('customers.create', sampleCustomer(), key)
  const other = await app.call('customers.create', sampleCustomer({ name: '北京华信贸易公司' }), key)
  const contract = await app.call(
    'items.create',
    item({ title: '仓储合同', customerId: customer.id, customerDocType: 'contract' }),
    key
  )
  const intent = await app.call('items.create', item({ title: '合作意向书', customerId: customer.id }), key)
  await app.call('items.create', item({ title: '华信贸易合同', customerId: other.id }), key)
  const room = await app.call('locations.create', { kind: 'room', code: 'A', parentId: null, name: '一号库房' }, key)
  const rack = await app.call('locations.create', { kind: 'rack', code: '01', parentId: room.id, name: '密集架' }, key)
  const shelf = await app.call('locations.create', { kind: 'shelf', code: '3', parentId: rack.id, name: '第三层' }, key)
  const box = await app.call('locations.create', { kind: 'box', code: '05', parentId: shelf.id, name: '五号盒' }, key)
  await app.call('items.catalogue', { id: contract.id }, key)
  await app.call('locations.place', { subject: 'item', id: contract.id, locationId: box.id, home: true, note: '' }, key)
  const desk = useDesk(app, key)
  const loan = await desk.grant(
    desk.request('loan', [{ subject: 'item', id: contract.id }], '核对合同条款', {
      applicantName: '张三',
      departmentCode: 'ZS',
      applicantUserId: Number(readerId)
    })
  )
  return { key, reader, customer, contract, intent, loan }
}

describe('R-CUST-2 the customer page shows the customer’s file', () => {
  it('lists every document of the customer with its status, code and place, and the loans of them', async () => {
    const { key, customer, contract, intent, loan } = await setUp()
    const file = await app.call('customers.file', { id: customer.id }, key)
    expect(file.items.map((one) => [one.id, one.status, one.archivalCode, one.homePath, one.custody])).toEqual([
      [contract.id, 'filed', 'J001-KH·2025-D30-ZS-0001', 'A-01-3-05', 'on_loan'],
      [intent.id, 'received', null, null, 'in_store']
    ])
    expect(file.uses).toEqual([
      expect.objectContaining({
        requestId: loan.id,
        kind: 'loan',
        status: 'out',
        applicantName: '张三',
        records: 'J001-KH·2025-D30-ZS-0001'
      })
    ])
  })

  it('R-CUST-5 masks the applicants for a role without the right to personal data, and logs each opening', async () => {
    const { reader, customer } = await setUp()
    const file = await app.call('customers.file', { id: customer.id }, reader)
    expect(file.uses.map((use) => use.applicantName)).toEqual(['张*'])
    const logged = await app.database.query(
      "SELECT username, after FROM audit_log WHERE entity = 'customer' AND action = 'view' AND entity_id = ?",
      [String(customer.id)]
    )
    expect(logged).toEqual([{ username: 'zhangsan', after: JSON.stringify({ document: 'file' }) }])
  })
})

describe('the workbench of a staff viewer', () => {
  it('shows their own requests and loans under way, and nobody else’s', async () => {
    const { key, reader, loan } = await setUp()
    expect((await app.call('use.mine', {}, reader)).map((row) => [row.id, row.status])).toEqual([[loan.id, 'out']])
    expect(await app.call('use.mine', {}, key)).toEqual([])
  })
})
