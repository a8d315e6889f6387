import { afterEach, describe, expect, it } from 'vitest'
import ExcelJS from 'exceljs'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'
import { moveClockTo } from '../support/disposal'
import { itemInput } from '../support/records'

let app: TestApp
afterEach(async () => app?.close())

async function setUp() {
  app = await makeApp()
  const archivist = await app.signInAs('archivist', 'liwen')
  const manager = await app.signInAs('archive_manager', 'zhaozr')
  const viewer = await app.signInAs('staff_viewer', 'zhangsan')
  const users = await app.database.query<{ id: number; username: string }>('SELECT id, username FROM users')
  const userId = (name: string) => users.find((user) => user.username === name)!.id
  const customer = await app.call('customers.create', sampleCustomer(), archivist)
  reader = archivist
  return { archivist, manager, viewer, customer, userId }
}

const failure = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (thrown: Error) => JSON.parse(thrown.message.replace(/^[^{]*/, '')) as { message: string; ruleId?: string }
  )
  expect(error).not.toBeNull()
  return error!
}

let reader = ''
const todoOf = async (key: string) => (await app.call('dashboard.todo', {}, reader)).find((e) => e.key === key)

describe('S29, S37–S40 a new customer file is temporary until a second person verifies it', () => {
  it('opens temporary with its creator, is late on the workbench past the set days, and becomes formal when verified', async () => {
    const { archivist, manager, customer } = await setUp()
    const fresh = await app.call('customerUpkeep.get', { customerId: customer.id }, archivist)
    expect(fresh.registration).toMatchObject({ status: 'temporary', createdBy: 'liwen', formalDueOn: null })
    expect(fresh.mayVerify).toBe(false)

    await app.call(
      'customerUpkeep.register',
      { customerId: customer.id, contractSignedOn: '2026-02-20', completionOn: '2026-02-24' },
      archivist
    )
    const dated = await app.call('customerUpkeep.get', { customerId: customer.id }, manager)
    expect(dated.registration.formalDueOn).toBe('2026-03-01')
    expect(dated.mayVerify).toBe(true)
    // 2026-03-02: a day past the five days of S29.
    expect(await todoOf('customerFormalLate')).toMatchObject({ count: 1, ruleId: 'S29' })

    expect(
      await failure(app.call('customerUpkeep.verify', { customerId: customer.id, note: '' }, archivist))
    ).toMatchObject({ ruleId: 'S37', message: 'customerUpkeep.policy.notVerifier' })
    const verified = await app.call(
      'customerUpkeep.verify',
      { customerId: customer.id, note: '与营业执照核对无误' },
      manager
    )
    expect(verified).toMatchObject({ status: 'formal', verifiedBy: 'zhaozr', verificationNote: '与营业执照核对无误' })
    expect(await todoOf('customerFormalLate')).toBeUndefined()
    const [entry] = await app.database.query<{ action: string; username: string }>(
      "SELECT action, username FROM audit_log WHERE entity = 'customer' AND action = 'verify'"
    )
    expect(entry).toEqual({ action: 'verify', username: 'zhaozr' })
  })

  it('S39 who verifies is the manager’s versioned choice (S37: the custodian)', async () => {
    const { archivist, manager, customer } = await setUp()
    const other = await app.call('customers.create', sampleCustomer({ name: '杭州临江贸易公司' }), manager)
    const saved = await app.call(
      'customerUpkeep.saveSettings',
      {
        formalWithinDays: 5,
        verifierRoles: ['archivist'],
        visitDays: [3, 15, 30, 60],
        reviewMonths: { important: 1, special: 3, general: 12 }
      },
      manager
    )
    expect(saved.version).toBe(2)
    expect((await app.call('customerUpkeep.verify', { customerId: other.id, note: '' }, archivist)).status).toBe(
      'formal'
    )
    // S40: the creator does not confirm their own file.
    expect(
      (await failure(app.call('customerUpkeep.verify', { customerId: customer.id, note: '' }, archivist))).ruleId
    ).toBe('S40')
  })

  it('customers on file before the upgrade read as formal', async () => {
    const { archivist, customer } = await setUp()
    await app.database.query('DELETE FROM customer_registrations WHERE customer_id = ?', [customer.id])
    expect((await app.call('customerUpkeep.get', { customerId: customer.id }, archivist)).registration.status).toBe(
      'formal'
    )
  })
})

describe('S35, S44, S52, S59–S63 the contact log, return visits and reviews', () => {
  it('logs contacts into the file, and the workbench counts the visits and reviews due until they are logged', async () => {
    const { archivist, customer } = await setUp()
    await app.call(
      'customerUpkeep.register',
      { customerId: customer.id, contractSignedOn: '2026-02-01', completionOn: null },
      archivist
    )
    // 2026-03-02: days 3 and 15 are due (S59–S60); the important customer opened 2026-03-01 is not yet due (S46).
    expect(await todoOf('customerVisitsDue')).toMatchObject({ count: 2, ruleId: 'S59' })
    expect(await todoOf('customerReviewsDue')).toBeUndefined()
    for (const [planDay, happenedOn] of [
      [3, '2026-02-04'],
      [15, '2026-02-16']
    ] as const)
      await app.call(
        'customerUpkeep.log',
        {
          customerId: customer.id,
          kind: 'visit',
          channel: 'call',
          happenedOn,
          staffName: '李文',
          outcome: '使用正常',
          planDay
        },
        archivist
      )
    await app.call(
      'customerUpkeep.log',
      {
        customerId: customer.id,
        kind: 'contact',
        channel: 'fax',
        happenedOn: '2026-02-20',
        staffName: '李文',
        summary: '报价单'
      },
      archivist
    )
    expect(await todoOf('customerVisitsDue')).toBeUndefined()
    const upkeep = await app.call('customerUpkeep.get', { customerId: customer.id }, archivist)
    expect(upkeep.log.map((entry) => [entry.kind, entry.channel, entry.happenedOn])).toEqual([
      ['contact', 'fax', '2026-02-20'],
      ['visit', 'call', '2026-02-16'],
      ['visit', 'call', '2026-02-04']
    ])
    expect(upkeep.visits.filter((visit) => visit.doneOn !== null).map((visit) => visit.day)).toEqual([3, 15])

    // S46: an important customer is reviewed at least monthly; a review with its result (S52) resets the cycle.
    await moveClockTo(app, '2026-04-02T09:00:00.000Z', archivist)
    expect(await todoOf('customerReviewsDue')).toMatchObject({ count: 1, ruleId: 'S46' })
    await app.call(
      'customerUpkeep.log',
      {
        customerId: customer.id,
        kind: 'review',
        channel: 'meeting',
        happenedOn: '2026-04-02',
        staffName: '李文',
        outcome: '资料齐全'
      },
      archivist
    )
    expect(await todoOf('customerReviewsDue')).toBeUndefined()
    expect((await app.call('customerUpkeep.get', { customerId: customer.id }, archivist)).review.dueOn).toBe(
      '2026-05-02'
    )
  })
})

describe('S154, S151–S152 responsible staff and their handover when someone leaves', () => {
  it('needs two staff for an important customer, refuses closing a leaver’s account, and hands over with a notice', async () => {
    const { archivist, customer, userId } = await setUp()
    const admin = await app.signInAs('sysadmin')
    expect(await todoOf('customerStaffShort')).toMatchObject({ count: 1, ruleId: 'S154' })
    expect(
      (
        await failure(
          app.call('customerUpkeep.assignStaff', { customerId: customer.id, userIds: [userId('zhangsan')] }, archivist)
        )
      ).ruleId
    ).toBe('S154')
    await app.call(
      'customerUpkeep.assignStaff',
      { customerId: customer.id, userIds: [userId('zhangsan'), userId('liwen')] },
      archivist
    )
    expect(await todoOf('customerStaffShort')).toBeUndefined()

    const leaver = (await app.call('users.list', {}, admin)).find((user) => user.username === 'zhangsan')!
    const closing = { id: leaver.id, role: leaver.role!, active: false }
    const refusal = await failure(app.call('users.assignRole', closing, await app.signInAs('security_officer')))
    expect(refusal).toMatchObject({ ruleId: 'S151', message: 'customerUpkeep.policy.holdsCustomers' })

    const moved = await app.call(
      'customerUpkeep.reassign',
      { fromUserId: leaver.id, toUserId: userId('zhaozr'), note: '张三调离，联系人改为赵主任' },
      archivist
    )
    expect(moved).toEqual({ customers: 1 })
    const upkeep = await app.call('customerUpkeep.get', { customerId: customer.id }, archivist)
    expect(upkeep.staff.map((member) => member.name).sort()).toEqual(['liwen', 'zhaozr'])
    expect(upkeep.log[0]).toMatchObject({ kind: 'notice', channel: 'notice', summary: '张三调离，联系人改为赵主任' })
    await app.call('users.assignRole', closing, await app.signInAs('security_officer'))
  })
})

describe('S19–S21 the credit file', () => {
  it('keeps every rating, links the investigation report of the file, and asks for a review when the customer changes', async () => {
    const { archivist, customer } = await setUp()
    expect(await todoOf('customerCreditReviews')).toMatchObject({ count: 1, ruleId: 'S21' })
    const report = await app.call(
      'items.create',
      itemInput({ title: '客户资信调查报告', customerId: customer.id }),
      archivist
    )
    const stranger = await app.call(
      'customers.create',
      sampleCustomer({ name: '北京华信贸易公司', grade: 'general' }),
      archivist
    )
    const foreign = await app.call('items.create', itemInput({ title: '他人报告', customerId: stranger.id }), archivist)
    const rating = {
      customerId: customer.id,
      grade: 'good' as const,
      limitAmount: 500000,
      limitYear: 2026,
      reportItemId: report.id,
      riskEvaluation: '经营稳定，回款及时',
      decidedOn: '2026-03-02'
    }
    expect(
      (await failure(app.call('customerUpkeep.credit', { ...rating, riskEvaluation: '' }, archivist))).ruleId
    ).toBe('S21')
    expect(
      (await failure(app.call('customerUpkeep.credit', { ...rating, reportItemId: foreign.id }, archivist))).ruleId
    ).toBe('S21')
    await app.call('customerUpkeep.credit', rating, archivist)
    expect(await todoOf('customerCreditReviews')).toBeUndefined()

    app.clock.advanceMinutes(1)
    await app.call(
      'customers.update',
      { ...sampleCustomer({ registeredCapital: 50 }), id: customer.id, version: 1 },
      archivist
    )
    expect((await app.call('customerUpkeep.get', { customerId: customer.id }, archivist)).creditReview).toBe(
      'situationChanged'
    )
    expect(await todoOf('customerCreditReviews')).toMatchObject({ count: 1 })

    await app.call(
      'customerUpkeep.credit',
      { ...rating, grade: 'fair', limitAmount: 200000, reason: '注册资本减少' },
      archivist
    )
    const upkeep = await app.call('customerUpkeep.get', { customerId: customer.id }, archivist)
    expect(upkeep.credit.map((entry) => [entry.grade, entry.limitAmount, entry.reportTitle])).toEqual([
      ['fair', 200000, '客户资信调查报告'],
      ['good', 500000, '客户资信调查报告']
    ])
    expect(upkeep.creditReview).toBeNull()
  })
})

describe('S165, S167–S168, S170 the customer-archive reports', () => {
  it('counts originals and copies and what is out, is due by the 5th, and is handed out only once approved', async () => {
    const { archivist, manager, customer } = await setUp()
    const sealed = await app.call(
      'items.create',
      itemInput({ title: '仓储合同', customerId: customer.id, receivedOn: '2026-02-10', sealedOriginal: true }),
      archivist
    )
    await app.call(
      'items.create',
      itemInput({ title: '合同复印件', customerId: customer.id, receivedOn: '2026-02-11' }),
      archivist
    )
    await app.call(
      'items.create',
      itemInput({ title: '三月来函', customerId: customer.id, receivedOn: '2026-03-01' }),
      archivist
    )
    expect(sealed.sealedOriginal).toBe(true)
    expect(await todoOf('customerReportDue')).toMatchObject({
      ruleId: 'S165',
      severity: 'warning',
      params: { month: '2026-02', dueOn: '2026-03-05' }
    })

    const monthly = await app.call('customerReports.monthly', { month: '2026-02' }, archivist)
    expect([monthly.customers, monthly.originals, monthly.copies, monthly.out]).toEqual([1, 1, 1, []])
    const analysis = await app.call('customerReports.analysis', {}, archivist)
    expect(analysis.byGrade).toEqual([{ key: 'important', customers: 1, creditLimit: 0 }])
    expect(analysis.byRegion).toEqual([{ key: '上海', customers: 1, creditLimit: 0 }])

    const report = await app.call('customerReports.prepare', { month: '2026-02' }, archivist)
    expect(await todoOf('customerReportDue')).toBeUndefined()
    const handOut = { id: report.id, recipient: '总经理', department: '总经理办公室', distributedOn: '2026-03-02' }
    expect((await failure(app.call('customerReports.distribute', handOut, archivist))).ruleId).toBe('S167')
    await app.call('customerReports.approve', { id: report.id }, manager)
    const released = await app.call('customerReports.distribute', handOut, archivist)
    expect(released).toMatchObject({
      approvedBy: 'zhaozr',
      distribution: [{ recipient: '总经理', recordedBy: 'liwen' }]
    })
    expect(released.figures.monthly.originals).toBe(1)
  })
})

describe('S170 the composition and credit analysis goes out with the customer export', () => {
  it('a sheet of its own: grade, credit grade, industry and region, each with its customers and credit limits in force', async () => {
    const { archivist, customer } = await setUp()
    await app.call(
      'customers.create',
      sampleCustomer({ name: '北京华信贸易公司', grade: 'general', industry: '', region: '北京' }),
      archivist
    )
    await app.call(
      'customerUpkeep.credit',
      {
        customerId: customer.id,
        grade: 'good',
        limitAmount: 500000,
        limitYear: 2026,
        reportItemId: null,
        riskEvaluation: '经营稳定',
        decidedOn: '2026-03-02'
      },
      archivist
    )
    const exported = await app.call(
      'export.list',
      { view: 'customers', query: { grade: ['important'] }, columns: [{ key: 'name', title: '名称' }] },
      archivist
    )
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(exported.base64, 'base64') as unknown as ArrayBuffer)
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(['客户', '构成与资信分析'])
    const rows = (workbook.getWorksheet('构成与资信分析')!.getSheetValues() as unknown[][])
      .slice(1)
      .map((row) => row.slice(1))
    expect(rows[0]).toEqual(['分析维度', '类别', '客户数', '信用额度合计（元）'])
    expect(rows).toContainEqual(['按客户等级', '重要', 1, 500000])
    expect(rows).toContainEqual(['按客户等级', '一般', 1, 0])
    expect(rows).toContainEqual(['按信用等级', '良', 1, 500000])
    expect(rows).toContainEqual(['按信用等级', '（未评定）', 1, 0])
    expect(rows).toContainEqual(['按行业', '（未填写）', 1, 0])
    expect(rows).toContainEqual(['按地区', '北京', 1, 0])
  })
})
