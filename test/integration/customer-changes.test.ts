import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'

/** Issue 20, S50: important changes of a customer file are re-verified by a second person before they take effect. */

let app: TestApp
afterEach(async () => app?.close())

async function formalCustomer() {
  app = await makeApp()
  const archivist = await app.signInAs('archivist', 'liwen')
  const manager = await app.signInAs('archive_manager', 'zhaozr')
  const head = await app.signInAs('department_head', 'qianbz')
  const created = await app.call('customers.create', sampleCustomer({ grade: 'general' }), archivist)
  await app.call('customerUpkeep.verify', { customerId: created.id, note: '' }, manager)
  const customer = await app.call('customers.get', { id: created.id }, archivist)
  return { archivist, manager, head, customer }
}

const ruleOf = async (result: Promise<{ ok: boolean; error?: { ruleId?: string; message?: string } }>) => {
  const settled = await result
  return settled.ok ? 'allowed' : `${settled.error?.ruleId} ${settled.error?.message}`
}

describe('S50: an important change is held until a second person confirms it', () => {
  it('the grade and legal representative wait, invisible, while the other fields save at once; the confirmation applies them and the history names them', async () => {
    const { archivist, manager, customer } = await formalCustomer()
    const saved = await app.call(
      'customers.update',
      {
        ...sampleCustomer({ grade: 'important', legalRepresentative: '孙立新', address: '上海市静安区新路9号' }),
        id: customer.id,
        version: customer.version
      },
      archivist
    )
    expect(saved.held.sort()).toEqual(['grade', 'legalRepresentative'])
    expect(saved).toMatchObject({ grade: 'general', legalRepresentative: customer.legalRepresentative })
    expect(saved.address).toBe('上海市静安区新路9号')
    const read = await app.call('customers.get', { id: customer.id }, manager)
    expect(read).toMatchObject({ grade: 'general', legalRepresentative: customer.legalRepresentative })
    const listed = await app.call('customers.list', { grade: ['important'] }, manager)
    expect(listed.rows).toEqual([])

    const todo = (await app.call('dashboard.todo', {}, manager)).find((entry) => entry.key === 'customerChangesPending')
    expect(todo).toMatchObject({ count: 1, ruleId: 'S50' })
    const [waiting] = await app.call('customers.pendingChanges', {}, manager)
    expect(waiting).toMatchObject({ customerId: customer.id, status: 'pending', proposedBy: 'liwen', mayDecide: true })
    expect(waiting.changes).toContainEqual({ field: 'grade', before: 'general', after: 'important' })

    const confirmed = await app.call(
      'customers.decideChange',
      { id: waiting.id, version: waiting.version, decision: 'approved', note: '与营业执照核对无误' },
      manager
    )
    expect(confirmed).toMatchObject({ status: 'approved', decidedBy: 'zhaozr', mayDecide: false })
    const after = await app.call('customers.get', { id: customer.id }, archivist)
    expect(after).toMatchObject({ grade: 'important', legalRepresentative: '孙立新', address: '上海市静安区新路9号' })
    const history = await app.call('customers.history', { id: customer.id }, archivist)
    expect(history[0]).toMatchObject({ username: 'zhaozr', action: 'update' })
    expect(
      history
        .filter((change) => change.username === 'zhaozr')
        .map((change) => change.field)
        .sort()
    ).toEqual(['grade', 'legalRepresentative'])
    expect((await app.call('dashboard.todo', {}, manager)).map((entry) => entry.key)).not.toContain(
      'customerChangesPending'
    )
    const audited = await app.database.query<{ action: string }>(
      "SELECT action FROM audit_log WHERE entity = 'customer' AND action IN ('propose_change', 'confirm_change') ORDER BY id"
    )
    expect(audited.map((entry) => entry.action)).toEqual(['propose_change', 'confirm_change'])
  })

  it('the proposer cannot confirm their own change, a role that does not verify cannot either, and one change waits at a time', async () => {
    const { archivist, manager, head, customer } = await formalCustomer()
    await app.call(
      'customers.update',
      { ...sampleCustomer({ grade: 'general', registeredCapital: 900 }), id: customer.id, version: customer.version },
      manager
    )
    const [waiting] = await app.call('customers.pendingChanges', { customerId: customer.id }, manager)
    expect(waiting.mayDecide).toBe(false)
    const decide = (key: string) =>
      app.dispatch(
        'customers.decideChange',
        { id: waiting.id, version: waiting.version, decision: 'approved', note: '' },
        key
      )
    expect(await ruleOf(decide(manager))).toBe('S50 customerUpkeep.policy.ownChange')
    expect(await ruleOf(decide(archivist))).toBe('S50 customerUpkeep.policy.notVerifier')

    const now = await app.call('customers.get', { id: customer.id }, archivist)
    expect(now.registeredCapital).toBe(customer.registeredCapital)
    const second = app.dispatch(
      'customers.update',
      { ...sampleCustomer({ grade: 'special' }), id: customer.id, version: now.version },
      archivist
    )
    expect(await ruleOf(second)).toBe('S50 customerUpkeep.policy.changeWaiting')

    expect(await ruleOf(decide(head))).toBe('allowed')
    expect((await app.call('customers.get', { id: customer.id }, archivist)).registeredCapital).toBe(900)
  })

  it('a refusal leaves the old value, is audited with its reason, and cannot be decided again', async () => {
    const { archivist, manager, customer } = await formalCustomer()
    await app.call(
      'customers.update',
      { ...sampleCustomer({ grade: 'general', creditStanding: '良好' }), id: customer.id, version: customer.version },
      archivist
    )
    const [waiting] = await app.call('customers.pendingChanges', { customerId: customer.id }, manager)
    const refused = await app.call(
      'customers.decideChange',
      { id: waiting.id, version: waiting.version, decision: 'refused', note: '无财务报表佐证' },
      manager
    )
    expect(refused).toMatchObject({ status: 'refused', note: '无财务报表佐证' })
    expect((await app.call('customers.get', { id: customer.id }, archivist)).creditStanding).toBe(
      customer.creditStanding
    )
    const [entry] = await app.database.query<{ after: string }>(
      "SELECT after FROM audit_log WHERE action = 'refuse_change'"
    )
    expect(JSON.parse(entry.after)).toEqual({ change: waiting.id, note: '无财务报表佐证' })
    const again = app.dispatch(
      'customers.decideChange',
      { id: waiting.id, version: refused.version, decision: 'approved', note: '' },
      manager
    )
    expect(await ruleOf(again)).toBe('S50 customerUpkeep.policy.changeDecided')
  })

  it('a temporary file is verified as a whole, so its changes save at once', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'liwen')
    const customer = await app.call('customers.create', sampleCustomer({ grade: 'general' }), archivist)
    const saved = await app.call(
      'customers.update',
      { ...sampleCustomer({ grade: 'important' }), id: customer.id, version: customer.version },
      archivist
    )
    expect(saved).toMatchObject({ grade: 'important', held: [] })
  })
})
