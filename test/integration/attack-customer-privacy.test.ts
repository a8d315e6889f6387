import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { FIELD_KEY_FILE } from '@main/db/field-key'
import { UNREADABLE_VALUE } from '@preload/contract'
import { makeApp, sampleCustomer, tempDir, type TestApp } from '../support/app'
import { CONTACT_PHONE, privacyRoom } from '../support/privacy'

/** Issue 20 as an adversary: the field key, leaks of sensitive values, anonymisation, the wrong role (S117–S148). */

const ID_NUMBER = '310101198001011234'
const PHONE = CONTACT_PHONE
const CONTACT = '李娜娜'
const LEGAL = '王大锤'

const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

async function started(dataDir?: string) {
  const { app, archivist, customer } = await privacyRoom(apps, {
    dataDir,
    contactName: CONTACT,
    customer: { legalRepresentative: LEGAL }
  })
  await app.call(
    'customerPrivacy.saveSensitive',
    { customerId: customer.id, field: 'idNumber', value: ID_NUMBER },
    archivist
  )
  return { app, archivist, customer }
}

async function closed(app: TestApp) {
  apps.splice(apps.indexOf(app), 1)
  await app.close()
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return []
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }).map((name) => path.join(dir, name))
}

describe('S125: field.key lost or damaged on restart', () => {
  it('missing while the database holds sealed values: the app refuses to start and makes no new key', async () => {
    const dataDir = tempDir()
    const { app, customer } = await started(dataDir)
    await closed(app)
    const keyFile = path.join(dataDir, FIELD_KEY_FILE)
    const kept = fs.readFileSync(keyFile)
    fs.rmSync(keyFile)

    await expect(makeApp(dataDir)).rejects.toThrow(/field\.key.*missing/s)
    expect(fs.existsSync(keyFile)).toBe(false)

    // The key put back, everything sealed before opens again.
    fs.writeFileSync(keyFile, kept)
    const again = await makeApp(dataDir)
    apps.push(again)
    const archivist = await again.signInAs('archivist', 'keeper2')
    const revealed = await again.call(
      'customerPrivacy.reveal',
      { customerId: customer.id, field: 'idNumber', purpose: '核对' },
      archivist
    )
    expect(revealed.value).toBe(ID_NUMBER)
    expect((await again.call('customers.get', { id: customer.id }, archivist)).contacts[0].phone).toBe(PHONE)
  })

  it('damaged: refused with a sentence naming the file, not a parser error, and the file is left as it was', async () => {
    const dataDir = tempDir()
    const { app } = await started(dataDir)
    await closed(app)
    const keyFile = path.join(dataDir, FIELD_KEY_FILE)
    for (const damage of ['{"version":1,"key":"short"}', '{not json', '']) {
      fs.writeFileSync(keyFile, damage)
      const failure = await makeApp(dataDir).then(
        () => null,
        (error: Error) => error.message
      )
      expect(failure).toContain(keyFile)
      expect(failure).toMatch(/damaged/)
      expect(fs.readFileSync(keyFile, 'utf8')).toBe(damage)
    }
  })

  it('a data folder with nothing sealed yet gets a key of its own at start, as on the first start', async () => {
    const dataDir = tempDir()
    const app = await makeApp(dataDir)
    await app.close()
    fs.rmSync(path.join(dataDir, FIELD_KEY_FILE))
    const again = await makeApp(dataDir)
    apps.push(again)
    expect(fs.existsSync(path.join(dataDir, FIELD_KEY_FILE))).toBe(true)
  })
})

describe('R-SEC-1, S124: no plain sensitive value in the audit log, the support log or an error', () => {
  it('after saving, revealing, a refused reveal and a bad value, the ID number is nowhere in plain text, nor the phone in the support log', async () => {
    const { app, archivist, customer } = await started()
    await app.call('customerPrivacy.reveal', { customerId: customer.id, field: 'idNumber', purpose: '核对' }, archivist)
    const viewer = await app.signInAs('staff_viewer', 'reader')
    const refused = await app.dispatch(
      'customerPrivacy.reveal',
      { customerId: customer.id, field: 'idNumber', purpose: '核对' },
      viewer
    )
    expect(refused.ok).toBe(false)
    const bad = await app.dispatch(
      'customerPrivacy.saveSensitive',
      { customerId: customer.id, field: 'idNumber', value: `${ID_NUMBER}X` },
      archivist
    )
    expect(bad.ok).toBe(false)
    expect(JSON.stringify(refused) + JSON.stringify(bad)).not.toContain(ID_NUMBER)

    const audit = JSON.stringify(await app.database.query('SELECT * FROM audit_log'))
    expect(audit).not.toContain(ID_NUMBER)
    for (const file of filesUnder(path.join(app.dataDir, 'logs'))) {
      if (!fs.statSync(file).isFile()) continue
      const text = fs.readFileSync(file, 'utf8')
      expect(text).not.toContain(ID_NUMBER)
      expect(text).not.toContain(PHONE)
    }
  })

  it('S124, S125: contact phones and e-mails are sealed in the audit snapshots, opened for the history, masked for the auditor, and the chain still verifies', async () => {
    const { app, archivist, customer } = await started()
    await app.call(
      'customers.update',
      {
        ...sampleCustomer({
          contacts: [{ name: CONTACT, title: '经理', phone: '13987654321', email: 'nana@li.example' }]
        }),
        id: customer.id,
        version: customer.version
      },
      archivist
    )
    const stored = JSON.stringify(await app.database.query('SELECT before, after FROM audit_log'))
    for (const plain of [PHONE, '13987654321', 'lina@shunda.example', 'nana@li.example'])
      expect(stored).not.toContain(plain)

    const history = JSON.stringify(await app.call('customers.history', { id: customer.id }, archivist))
    expect(history).toContain(PHONE)
    expect(history).toContain('13987654321')
    const auditor = await app.signInAs('auditor', 'checker')
    const listed = await app.call(
      'audit.list',
      { entity: 'customer', action: 'update', page: 1, pageSize: 20 },
      auditor
    )
    const shown = JSON.stringify(listed.rows)
    expect(shown).toContain('139******21')
    expect(shown).toContain('n***@li.example')
    expect(shown).not.toContain('enc1:')
    expect((await app.call('audit.verify', {}, auditor)).ok).toBe(true)
  })

  it('S119: a 10 MB purpose is refused by the schema and leaves no entry', async () => {
    const { app, archivist, customer } = await started()
    const before = await app.database.query<{ n: number }>('SELECT count(*) AS n FROM audit_log')
    const result = await app.dispatch(
      'customerPrivacy.reveal',
      { customerId: customer.id, field: 'idNumber', purpose: '用'.repeat(10 * 1024 * 1024) },
      archivist
    )
    expect(result.ok).toBe(false)
    expect(JSON.stringify(result).length).toBeLessThan(2000)
    expect(await app.database.query('SELECT count(*) AS n FROM audit_log')).toEqual(before)
  })
})

describe('S141, S147: anonymisation leaves nothing to be found', () => {
  it('the contact name and legal representative are gone from the customer search index; the ID number no longer finds it', async () => {
    const { app, archivist, customer } = await started()
    const found = async (search: string) =>
      (await app.call('customers.list', { search }, archivist)).rows.map((row) => row.id)
    expect(await found(CONTACT)).toEqual([customer.id])
    const asked = await app.call(
      'customerPrivacy.registerRightsRequest',
      {
        customerId: customer.id,
        kind: 'delete',
        requester: CONTACT,
        identityChecked: true,
        details: '请删除',
        receivedOn: '2026-03-02'
      },
      archivist
    )
    await app.call(
      'customerPrivacy.answerRightsRequest',
      { id: asked.id, version: asked.version, outcome: 'anonymised', answer: '已匿名' },
      archivist
    )
    expect(await found(CONTACT)).toEqual([])
    expect(await found(LEGAL)).toEqual([])
    const index = JSON.stringify(await app.database.query('SELECT body FROM customers_fts'))
    expect(index).not.toContain(CONTACT)
    expect(index).not.toContain(LEGAL)
    expect(await app.call('customerPrivacy.findByIdNumber', { idNumber: ID_NUMBER }, archivist)).toEqual([])
    const stored = JSON.stringify(await app.database.query('SELECT * FROM customer_contacts'))
    expect(stored).not.toContain(CONTACT)
  })
})

describe('S141, S147: anonymisation leaves nothing to be read back', () => {
  it('the customer history shows the anonymised contact and legal representative as anonymous, to every role', async () => {
    const { app, archivist, customer } = await started()
    await app.call(
      'customers.update',
      {
        ...sampleCustomer({
          legalRepresentative: '赵铁柱',
          contacts: [{ name: CONTACT, title: '经理', phone: '13987654321', email: '' }]
        }),
        id: customer.id,
        version: customer.version
      },
      archivist
    )
    expect(JSON.stringify(await app.call('customers.history', { id: customer.id }, archivist))).toContain(CONTACT)
    const asked = await app.call(
      'customerPrivacy.registerRightsRequest',
      {
        customerId: customer.id,
        kind: 'delete',
        requester: CONTACT,
        identityChecked: true,
        details: '请删除',
        receivedOn: '2026-03-02'
      },
      archivist
    )
    await app.call(
      'customerPrivacy.answerRightsRequest',
      { id: asked.id, version: asked.version, outcome: 'anonymised', answer: '已匿名' },
      archivist
    )
    const manager = await app.signInAs('archive_manager', 'boss')
    for (const key of [archivist, manager]) {
      const shown = JSON.stringify(await app.call('customers.history', { id: customer.id }, key))
      for (const personal of [CONTACT, PHONE, '13987654321', LEGAL, '赵铁柱']) expect(shown).not.toContain(personal)
    }
    // A change made after the anonymisation is history like any other.
    const now = await app.call('customers.get', { id: customer.id }, archivist)
    await app.call(
      'customers.update',
      {
        ...sampleCustomer({ legalRepresentative: '钱新', contacts: now.contacts }),
        id: customer.id,
        version: now.version
      },
      archivist
    )
    const [latest] = await app.call('customers.history', { id: customer.id }, archivist)
    expect(latest).toMatchObject({ field: 'legalRepresentative', before: '（已匿名）', after: '钱新' })
  })
})

describe('S140, S147: a purged file’s history keeps nothing the purge cleared', () => {
  it('the old name, address and phone read back as cleared, to every role', async () => {
    const { app, archivist, customer } = await started()
    await app.call(
      'customers.update',
      {
        ...sampleCustomer({ name: '顺达旧名有限公司', address: '上海市黄浦区旧路1号', phone: '021-62345678' }),
        id: customer.id,
        version: customer.version
      },
      archivist
    )
    const asked = await app.call(
      'customerPrivacy.registerRightsRequest',
      {
        customerId: customer.id,
        kind: 'delete',
        requester: CONTACT,
        identityChecked: true,
        details: '请删除全部',
        receivedOn: '2026-03-02'
      },
      archivist
    )
    await app.call(
      'customerPrivacy.answerRightsRequest',
      { id: asked.id, version: asked.version, outcome: 'purged', answer: '已清除' },
      archivist
    )
    const manager = await app.signInAs('archive_manager', 'boss')
    for (const key of [archivist, manager]) {
      const shown = JSON.stringify(await app.call('customers.history', { id: customer.id }, key))
      for (const cleared of [sampleCustomer().name, '顺达旧名有限公司', '上海市黄浦区旧路1号', '021-62345678', LEGAL])
        expect(shown).not.toContain(cleared)
      expect(shown).toContain('（已清除）')
    }
  })
})

describe('S125: one sealed value that does not open', () => {
  it('the list and the file still answer, the value reads as unreadable, and the support log names the row once', async () => {
    const { app, archivist, customer } = await started()
    const other = await app.call('customers.create', sampleCustomer({ name: '另一家公司' }), archivist)
    const [{ phone }] = await app.database.query<{ phone: string }>(
      'SELECT phone FROM customer_contacts WHERE customer_id = ?',
      [customer.id]
    )
    const damaged = `${phone.slice(0, -6)}AAAAAA`
    await app.database.query('UPDATE customer_contacts SET phone = ? WHERE customer_id = ?', [damaged, customer.id])

    for (let i = 0; i < 2; i += 1) {
      const list = await app.call('customers.list', {}, archivist)
      const row = list.rows.find((r) => r.id === customer.id)!
      expect(row.primaryContactPhone).toBe(UNREADABLE_VALUE)
      expect(list.rows.map((r) => r.id)).toContain(other.id)
      expect((await app.call('customers.get', { id: customer.id }, archivist)).contacts[0].phone).toBe(UNREADABLE_VALUE)
    }
    const viewer = await app.signInAs('staff_viewer', 'reader')
    const masked = await app.call('customers.list', {}, viewer)
    expect(masked.rows.find((r) => r.id === customer.id)!.primaryContactPhone).toBe(UNREADABLE_VALUE)

    await app.log.flush()
    const lines = fs
      .readFileSync(app.log.file, 'utf8')
      .split('\n')
      .filter((line) => line.includes('sealed value unreadable'))
    expect(lines).toHaveLength(1)
    expect(lines[0]).toContain(`"customerId":${customer.id}`)
    expect(lines[0]).toContain('contact.phone')
  })
})

describe('S121, S131: the wrong role', () => {
  it('a viewer, a department head and the administrator cannot look a customer up by ID number nor save one', async () => {
    const { app, customer } = await started()
    for (const role of ['staff_viewer', 'department_head', 'sysadmin'] as const) {
      const key = role === 'sysadmin' ? await app.signInAs('sysadmin') : await app.signInAs(role, `x${role}`)
      const lookup = await app.dispatch('customerPrivacy.findByIdNumber', { idNumber: ID_NUMBER }, key)
      expect(lookup.ok ? 'allowed' : lookup.error.code).toBe('FORBIDDEN')
      const save = await app.dispatch(
        'customerPrivacy.saveSensitive',
        { customerId: customer.id, field: 'idNumber', value: '110101199003077777' },
        key
      )
      expect(save.ok ? 'allowed' : save.error.code).toBe('FORBIDDEN')
    }
  })

  it('R-ROLE-7: the archive manager who asked for a disclosure cannot approve it too', async () => {
    const { app, customer } = await started()
    const manager = await app.signInAs('archive_manager', 'boss')
    const asked = await app.call(
      'customerPrivacy.requestDisclosure',
      {
        customerId: customer.id,
        recipient: '集团审计部',
        recipientKind: 'internal',
        scope: '基本信息',
        purpose: '内部审计',
        method: 'paper'
      },
      manager
    )
    const decided = await app.dispatch(
      'customerPrivacy.decideDisclosure',
      { id: asked.id, version: asked.version, decision: 'approved' },
      manager
    )
    expect(decided.ok ? 'approved' : decided.error.ruleId).toBe('R-ROLE-7')
  })
})

describe('S37–S40, S167–S168: the customer file’s upkeep by the wrong person', () => {
  it('nobody verifies the customer file they created, a viewer verifies none, and a report is not approved by its preparer', async () => {
    const app = await makeApp()
    apps.push(app)
    const manager = await app.signInAs('archive_manager', 'boss')
    const customer = await app.call('customers.create', sampleCustomer(), manager)
    const ruleOf = async (result: Promise<{ ok: boolean; error?: { ruleId?: string } }>) => {
      const settled = await result
      return settled.ok ? 'allowed' : settled.error?.ruleId
    }
    expect(await ruleOf(app.dispatch('customerUpkeep.verify', { customerId: customer.id }, manager))).toBe('S40')
    const viewer = await app.signInAs('staff_viewer', 'reader')
    expect(await ruleOf(app.dispatch('customerUpkeep.verify', { customerId: customer.id }, viewer))).toBe('S37')
    const upkeep = await app.call('customerUpkeep.get', { customerId: customer.id }, manager)
    expect(upkeep.registration.status).toBe('temporary')

    const report = await app.call('customerReports.prepare', { month: '2026-02' }, manager)
    const approved = await app.dispatch('customerReports.approve', { id: report.id }, manager)
    expect(approved.ok).toBe(false)
    expect((await app.call('customerReports.list', {}, manager))[0].approvedAt).toBeNull()
  })
})
