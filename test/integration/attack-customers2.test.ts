import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { USER_PASSWORD, makeApp, sampleCustomer, type TestApp } from '../support/app'
import { CONTACT_PHONE, privacyRoom } from '../support/privacy'
import { itemInput } from '../support/records'

/** Issue 20 as an adversary, second round: the bytes on disk, S50 held changes, S139 retention. */

const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

const NEW_PHONE = '13987654321'
const NEW_EMAIL = 'nana@li.example'

/** Every file under the data folder, as bytes: the database, its journal, the logs, the keys. */
function everyFile(dir: string): { name: string; bytes: Buffer }[] {
  return (fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) as string[])
    .map((name) => path.join(dir, name))
    .filter((name) => fs.statSync(name).isFile())
    .map((name) => ({ name, bytes: fs.readFileSync(name) }))
}

describe('S124, R-SEC-1: no plain phone or e-mail anywhere in the data folder', () => {
  it('after a create and an update with new contacts, no file on disk holds a phone or an e-mail in plain text', async () => {
    const { app, archivist, customer } = await privacyRoom(apps, { contactName: '李娜娜' })
    await app.call(
      'customers.update',
      {
        ...sampleCustomer({ contacts: [{ name: '李娜娜', title: '经理', phone: NEW_PHONE, email: NEW_EMAIL }] }),
        id: customer.id,
        version: customer.version
      },
      archivist
    )
    // A search by the phone is no way around it: nothing of the search is kept.
    await app.call('customers.list', { page: 1, pageSize: 20, search: NEW_PHONE }, archivist)
    apps.splice(apps.indexOf(app), 1)
    await app.close()
    for (const { name, bytes } of everyFile(app.dataDir))
      for (const plain of [CONTACT_PHONE, NEW_PHONE, 'lina@shunda.example', NEW_EMAIL])
        expect(bytes.includes(Buffer.from(plain)), `${plain} in ${name}`).toBe(false)
  })
})

/** A formal file (verified), so its grade and legal representative are held for confirmation (S50). */
async function formalCustomer() {
  const app = await makeApp()
  apps.push(app)
  const archivist = await app.signInAs('archivist', 'liwen')
  const manager = await app.signInAs('archive_manager', 'zhaozr')
  const second = await app.signInAs('archive_manager', 'sunjl')
  const created = await app.call('customers.create', sampleCustomer({ grade: 'general' }), archivist)
  await app.call('customerUpkeep.verify', { customerId: created.id, note: '' }, manager)
  const customer = await app.call('customers.get', { id: created.id }, archivist)
  return { app, archivist, manager, second, customer }
}

describe('S50: the held change is decided once, by someone other than its proposer', () => {
  it('a manager who proposed it cannot confirm it through another session of their own; the file keeps its values', async () => {
    const { app, manager, customer } = await formalCustomer()
    await app.call(
      'customers.update',
      { ...sampleCustomer({ grade: 'important' }), id: customer.id, version: customer.version },
      manager
    )
    const otherTab = 'zhaozr-second-tab'
    await app.call('auth.login', { username: 'zhaozr', password: USER_PASSWORD }, otherTab)
    const [waiting] = await app.call('customers.pendingChanges', {}, otherTab)
    expect(waiting.mayDecide).toBe(false)
    const result = await app.dispatch(
      'customers.decideChange',
      { id: waiting.id, version: waiting.version, decision: 'approved', note: '' },
      otherTab
    )
    expect(result.ok ? 'allowed' : `${result.error.ruleId} ${result.error.message}`).toBe(
      'S50 customerUpkeep.policy.ownChange'
    )
    expect((await app.call('customers.get', { id: customer.id }, manager)).grade).toBe('general')
  })

  it('two verifiers deciding at once, one confirming and one refusing: one decision stands, applied once and audited once', async () => {
    const { app, archivist, manager, second, customer } = await formalCustomer()
    await app.call(
      'customers.update',
      { ...sampleCustomer({ grade: 'important' }), id: customer.id, version: customer.version },
      archivist
    )
    const [waiting] = await app.call('customers.pendingChanges', {}, manager)
    const decide = (key: string, decision: 'approved' | 'refused') =>
      app.dispatch('customers.decideChange', { id: waiting.id, version: waiting.version, decision, note: '' }, key)
    const results = await Promise.all([decide(manager, 'approved'), decide(second, 'refused')])

    expect(results.map((result) => result.ok)).toEqual([true, false])
    expect((await app.call('customers.get', { id: customer.id }, archivist)).grade).toBe('important')
    const decided = await app.database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'customer' AND action IN ('confirm_change', 'refuse_change')`
    )
    expect(decided.map((entry) => entry.action)).toEqual(['confirm_change'])
  })
})

describe('S139, R-DISP-1: a purge counts only what it erases', () => {
  it('a credit entry its report still protects is neither counted by the dry run nor audited as erased, run after run', async () => {
    const { app, archivist, customer } = await privacyRoom(apps, { contactName: '李娜娜' })
    const manager = await app.signInAs('archive_manager', 'boss')
    const current = await app.call('customerPrivacy.settings', {}, manager)
    const long = { amount: 10, unit: 'years' } as const
    await app.call(
      'customerPrivacy.saveSettings',
      {
        ...current.data,
        retention: { contact: long, idNumber: long, assets: long, credit: { amount: 1, unit: 'days' }, visitLog: long }
      },
      manager
    )
    const report = await app.call(
      'items.create',
      itemInput({ title: '资信调查报告', customerId: customer.id }),
      archivist
    )
    await app.call(
      'customerUpkeep.credit',
      {
        customerId: customer.id,
        grade: 'good',
        limitAmount: 500000,
        limitYear: 2026,
        riskEvaluation: '经营稳定',
        decidedOn: '2026-03-02',
        reportItemId: report.id
      },
      archivist
    )
    app.clock.advanceMinutes(10 * 24 * 60)
    const later = await app.signInAs('archive_manager', 'boss2')
    const nothing = { customers: 0, classes: { contact: 0, idNumber: 0, assets: 0, credit: 0, visitLog: 0 } }
    expect(await app.call('customerPrivacy.purgeExpired', { dryRun: true }, later)).toEqual({
      dryRun: true,
      ...nothing
    })
    expect(await app.call('customerPrivacy.purgeExpired', { dryRun: false }, later)).toEqual({
      dryRun: false,
      ...nothing
    })
    const erasures = await app.database.query(
      `SELECT id FROM audit_log WHERE entity = 'customer' AND action = 'anonymise'`
    )
    expect(erasures).toEqual([])
    const keeper = await app.signInAs('archivist', 'keeper2')
    expect((await app.call('customerUpkeep.get', { customerId: customer.id }, keeper)).credit).toHaveLength(1)
  })
})
