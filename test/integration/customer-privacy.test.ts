import fs from 'node:fs'
import path from 'node:path'
import Database from 'better-sqlite3'
import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import { DATABASE_FILE } from '@main/db/data-source'
import { FIELD_KEY_FILE } from '@main/db/field-key'
import type { Channel, ChannelInput } from '@preload/contract'
import { makeApp, tempDir, type TestApp } from '../support/app'
import { CONTACT_PHONE, privacyRoom } from '../support/privacy'
import { itemInput } from '../support/records'

/** Issue 20: customers' personal information — consent (S107–S112) and sensitive fields (S117–S125, R-CUST-5). */

const ID_NUMBER = '310101198001011234'
const PHONE = CONTACT_PHONE
const PASSPHRASE = '档案室钥匙在二楼保险柜第三格'

const apps: TestApp[] = []
afterEach(async () => {
  for (const app of apps.splice(0)) await app.close()
})

const started = (dataDir?: string) => privacyRoom(apps, { dataDir, contactName: '李娜' })

const consent = (customerId: number, more: Partial<ChannelInput<'customerPrivacy.recordConsent'>> = {}) => ({
  customerId,
  scope: '基本信息、联系人、身份证号码',
  purpose: '合同管理与售后服务',
  noticeText: '本公司仅为合同管理收集以上信息，不向无关第三方提供。',
  noticeVersion: 'v1',
  consentedOn: '2026-03-01',
  channel: 'written' as const,
  refusedFields: [],
  sharingConsent: false,
  ...more
})

async function refusal(app: TestApp, channel: Channel, input: never, key: string) {
  const result = await app.dispatch(channel, input, key)
  if (result.ok) throw new Error(`${channel} was not refused`)
  return { ruleId: result.error.ruleId, message: result.error.message }
}

async function auditOf(app: TestApp, customerId: number, action: string) {
  return app.database.query<{ username: string; after: string }>(
    `SELECT username, after FROM audit_log WHERE entity = 'customer' AND entity_id = ? AND action = ? ORDER BY id`,
    [String(customerId), action]
  )
}

describe('S107–S112 consent register', () => {
  it('records scope, purpose, notice and its version, date, channel and who recorded it, audited', async () => {
    const { app, archivist, customer } = await started()
    const recorded = await app.call(
      'customerPrivacy.recordConsent',
      consent(customer.id, { refusedFields: ['personalAssets'] }),
      archivist
    )
    expect(recorded).toMatchObject({ noticeVersion: 'v1', channel: 'written', recordedBy: 'keeper' })
    const register = await app.call('customerPrivacy.consents', { customerId: customer.id }, archivist)
    expect(register.consents).toHaveLength(1)
    // S110: the form shows what is needed, what is optional and what the customer refused.
    expect(register.marks).toMatchObject({ idNumber: 'required', contactEmail: 'optional', personalAssets: 'refused' })
    expect(await auditOf(app, customer.id, 'consent')).toHaveLength(1)
  })

  it('S110: a field the purpose needs cannot be refused; only optional ones can', async () => {
    const { app, archivist, customer } = await started()
    expect(
      await refusal(
        app,
        'customerPrivacy.recordConsent',
        consent(customer.id, { refusedFields: ['idNumber'] }) as never,
        archivist
      )
    ).toEqual({ ruleId: 'S110', message: 'customerPrivacy.rules.refusedNecessary' })
    expect((await app.call('customerPrivacy.consents', { customerId: customer.id }, archivist)).consents).toEqual([])
  })

  it('S112: what the customer refused is not collected', async () => {
    const { app, archivist, customer } = await started()
    await app.call(
      'customerPrivacy.recordConsent',
      consent(customer.id, { refusedFields: ['personalAssets'] }),
      archivist
    )
    const input = { customerId: customer.id, field: 'personalAssets', value: '房产两处' }
    expect(await refusal(app, 'customerPrivacy.saveSensitive', input as never, archivist)).toEqual({
      ruleId: 'S112',
      message: 'customerPrivacy.rules.fieldRefused'
    })
    expect((await app.call('customerPrivacy.sensitive', { customerId: customer.id }, archivist))[1].present).toBe(false)
  })
})

describe('S117–S122 sensitive fields: masked, revealed with a purpose', () => {
  it('masks the ID number for everyone, reveals it to a permitted role with the purpose logged', async () => {
    const { app, archivist, customer } = await started()
    await app.call(
      'customerPrivacy.saveSensitive',
      { customerId: customer.id, field: 'idNumber', value: ID_NUMBER },
      archivist
    )
    const shown = await app.call('customerPrivacy.sensitive', { customerId: customer.id }, archivist)
    expect(shown[0]).toEqual({ field: 'idNumber', sensitivity: 'core', masked: '310101********1234', present: true })
    // R-SEC-1: the log keeps only the masked value.
    expect(JSON.stringify(await auditOf(app, customer.id, 'update'))).not.toContain(ID_NUMBER)

    const revealed = await app.call(
      'customerPrivacy.reveal',
      { customerId: customer.id, field: 'idNumber', purpose: '办理合同公证' },
      archivist
    )
    expect(revealed.value).toBe(ID_NUMBER)
    const [entry] = await auditOf(app, customer.id, 'reveal')
    expect(entry.username).toBe('keeper')
    expect(JSON.parse(entry.after)).toEqual({ field: 'idNumber', purpose: '办理合同公证' })
  })

  it('S121: a role without the right is refused and nothing is revealed; S119: no purpose, no reveal', async () => {
    const { app, archivist, customer } = await started()
    await app.call(
      'customerPrivacy.saveSensitive',
      { customerId: customer.id, field: 'idNumber', value: ID_NUMBER },
      archivist
    )
    const viewer = await app.signInAs('staff_viewer', 'reader')
    const input = { customerId: customer.id, field: 'idNumber', purpose: '核对身份' }
    expect(await refusal(app, 'customerPrivacy.reveal', input as never, viewer)).toEqual({
      ruleId: 'S121',
      message: 'customerPrivacy.rules.revealNotPermitted'
    })
    const noPurpose = await app.dispatch('customerPrivacy.reveal', { ...input, purpose: ' ' } as never, archivist)
    expect(noPurpose.ok).toBe(false)
    expect(await auditOf(app, customer.id, 'reveal')).toEqual([])
  })

  it('S6: an ID number that is not one is refused', async () => {
    const { app, archivist, customer } = await started()
    const result = await app.dispatch(
      'customerPrivacy.saveSensitive',
      { customerId: customer.id, field: 'idNumber', value: '12345' },
      archivist
    )
    expect(result.ok ? null : result.error.details).toEqual([
      { path: 'value', message: 'customerPrivacy.validation.idNumber' }
    ])
  })
})

describe('S124–S125 encrypted at rest, key beside the database', () => {
  it('the raw SQLite file holds no plain ID number nor contact phone; an exact ID number is still found', async () => {
    const { app, archivist, customer } = await started()
    await app.call(
      'customerPrivacy.saveSensitive',
      { customerId: customer.id, field: 'idNumber', value: ID_NUMBER },
      archivist
    )
    expect(await app.call('customerPrivacy.findByIdNumber', { idNumber: ID_NUMBER.toLowerCase() }, archivist)).toEqual([
      { id: customer.id, name: customer.name }
    ])
    expect(await app.call('customerPrivacy.findByIdNumber', { idNumber: '310101198001011235' }, archivist)).toEqual([])
    // The screens still read them as given (R-CUST-5 masks by role, not by storage).
    expect((await app.call('customers.get', { id: customer.id }, archivist)).contacts[0].phone).toBe(PHONE)
    expect((await app.call('customers.list', { page: 1, pageSize: 20 }, archivist)).rows[0].primaryContactPhone).toBe(
      PHONE
    )
    const dataDir = app.dataDir
    await app.close()
    apps.splice(0)
    const bytes = Buffer.concat(
      ['', '-wal']
        .map((suffix) => path.join(dataDir, DATABASE_FILE + suffix))
        .filter((file) => fs.existsSync(file))
        .map((file) => fs.readFileSync(file))
    )
    expect(bytes.includes(Buffer.from(ID_NUMBER))).toBe(false)
    // Contact details are sealed where they are stored (the audit log's snapshots of a saved form still hold them).
    const raw = new Database(path.join(dataDir, DATABASE_FILE), { readonly: true })
    const stored = raw.prepare('SELECT phone, email FROM customer_contacts').all() as { phone: string; email: string }[]
    raw.close()
    expect(stored.every((row) => row.phone.startsWith('enc1:') && row.email.startsWith('enc1:'))).toBe(true)
    expect(fs.existsSync(path.join(dataDir, FIELD_KEY_FILE))).toBe(true)
  })

  it('the migration encrypts contact values stored before it', async () => {
    const { app, customer } = await started()
    const dataDir = app.dataDir
    // As a database of the version before: the value in the clear, the migration not yet run.
    await app.database.query(`UPDATE customer_contacts SET phone = ? WHERE customer_id = ?`, [PHONE, customer.id])
    await app.database.query(`DELETE FROM migrations WHERE name = 'SensitiveFields1765310000000'`)
    await app.database.query(`DROP TABLE customer_sensitive_values`)
    await app.close()
    apps.splice(0)
    const reopened = await makeApp(dataDir)
    apps.push(reopened)
    const stored = reopened.database.connection
      .prepare('SELECT phone FROM customer_contacts WHERE customer_id = ?')
      .get(customer.id) as { phone: string }
    expect(stored.phone.startsWith('enc1:')).toBe(true)
    const keeper = await reopened.signInAs('archivist', 'keeper2')
    expect((await reopened.call('customers.get', { id: customer.id }, keeper)).contacts[0].phone).toBe(PHONE)
  })

  it('a backup carries the key: restored on a new PC, the values decrypt', { timeout: 180_000 }, async () => {
    const { app, archivist, customer } = await started()
    const admin = await app.signInAs('sysadmin')
    await app.call('backup.setPassphrase', { passphrase: PASSPHRASE }, admin)
    await app.call(
      'customerPrivacy.saveSensitive',
      { customerId: customer.id, field: 'idNumber', value: ID_NUMBER },
      archivist
    )
    const { file } = await app.call('backup.create', { folder: tempDir('usb-') }, archivist)
    const oldKey = fs.readFileSync(path.join(app.dataDir, FIELD_KEY_FILE), 'utf8')

    const fresh = await makeApp()
    apps.push(fresh)
    const freshAdmin = await fresh.signInAs('sysadmin')
    await fresh.call('backup.restore', { file, passphrase: PASSPHRASE }, freshAdmin)
    expect(fs.readFileSync(path.join(fresh.dataDir, FIELD_KEY_FILE), 'utf8')).toBe(oldKey)
    const keeper = await fresh.signInAs('archivist', 'keeper2')
    const revealed = await fresh.call(
      'customerPrivacy.reveal',
      { customerId: customer.id, field: 'idNumber', purpose: '恢复后核对' },
      keeper
    )
    expect(revealed.value).toBe(ID_NUMBER)
    expect((await fresh.call('customers.get', { id: customer.id }, keeper)).contacts[0].phone).toBe(PHONE)
  })
})

describe('S131–S135 disclosure and sharing', () => {
  const request = (customerId: number, recipientKind: 'internal' | 'third_party' = 'third_party') => ({
    customerId,
    recipient: '上海公证处',
    recipientKind,
    scope: '基本信息、合同',
    purpose: '合同公证',
    method: 'paper' as const
  })

  it('a third party needs the customer consent; approved by the set approver, then recorded, each step audited', async () => {
    const { app, archivist, customer } = await started()
    expect(await refusal(app, 'customerPrivacy.requestDisclosure', request(customer.id) as never, archivist)).toEqual({
      ruleId: 'S133',
      message: 'customerPrivacy.rules.noSharingConsent'
    })
    const consented = await app.call(
      'customerPrivacy.recordConsent',
      consent(customer.id, { sharingConsent: true }),
      archivist
    )
    const asked = await app.call('customerPrivacy.requestDisclosure', request(customer.id), archivist)
    expect(asked).toMatchObject({ status: 'requested', consentId: consented.id, requestedBy: 'keeper' })
    // S131: not disclosed before it is approved, and not approved by whoever the settings do not name.
    const early = { id: asked.id, version: asked.version }
    expect(await refusal(app, 'customerPrivacy.recordDisclosure', early as never, archivist)).toMatchObject({
      ruleId: 'S131'
    })
    const gm = await app.signInAs('gm', 'zongjingli')
    const decision = { id: asked.id, version: asked.version, decision: 'approved' }
    expect(await refusal(app, 'customerPrivacy.decideDisclosure', decision as never, gm)).toMatchObject({
      ruleId: 'S131'
    })
    const manager = await app.signInAs('archive_manager', 'boss')
    expect(await app.call('customerPrivacy.disclosures', {}, manager)).toHaveLength(1)
    const approved = await app.call('customerPrivacy.decideDisclosure', { ...decision, decision: 'approved' }, manager)
    expect(approved).toMatchObject({ status: 'approved', decidedBy: 'boss' })
    const done = await app.call(
      'customerPrivacy.recordDisclosure',
      { id: asked.id, version: approved.version },
      archivist
    )
    expect(done).toMatchObject({ status: 'disclosed', disclosedBy: 'keeper' })
    const trail = await app.database.query<{ action: string }>(
      `SELECT action FROM audit_log WHERE entity = 'disclosure' AND entity_id = ? ORDER BY id`,
      [String(asked.id)]
    )
    expect(trail.map((entry) => entry.action)).toEqual(['create', 'decide', 'disclose'])
  })

  it('S131 variant: under "approval only" a third party needs no consent; an internal recipient never does', async () => {
    const { app, archivist, customer } = await started()
    expect(
      await app.call('customerPrivacy.requestDisclosure', request(customer.id, 'internal'), archivist)
    ).toMatchObject({ status: 'requested', consentId: null })
    const manager = await app.signInAs('archive_manager', 'boss')
    const current = await app.call('customerPrivacy.settings', {}, manager)
    await app.call('customerPrivacy.saveSettings', { ...current.data, sharingRule: 'approvalOnly' }, manager)
    expect(await app.call('customerPrivacy.requestDisclosure', request(customer.id), archivist)).toMatchObject({
      status: 'requested'
    })
  })

  it('S134: an export outside the workflow shows only what the role may see, and is logged', async () => {
    const { app, customer } = await started()
    const viewer = await app.signInAs('staff_viewer', 'reader')
    const exported = await app.call(
      'export.list',
      { view: 'customers', query: {}, columns: [{ key: 'primaryContactPhone', title: '电话' }] },
      viewer
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer)
    expect(workbook.worksheets[0].getRow(2).getCell(1).value).toBe('138******78')
    const [entry] = await app.database.query<{ username: string }>(
      `SELECT username FROM audit_log WHERE entity = 'customer' AND action = 'export'`
    )
    expect(entry.username).toBe('reader')
    expect(customer.contacts[0].phone).toBe(PHONE)
  })
})

describe('S103, S139–S148 personal-information rights, inactivity and anonymisation', () => {
  const rightsRequest = (customerId: number, kind: 'access' | 'correct' | 'delete') => ({
    customerId,
    kind,
    requester: '李娜',
    identityChecked: true as const,
    details: '请删除本人的联系方式',
    receivedOn: '2026-03-02'
  })

  it('a deletion request is registered with its answer day, overdue on the workbench, answered by anonymising; records stay', async () => {
    const { app, customer, archivist: first } = await started()
    let archivist = first
    await app.call(
      'customerPrivacy.saveSensitive',
      { customerId: customer.id, field: 'idNumber', value: ID_NUMBER },
      archivist
    )
    const item = await app.call('items.create', itemInput({ customerId: customer.id }), archivist)
    const asked = await app.call(
      'customerPrivacy.registerRightsRequest',
      rightsRequest(customer.id, 'delete'),
      archivist
    )
    expect(asked).toMatchObject({ status: 'open', dueOn: '2026-03-17' })
    const todo = async (key: string) => (await app.call('dashboard.todo', {}, key)).map((entry) => entry.key)
    expect(await todo(archivist)).not.toContain('rightsOverdue')
    app.clock.advanceMinutes(16 * 24 * 60)
    // The session has locked itself meanwhile; someone signs in on the day after the answer was due.
    archivist = await app.signInAs('archivist', 'keeper2')
    expect(await todo(archivist)).toContain('rightsOverdue')

    // S140: the whole file cannot go while a retention period protects its records.
    const purge = { id: asked.id, version: asked.version, outcome: 'purged', answer: '整体清除' }
    expect(await refusal(app, 'customerPrivacy.answerRightsRequest', purge as never, archivist)).toEqual({
      ruleId: 'S140',
      message: 'customerPrivacy.rules.recordsProtected'
    })
    const answered = await app.call(
      'customerPrivacy.answerRightsRequest',
      { id: asked.id, version: asked.version, outcome: 'anonymised', answer: '已删除您的个人信息，合同档案依法保存。' },
      archivist
    )
    expect(answered).toMatchObject({ status: 'answered', outcome: 'anonymised', answeredBy: 'keeper2' })
    expect(await todo(archivist)).not.toContain('rightsOverdue')

    const after = await app.call('customers.get', { id: customer.id }, archivist)
    expect(after.contacts).toEqual([{ name: '（已匿名）', title: '', phone: '', email: '' }])
    expect(after.legalRepresentative).toBe('（已匿名）')
    expect((await app.call('customerPrivacy.sensitive', { customerId: customer.id }, archivist))[0].present).toBe(false)
    expect(await app.call('customerPrivacy.state', { customerId: customer.id }, archivist)).toMatchObject({
      anonymisedAt: expect.any(String),
      protectedRecords: 1
    })
    // The archival record is untouched (R-DISP-1); S148: the anonymisation is on record.
    expect((await app.call('items.get', { id: item.id }, archivist)).customerId).toBe(customer.id)
    const [entry] = await auditOf(app, customer.id, 'anonymise')
    expect(JSON.parse(entry.after)).toMatchObject({ request: asked.id, contacts: 1, keptRecords: 1 })
    // S120: answered once only.
    const again = { id: asked.id, version: answered.version, outcome: 'anonymised', answer: '再次' }
    expect(await refusal(app, 'customerPrivacy.answerRightsRequest', again as never, archivist)).toMatchObject({
      ruleId: 'S120'
    })
  })

  it('S140: with no protected record the whole file may be purged; the outcome must fit the request', async () => {
    const { app, archivist, customer } = await started()
    const access = await app.call(
      'customerPrivacy.registerRightsRequest',
      rightsRequest(customer.id, 'access'),
      archivist
    )
    const wrong = { id: access.id, version: access.version, outcome: 'purged', answer: '清除' }
    expect(await refusal(app, 'customerPrivacy.answerRightsRequest', wrong as never, archivist)).toMatchObject({
      ruleId: 'S120'
    })
    const erase = await app.call(
      'customerPrivacy.registerRightsRequest',
      rightsRequest(customer.id, 'delete'),
      archivist
    )
    await app.call(
      'customerPrivacy.answerRightsRequest',
      { id: erase.id, version: erase.version, outcome: 'purged', answer: '已整体清除' },
      archivist
    )
    const after = await app.call('customers.get', { id: customer.id }, archivist)
    expect(after).toMatchObject({ name: `（已清除）#${customer.id}`, address: '', phone: '' })
    const found = await app.call('customers.list', { page: 1, pageSize: 20, search: '顺达物流' }, archivist)
    expect(found.rows).toEqual([])
  })

  it('S143: customers without contact for the set months move to the inactive archive, audited', async () => {
    const { app, customer } = await started()
    const manager = await app.signInAs('archive_manager', 'boss')
    expect(await app.call('customerPrivacy.archiveInactive', {}, manager)).toEqual({ archived: 0 })
    app.clock.advanceMinutes(25 * 30 * 24 * 60)
    const later = await app.signInAs('archive_manager', 'boss2')
    // The dry run counts first and moves nothing, nor writes to the log.
    expect(await app.call('customerPrivacy.archiveInactive', { dryRun: true }, later)).toEqual({ archived: 1 })
    expect((await app.call('customerPrivacy.state', { customerId: customer.id }, later)).archivedAt).toBeNull()
    expect(await auditOf(app, customer.id, 'archive')).toHaveLength(0)
    expect(await app.call('customerPrivacy.archiveInactive', {}, later)).toEqual({ archived: 1 })
    expect((await app.call('customerPrivacy.state', { customerId: customer.id }, later)).archivedAt).not.toBeNull()
    expect(await auditOf(app, customer.id, 'archive')).toHaveLength(1)
    expect(await app.call('customerPrivacy.archiveInactive', {}, later)).toEqual({ archived: 0 })
  })
})

describe('S136–S137 alarms and leak reports on the security officer workbench', () => {
  it('repeated refusals, a bulk export and a reported leak show as alarms', async () => {
    const { app, archivist, customer } = await started()
    const viewer = await app.signInAs('staff_viewer', 'reader')
    const reveal = { customerId: customer.id, field: 'idNumber', purpose: '看看' }
    for (let n = 0; n < 3; n += 1) await refusal(app, 'customerPrivacy.reveal', reveal as never, viewer)
    const manager = await app.signInAs('archive_manager', 'boss')
    const current = await app.call('customerPrivacy.settings', {}, manager)
    await app.call('customerPrivacy.saveSettings', { ...current.data, bulkReadThreshold: 5 }, manager)
    await app.call(
      'export.list',
      { view: 'customers', query: {}, columns: [{ key: 'name', title: '名称' }] },
      archivist
    )
    for (let n = 0; n < 4; n += 1) await app.call('customers.get', { id: customer.id }, archivist)
    await app.call(
      'customerPrivacy.reportLeak',
      { description: '客户名单疑被拍照外传', customerId: customer.id },
      viewer
    )
    const officer = await app.signInAs('security_officer', 'anquan')
    const alarms = await app.call('customerPrivacy.alarms', {}, officer)
    expect(alarms.map((alarm) => [alarm.kind, alarm.username]).sort()).toEqual(
      [
        ['bulkRead', 'keeper'],
        ['leakReported', 'reader'],
        ['repeatedRefusals', 'reader']
      ].sort()
    )
    // Only the security officer reads them.
    expect((await app.dispatch('customerPrivacy.alarms', {}, archivist)).ok).toBe(false)
  })
})

describe('S139, S141, S147: retention per information class', () => {
  const DAY = 24 * 60

  it('bounds are checked in words; each class is erased once its own period after the last contact is over, never an archival record nor a credit entry its protected report explains', async () => {
    const { app, archivist, customer } = await started()
    const manager = await app.signInAs('archive_manager', 'boss')
    const current = await app.call('customerPrivacy.settings', {}, manager)
    for (const period of [
      { amount: 0, unit: 'days' },
      { amount: 101, unit: 'years' }
    ] as const) {
      const refused = await app.dispatch(
        'customerPrivacy.saveSettings',
        { ...current.data, retention: { ...current.data.retention, contact: period } },
        manager
      )
      expect(refused.ok ? 'saved' : refused.error.details).toEqual([
        { path: 'retention.contact.amount', message: 'validation.retention' }
      ])
    }
    const longer = { amount: 10, unit: 'years' } as const
    const saved = await app.call(
      'customerPrivacy.saveSettings',
      {
        ...current.data,
        retention: {
          contact: { amount: 2, unit: 'years' },
          idNumber: { amount: 100, unit: 'days' },
          assets: longer,
          credit: { amount: 3, unit: 'years' },
          visitLog: longer
        }
      },
      manager
    )
    await app.call(
      'customerPrivacy.saveSensitive',
      { customerId: customer.id, field: 'idNumber', value: ID_NUMBER },
      archivist
    )
    const report = await app.call(
      'items.create',
      itemInput({ title: '客户资信调查报告', customerId: customer.id }),
      archivist
    )
    const rating = {
      customerId: customer.id,
      grade: 'good' as const,
      limitAmount: 500000,
      limitYear: 2026,
      riskEvaluation: '经营稳定',
      decidedOn: '2026-03-02'
    }
    await app.call('customerUpkeep.credit', { ...rating, reportItemId: report.id }, archivist)
    await app.call('customerUpkeep.credit', { ...rating, reportItemId: null, limitAmount: 300000 }, archivist)
    await app.call(
      'customerUpkeep.log',
      { customerId: customer.id, kind: 'contact', channel: 'call', happenedOn: '2026-03-02', staffName: '李文' },
      archivist
    )
    const purge = (key: string, dryRun: boolean) => app.call('customerPrivacy.purgeExpired', { dryRun }, key)
    expect(await purge(manager, false)).toMatchObject({ customers: 0 })

    app.clock.advanceMinutes(120 * DAY)
    const later = await app.signInAs('archive_manager', 'boss2')
    const keeper = await app.signInAs('archivist', 'keeper2')
    expect(await purge(later, true)).toEqual({
      dryRun: true,
      customers: 1,
      classes: { contact: 0, idNumber: 1, assets: 0, credit: 0, visitLog: 0 }
    })
    expect(await app.call('customerPrivacy.findByIdNumber', { idNumber: ID_NUMBER }, keeper)).toHaveLength(1)
    expect((await purge(later, false)).classes.idNumber).toBe(1)
    expect(await app.call('customerPrivacy.findByIdNumber', { idNumber: ID_NUMBER }, keeper)).toEqual([])
    expect((await app.call('customers.get', { id: customer.id }, keeper)).contacts[0].phone).toBe(PHONE)

    app.clock.advanceMinutes(3 * 366 * DAY)
    const after = await app.signInAs('archive_manager', 'boss3')
    const archivistNow = await app.signInAs('archivist', 'keeper3')
    expect((await purge(after, false)).classes).toEqual({ contact: 1, idNumber: 0, assets: 0, credit: 1, visitLog: 0 })
    const now = await app.call('customers.get', { id: customer.id }, archivistNow)
    expect(now.contacts[0]).toEqual({ name: '（已匿名）', title: '', phone: '', email: '' })
    const upkeep = await app.call('customerUpkeep.get', { customerId: customer.id }, archivistNow)
    expect(upkeep.credit.map((entry) => entry.limitAmount)).toEqual([500000])
    expect(upkeep.log).toHaveLength(1)
    expect((await app.call('items.get', { id: report.id }, archivistNow)).title).toBe('客户资信调查报告')
    const [entry] = await auditOf(app, customer.id, 'anonymise')
    expect(JSON.parse(entry.after!)).toMatchObject({ retention: ['idNumber'], settings: saved.version })
  })
})
