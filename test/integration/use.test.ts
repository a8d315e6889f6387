import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput, Envelope, UseRequest } from '@preload/contract'
import { makeApp, seedInTransaction, USER_PASSWORD, type TestApp } from '../support/app'
import { itemInput } from '../support/records'

let app: TestApp
afterEach(async () => app?.close())

interface World {
  archivist: string
  applicantId: number
  /** The accounts that sign, by display name: 王部长 heads 招商运营部 (ZS). */
  signers: Record<string, number>
  item(overrides?: Partial<ChannelInput<'items.create'>>): Promise<{ id: number; archivalCode: string }>
}

/** R-ROLE-3..5: one account for each step; the department head heads 招商运营部 (ZS), chosen from the list. */
const SIGNERS = [
  ['wangbz', '王部长', 'department_head', 'ZS'],
  ['zhaozr', '赵主任', 'archive_manager', ''],
  ['qianfz', '钱副总', 'deputy_gm', ''],
  ['sunz', '孙总', 'gm', '']
] as const
let signerIds: Record<string, number> = {}

async function world(): Promise<World> {
  app = await makeApp()
  const archivist = await app.signInAs('archivist', 'liwen')
  const applicant = await app.createAccount({
    username: 'zhangsan',
    displayName: '张三',
    role: 'staff_viewer',
    department: 'ZS'
  })
  const signers: Record<string, number> = { 张三: applicant.id }
  for (const [username, displayName, role, department] of SIGNERS) {
    const account = await app.createAccount({ username, displayName, role, department })
    signers[displayName] = account.id
  }
  signerIds = signers
  const item: World['item'] = async (overrides = {}) => {
    const created = await app.call('items.create', itemInput(overrides), archivist)
    const coded = await app.call('items.catalogue', { id: created.id }, archivist)
    return { id: coded.id, archivalCode: coded.archivalCode! }
  }
  return { archivist, applicantId: applicant.id, signers, item }
}

const loan = (
  records: { id: number }[],
  overrides: Partial<ChannelInput<'use.create'>> = {}
): ChannelInput<'use.create'> => ({
  kind: 'loan',
  applicantKind: 'internal',
  applicantName: '张三',
  departmentCode: 'ZS',
  purpose: '核对合同条款',
  reason: '续签前核对原合同',
  records: records.map((r) => ({ subject: 'item' as const, id: r.id })),
  copies: 1,
  startOn: '2026-03-02',
  dueOn: '2026-03-05',
  excerptAnswer: 'original_needed',
  ...overrides
})

const sign = (
  request: UseRequest,
  step: UseRequest['chain'][number]['step'],
  signerName: string,
  extra: Partial<ChannelInput<'use.approve'>> = {}
) =>
  app.dispatch(
    'use.approve',
    {
      id: request.id,
      version: request.version,
      step,
      signerUserId: signerIds[signerName],
      signedOn: '2026-03-02',
      decision: 'approved',
      ...extra
    },
    'session-liwen'
  )

async function approveAll(request: UseRequest): Promise<UseRequest> {
  const signers = { department_head: '王部长', archive_manager: '赵主任', deputy_gm: '钱副总', gm: '孙总' }
  let current = request
  for (const { step } of request.chain) {
    const result = await sign(current, step, signers[step])
    if (!result.ok) throw new Error(JSON.stringify(result.error))
    current = result.data as UseRequest
  }
  return current
}

async function tableCounts(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {}
  for (const table of [
    'use_requests',
    'use_request_records',
    'use_approvals',
    'use_renewals',
    'incidents',
    'audit_log'
  ]) {
    const [{ n }] = await app.database.query(`SELECT COUNT(*) AS n FROM ${table}`)
    counts[table] = n
  }
  const custody = await app.database.query(`SELECT id, custody FROM items ORDER BY id`)
  counts.custody = JSON.stringify(custody).length
  return counts
}

/** Moves the injected clock to a local time; the idle lock that follows is lifted as the archivist would. */
async function moveClock(local: string, sessionKey: string) {
  app.clock.now = new Date(local)
  await app.call('auth.unlock', { password: USER_PASSWORD }, sessionKey)
}

function expectRefused(result: Envelope<unknown>, ruleId: string, message: string) {
  expect(result).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', ruleId, message } })
}

describe('R-USE-1/2 a loan from request to return', () => {
  it('signs in chain order, goes out with an out date and due date, shows overdue, comes back cancelled, all audited', async () => {
    const { archivist, item } = await world()
    const contract = await item({ title: '仓储合同', pageCount: 6 })
    const preview = await app.call(
      'use.preview',
      {
        kind: 'loan',
        applicantKind: 'internal',
        departmentCode: 'ZS',
        records: [{ subject: 'item', id: contract.id }],
        startOn: '2026-03-02',
        dueOn: '2026-03-05',
        excerptAnswer: 'original_needed'
      },
      archivist
    )
    expect(preview).toMatchObject({ refusal: null, loanDays: 3, policyVersion: 1 })
    expect(preview.steps.map((s) => s.step)).toEqual(['department_head', 'archive_manager'])

    const request = await app.call('use.create', loan([contract]), archivist)
    expect(request).toMatchObject({
      status: 'pending',
      nextStep: 'department_head',
      recordsText: contract.archivalCode,
      policyVersion: 1,
      number: 'JY-2026-0001'
    })
    expect(request.chain).toEqual(preview.steps)

    expectRefused(await sign(request, 'archive_manager', '赵主任'), 'R-USE-1', 'policy.use.stepOutOfOrder')
    expectRefused(await sign(request, 'gm', '孙总'), 'R-USE-1', 'policy.use.stepNotInChain')
    const future = await sign(request, 'department_head', '王部长', { signedOn: '2026-03-09' })
    expect(future).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'signedOn', message: 'validation.notInFuture' }] }
    })
    const approved = await approveAll(request)
    expect(approved.status).toBe('approved')
    expect(approved.approvals.map((a) => [a.step, a.signerName, a.enteredBy, a.onBehalf])).toEqual([
      ['department_head', '王部长', 'liwen', true],
      ['archive_manager', '赵主任', 'liwen', true]
    ])

    await moveClock('2026-03-03T09:00:00', archivist)
    const out = await app.call('use.checkout', { id: approved.id, version: approved.version }, archivist)
    expect(out).toMatchObject({ status: 'out', outOn: '2026-03-03', dueOn: '2026-03-06' })
    const [summary] = await app.call(
      'records.summaries',
      { records: [{ subject: 'item', id: contract.id }] },
      archivist
    )
    expect(summary.custody).toBe('on_loan')
    const stale = await app.dispatch('use.checkout', { id: approved.id, version: approved.version }, archivist)
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors.staleVersion' } })

    expect(await app.call('use.overdue', {}, archivist)).toEqual({ rows: [], total: 0, page: 1, pageSize: 20 })
    await moveClock('2026-03-09T09:00:00', archivist)
    const overdue = await app.call('use.overdue', { page: 1, pageSize: 10 }, archivist)
    expect(overdue).toEqual({
      rows: [
        expect.objectContaining({ id: out.id, dueOn: '2026-03-06', daysLate: 3, recordsText: contract.archivalCode })
      ],
      total: 1,
      page: 1,
      pageSize: 10
    })
    expect((await app.call('use.list', { overdue: true }, archivist)).rows.map((r) => r.id)).toEqual([out.id])
    const reminder = await app.call('print.use', { document: 'reminder', id: out.id }, archivist)
    expect(reminder.html).toContain('已逾期 3 天')

    const returned = await app.call(
      'use.return',
      {
        id: out.id,
        version: out.version,
        records: [{ subject: 'item', id: contract.id, condition: 'complete', pagesChecked: 6 }]
      },
      archivist
    )
    expect(returned).toMatchObject({ status: 'returned', returnedOn: '2026-03-09', overdue: false })
    expect(returned.records[0]).toMatchObject({ condition: 'complete', pagesChecked: 6, custody: 'in_store' })
    expect((await app.call('use.overdue', {}, archivist)).total).toBe(0)

    const actions = await app.database.query(
      `SELECT entity, action FROM audit_log WHERE entity IN ('use_request', 'item') AND action <> 'create' AND action <> 'catalogue' ORDER BY id`
    )
    expect(actions.map((a: { entity: string; action: string }) => `${a.entity}:${a.action}`)).toEqual([
      'use_request:sign',
      'use_request:sign',
      'item:custody',
      'use_request:checkout',
      'use_request:print',
      'item:custody',
      'use_request:return'
    ])
  })

  it('a consultation puts the records in the reading room; an excerpt leaves the original on the shelf (R-USE-3)', async () => {
    const { archivist, item } = await world()
    const record = await item()
    const consultation = await approveAll(
      await app.call(
        'use.create',
        loan([record], { kind: 'consultation', dueOn: null, excerptAnswer: null }),
        archivist
      )
    )
    const reading = await app.call('use.checkout', { id: consultation.id, version: consultation.version }, archivist)
    expect(reading).toMatchObject({ status: 'out', dueOn: null, excerptAnswer: null })
    expect(reading.records[0].custody).toBe('reading_room')
    await app.call(
      'use.return',
      {
        id: reading.id,
        version: reading.version,
        records: [{ subject: 'item', id: record.id, condition: 'complete', pagesChecked: 4 }]
      },
      archivist
    )

    const excerpt = await approveAll(
      await app.call(
        'use.create',
        loan([record], { kind: 'excerpt', dueOn: null, copies: 3, excerptAnswer: null }),
        archivist
      )
    )
    expect(excerpt).toMatchObject({ copies: 3, excerptAnswer: 'excerpt_suffices' })
    const copied = await app.call('use.checkout', { id: excerpt.id, version: excerpt.version }, archivist)
    expect(copied.records[0].custody).toBe('in_store')
    // The original stayed, so it can be lent while the copies are out.
    expect((await app.dispatch('use.create', loan([record]), archivist)).ok).toBe(true)
  })
})

describe('R-USE-8 overdue loans, longest overdue first, a page at a time', () => {
  it('pages through every loan out past its due date in due date order, then by id, with the total on each page', async () => {
    const { archivist } = await world()
    await moveClock('2026-03-20T09:00:00', archivist)
    const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE username = 'liwen'`)
    // Overdue, inserted out of due date order and with ties, so only ORDER BY due_on, id gives the order below.
    const overdueDues = [
      '2026-03-12',
      '2026-03-03',
      '2026-03-19',
      '2026-03-03',
      '2026-02-27',
      '2026-03-15',
      '2026-03-01',
      '2026-03-12',
      '2026-03-08',
      '2026-03-19',
      '2026-02-27',
      '2026-03-10',
      '2026-03-05'
    ]
    // Not overdue: due today, due later, returned late, a consultation or a loan not yet out.
    const others: [kind: string, status: string, dueOn: string | null][] = [
      ['loan', 'out', '2026-03-20'],
      ['loan', 'out', '2026-03-25'],
      ['loan', 'returned', '2026-03-01'],
      ['consultation', 'out', '2026-03-01'],
      ['loan', 'approved', '2026-03-01']
    ]
    const rows: [kind: string, status: string, dueOn: string | null][] = [
      ...overdueDues.map((dueOn): [string, string, string] => ['loan', 'out', dueOn]),
      ...others
    ]
    await seedInTransaction(app, async (db) => {
      for (const [n, [kind, status, dueOn]] of rows.entries())
        await db.query(
          `INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_name, purpose, reason, start_on, due_on,
             chain, policy_version, out_on, returned_on, created_at, created_by, updated_at)
           VALUES (?, ?, ?, 'internal', '张三', '核对合同', '工作需要', '2026-02-20', ?, '[]', 1, ?, ?,
             '2026-02-20T09:00:00.000Z', ?, '2026-02-20T09:00:00.000Z')`,
          [
            `JY-2026-${String(n + 1).padStart(4, '0')}`,
            kind,
            status,
            dueOn,
            status === 'out' || status === 'returned' ? '2026-02-20' : null,
            status === 'returned' ? '2026-03-18' : null,
            userId
          ]
        )
    })
    const expected = overdueDues
      .map((dueOn, n) => ({ number: `JY-2026-${String(n + 1).padStart(4, '0')}`, dueOn }))
      .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.number.localeCompare(b.number))

    const seen: { number: string; dueOn: string; daysLate: number }[] = []
    for (const page of [1, 2, 3]) {
      const result = await app.call('use.overdue', { page, pageSize: 5 }, archivist)
      expect(result).toMatchObject({ total: overdueDues.length, page, pageSize: 5 })
      expect(result.totalCapped).toBeUndefined()
      expect(result.rows).toHaveLength(page < 3 ? 5 : 3)
      seen.push(...result.rows.map(({ number, dueOn, daysLate }) => ({ number, dueOn, daysLate })))
    }
    // Page 2 carries on where page 1 stopped: together the pages are every overdue loan once, in order.
    expect(seen).toEqual(
      expected.map(({ number, dueOn }) => ({
        number,
        dueOn,
        daysLate: (Date.parse('2026-03-20') - Date.parse(dueOn)) / 86_400_000
      }))
    )
    expect(await app.call('use.overdue', { page: 4, pageSize: 5 }, archivist)).toEqual({
      rows: [],
      total: overdueDues.length,
      page: 4,
      pageSize: 5
    })
    // The workbench card's first page.
    const first = await app.call('use.overdue', { page: 1, pageSize: 10 }, archivist)
    expect(first.rows.map((row) => row.number)).toEqual(expected.slice(0, 10).map((row) => row.number))
  })

  it.each<[string, Record<string, unknown>, string, string]>([
    ['page 0', { page: 0 }, 'page', 'validation.tooSmall'],
    ['a page that is text', { page: '2' }, 'page', 'validation.invalidType'],
    ['a page size over 200', { pageSize: 201 }, 'pageSize', 'validation.tooBig'],
    ['a fractional page size', { pageSize: 2.5 }, 'pageSize', 'validation.invalidType'],
    ['a field it does not take', { status: 'out' }, 'status', 'validation.unknownField']
  ])('refuses %s with a validation error naming the field', async (_name, input, path, message) => {
    const { archivist } = await world()
    const result = await app.dispatch('use.overdue', input as ChannelInput<'use.overdue'>, archivist)
    expect(result).toEqual({
      ok: false,
      error: { code: 'VALIDATION', message: 'errors.validation', details: [expect.objectContaining({ path, message })] }
    })
  })
})

describe('bad input is refused with its rule and nothing is written', () => {
  it.each<[string, (w: World, record: { id: number }) => Promise<ChannelInput<'use.create'>>, string, string]>([
    [
      'a due date past the longest loan',
      async (_w, r) => loan([r], { dueOn: '2026-04-15' }),
      'R-USE-4',
      'policy.use.loanTooLong'
    ],
    [
      'a due date before the start',
      async (_w, r) => loan([r], { dueOn: '2026-03-01' }),
      'R-USE-4',
      'policy.use.dueBeforeStart'
    ],
    [
      'an applicant without a department',
      async (_w, r) => loan([r], { departmentCode: '' }),
      'R-USE-1',
      'policy.use.noDepartment'
    ],
    [
      'a department not in the reference data',
      async (_w, r) => loan([r], { departmentCode: 'XX' }),
      'R-USE-1',
      'policy.use.noDepartment'
    ],
    [
      'an outside person without an introduction letter',
      async (_w, r) =>
        loan([r], { kind: 'consultation', applicantKind: 'external', externalUnit: '市审计局', dueOn: null }),
      'R-USE-6',
      'policy.use.introductionLetter'
    ],
    [
      'an outside person borrowing',
      async (_w, r) =>
        loan([r], { applicantKind: 'external', externalUnit: '市审计局', introductionLetter: '审字〔2026〕3号' }),
      'R-USE-6',
      'policy.use.externalReadOnly'
    ],
    [
      'a loan when an excerpt would do',
      async (_w, r) => loan([r], { excerptAnswer: 'excerpt_suffices' }),
      'R-USE-3',
      'policy.use.excerptWouldDo'
    ],
    [
      'a loan without asking whether an excerpt would do',
      async (_w, r) => loan([r], { excerptAnswer: null }),
      'R-USE-3',
      'policy.use.excerptQuestion'
    ],
    [
      'a destroyed record',
      async (_w, r) => {
        await app.database.query(`UPDATE items SET custody = 'destroyed' WHERE id = ?`, [r.id])
        return loan([r])
      },
      'R-DISP-8',
      'policy.use.destroyed'
    ],
    [
      'a record awaiting destruction',
      async (_w, r) => {
        await app.database.query(`UPDATE items SET custody = 'awaiting_destruction' WHERE id = ?`, [r.id])
        return loan([r])
      },
      'R-DISP-8',
      'policy.use.awaitingDestruction'
    ],
    [
      'a record reported missing',
      async (w, r) => {
        await app.call(
          'incidents.report',
          { record: { subject: 'item', id: r.id }, kind: 'missing', note: '未找到' },
          w.archivist
        )
        return loan([r])
      },
      'R-KEEP-3',
      'policy.use.flagged'
    ],
    [
      'a record already out',
      async (w, r) => {
        const first = await approveAll(await app.call('use.create', loan([r]), w.archivist))
        await app.call('use.checkout', { id: first.id, version: first.version }, w.archivist)
        return loan([r], { applicantName: '李四' })
      },
      'R-USE-2',
      'policy.use.alreadyOut'
    ],
    [
      'a record in another open request',
      async (w, r) => {
        await app.call('use.create', loan([r]), w.archivist)
        return loan([r], { applicantName: '李四' })
      },
      'R-USE-2',
      'policy.use.requestedElsewhere'
    ],
    [
      'a top-secret record',
      async (w) => loan([await w.item({ classification: 'top_secret' })]),
      'R-USE-5',
      'policy.use.topSecretStays'
    ],
    [
      'a sealed original taken off site',
      async (w) => loan([await w.item({ sealedOriginal: true })], { offSite: true }),
      'S86',
      'policy.use.sealedOriginal'
    ]
  ])('%s', async (_name, build, ruleId, message) => {
    const w = await world()
    const record = await w.item()
    const input = await build(w, record)
    const before = await tableCounts()
    const result = await app.dispatch('use.create', input, w.archivist)
    expectRefused(result, ruleId, message)
    expect(await tableCounts()).toEqual(before)
  })

  it('a loan without a due date is refused by R-USE-4, as the preview said', async () => {
    const { archivist, item } = await world()
    const input = loan([await item()], { dueOn: null })
    const { applicantName: _n, applicantUserId: _u, purpose: _p, reason: _r, copies: _c, ...facts } = input
    expect((await app.call('use.preview', facts, archivist)).refusal).toMatchObject({
      ruleId: 'R-USE-4',
      reason: 'policy.use.dueDateMissing'
    })
    expectRefused(await app.dispatch('use.create', input, archivist), 'R-USE-4', 'policy.use.dueDateMissing')
  })

  it('an item is out while its volume is in another request, and the other way round', async () => {
    const { archivist, item } = await world()
    const record = await item()
    const volume = await app.call(
      'volumes.create',
      {
        fondsCode: 'J001',
        categoryCode: 'KH',
        year: 2025,
        retentionCode: 'D30',
        departmentCode: 'ZS',
        title: '顺达物流'
      },
      archivist
    )
    await app.call('volumes.addItem', { volumeId: volume.id, itemId: record.id }, archivist)
    await app.call('use.create', loan([], { records: [{ subject: 'volume', id: volume.id }] }), archivist)
    expectRefused(
      await app.dispatch('use.create', loan([record], { applicantName: '李四' }), archivist),
      'R-USE-2',
      'policy.use.requestedElsewhere'
    )
  })
})

describe('R-ROLE-7 nobody approves their own request', () => {
  it('refuses the applicant as signer, by account or by name, and the applicant entering signatures', async () => {
    const { archivist, signers, item } = await world()
    const headsOwn = loan([await item()], { applicantName: '王部长(本人)', applicantUserId: signers['王部长'] })
    const request = await app.call('use.create', headsOwn, archivist)
    expectRefused(await sign(request, 'department_head', '王部长'), 'R-ROLE-7', 'policy.use.selfApproval')
    const byName = await app.call(
      'use.create',
      loan([await item({ title: '另一份合同' })], { applicantName: '王部长' }),
      archivist
    )
    expectRefused(await sign(byName, 'department_head', '王部长'), 'R-ROLE-7', 'policy.use.selfApproval')
    expect((await app.call('use.get', { id: request.id }, archivist)).approvals).toEqual([])

    const own = await app.call(
      'use.create',
      loan([await item({ title: '第二份合同' })], { applicantName: 'liwen' }),
      archivist
    )
    expectRefused(await sign(own, 'department_head', '王部长'), 'R-ROLE-7', 'policy.use.selfEntry')
  })

  it('a refusal needs a reason and ends the request', async () => {
    const { archivist, item } = await world()
    const request = await app.call('use.create', loan([await item()]), archivist)
    const noReason = await sign(request, 'department_head', '王部长', { decision: 'refused' })
    expect(noReason).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'reason', message: 'validation.required' }] }
    })
    const refused = await sign(request, 'department_head', '王部长', {
      decision: 'refused',
      reason: '与本部门业务无关'
    })
    expect(refused).toMatchObject({
      ok: true,
      data: { status: 'refused', approvals: [{ decision: 'refused', reason: '与本部门业务无关' }] }
    })
    const after = (refused.ok ? refused.data : request) as UseRequest
    expect(await sign(after, 'archive_manager', '赵主任')).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors.useWrongStatus' }
    })
    expect(await app.dispatch('use.checkout', { id: after.id, version: after.version }, archivist)).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT' }
    })
  })
})

describe('R-USE-8 return: completeness check, incidents on damage or loss', () => {
  it('opens a damaged and a missing incident from the loan, and refuses a short page count marked complete', async () => {
    const { archivist, item } = await world()
    const a = await item({ title: '合同正本', pageCount: 6 })
    const b = await item({ title: '合同附件', pageCount: 2 })
    const approved = await approveAll(await app.call('use.create', loan([a, b]), archivist))
    const out = await app.call('use.checkout', { id: approved.id, version: approved.version }, archivist)

    const before = await tableCounts()
    const short = await app.dispatch(
      'use.return',
      {
        id: out.id,
        version: out.version,
        records: [
          { subject: 'item', id: a.id, condition: 'complete', pagesChecked: 5 },
          { subject: 'item', id: b.id, condition: 'complete', pagesChecked: 2 }
        ]
      },
      archivist
    )
    expectRefused(short, 'R-USE-8', 'policy.use.pagesMissing')
    const partial = await app.dispatch(
      'use.return',
      {
        id: out.id,
        version: out.version,
        records: [{ subject: 'item', id: a.id, condition: 'complete', pagesChecked: 6 }]
      },
      archivist
    )
    expect(partial).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'records', message: 'validation.returnEveryRecord' }] }
    })
    expect(await tableCounts()).toEqual(before)

    const returned = await app.call(
      'use.return',
      {
        id: out.id,
        version: out.version,
        records: [
          { subject: 'item', id: a.id, condition: 'damaged', pagesChecked: 6, note: '第3页撕裂' },
          { subject: 'item', id: b.id, condition: 'lost', pagesChecked: 0 }
        ]
      },
      archivist
    )
    expect(returned.status).toBe('returned')
    const incidents = await app.call('incidents.list', {}, archivist)
    expect(incidents.rows.map((n) => [n.subjectId, n.kind, n.source, n.sourceId]).sort()).toEqual(
      [
        [a.id, 'damaged', 'loan', out.id],
        [b.id, 'missing', 'loan', out.id]
      ].sort()
    )
    // Flagged records cannot go out again until the incidents are resolved.
    expectRefused(await app.dispatch('use.create', loan([a]), archivist), 'R-KEEP-3', 'policy.use.flagged')
  })
})

describe('R-USE-4 renewal within the policy limit', () => {
  it('refuses renewal by default, then allows it within the days and number the archive manager sets', async () => {
    const { archivist, item } = await world()
    const approved = await approveAll(await app.call('use.create', loan([await item()]), archivist))
    const out = await app.call('use.checkout', { id: approved.id, version: approved.version }, archivist)
    expectRefused(
      await app.dispatch('use.renew', { id: out.id, version: out.version, newDueOn: '2026-03-08' }, archivist),
      'R-USE-4',
      'policy.use.notRenewable'
    )

    const manager = await app.signInAs('archive_manager', 'managerzhao')
    const current = await app.call('settings.getUse', {}, manager)
    expect(await app.dispatch('settings.saveUse', { ...current.data, renewable: true }, archivist)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    const saved = await app.call(
      'settings.saveUse',
      { ...current.data, loanMaxDays: 7, renewable: true, maxRenewals: 1, renewalDays: 7 },
      manager
    )
    expect(saved.version).toBe(2)

    expectRefused(
      await app.dispatch('use.renew', { id: out.id, version: out.version, newDueOn: '2026-03-13' }, archivist),
      'R-USE-4',
      'policy.use.renewalTooLong'
    )
    expectRefused(
      await app.dispatch('use.renew', { id: out.id, version: out.version, newDueOn: '2026-03-05' }, archivist),
      'R-USE-4',
      'policy.use.renewalNotLater'
    )
    const renewed = await app.call('use.renew', { id: out.id, version: out.version, newDueOn: '2026-03-12' }, archivist)
    expect(renewed).toMatchObject({
      dueOn: '2026-03-12',
      renewals: [{ previousDueOn: '2026-03-05', newDueOn: '2026-03-12', enteredBy: 'liwen' }]
    })
    expectRefused(
      await app.dispatch('use.renew', { id: out.id, version: renewed.version, newDueOn: '2026-03-13' }, archivist),
      'R-USE-4',
      'policy.use.renewalLimit'
    )

    const longer = await app.call(
      'use.create',
      loan([await item({ title: '另一份合同' })], { dueOn: '2026-03-09' }),
      archivist
    )
    expect(longer.policyVersion).toBe(2)
    expect(longer.chain.map((s) => s.step)).toEqual(['department_head', 'archive_manager'])
  })
})

describe('R-CUST-6 a person cannot be offboarded while holding records', () => {
  it('refuses switching the account off, names what they hold, and allows it once returned', async () => {
    const { archivist, applicantId, item } = await world()
    const record = await item()
    const approved = await approveAll(
      await app.call('use.create', loan([record], { applicantUserId: applicantId }), archivist)
    )
    const out = await app.call('use.checkout', { id: approved.id, version: approved.version }, archivist)
    const admin = await app.signInAs('sysadmin')
    expect(await app.call('users.outstanding', { userId: applicantId }, admin)).toEqual([
      {
        requestId: out.id,
        requestNumber: 'JY-2026-0001',
        kind: 'loan',
        status: 'out',
        archivalCode: record.archivalCode,
        title: itemInput().title,
        dueOn: '2026-03-05'
      }
    ])
    const off = {
      id: applicantId,
      displayName: '张三',
      department: 'ZS',
      active: false
    }
    const refused = await app.dispatch('users.update', off, admin)
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'POLICY_DENIED',
        ruleId: 'R-CUST-6',
        message: 'policy.use.holdsRecords',
        params: { count: 1, records: record.archivalCode }
      }
    })
    expect((await app.call('users.list', {}, admin)).find((u) => u.id === applicantId)?.active).toBe(true)
    await app.call(
      'use.return',
      {
        id: out.id,
        version: out.version,
        records: [{ subject: 'item', id: record.id, condition: 'complete', pagesChecked: 4 }]
      },
      archivist
    )
    expect((await app.call('users.update', off, admin)).active).toBe(false)
  })
})

describe('feedback, cancel and the list', () => {
  it('records the effect of use (R-USE-9), cancels before checkout, and filters the list', async () => {
    const { archivist, item } = await world()
    const first = await app.call('use.create', loan([await item({ title: '仓储合同' })]), archivist)
    const withEffect = await app.call(
      'use.feedback',
      { id: first.id, version: first.version, effect: 'evidence', note: '为合同纠纷提供了依据' },
      archivist
    )
    expect(withEffect).toMatchObject({ effect: 'evidence', effectNote: '为合同纠纷提供了依据' })
    const cancelled = await app.call(
      'use.cancel',
      { id: withEffect.id, version: withEffect.version, reason: '申请人不再需要' },
      archivist
    )
    expect(cancelled).toMatchObject({ status: 'cancelled', closingNote: '申请人不再需要' })
    await app.call(
      'use.create',
      loan([await item({ title: '租赁合同' })], {
        kind: 'consultation',
        dueOn: null,
        excerptAnswer: null,
        applicantName: '李四'
      }),
      archivist
    )
    expect(
      (await app.call('use.list', { kind: ['consultation'] }, archivist)).rows.map((r) => r.applicantName)
    ).toEqual(['李四'])
    expect((await app.call('use.list', { status: ['cancelled'] }, archivist)).rows.map((r) => r.id)).toEqual([first.id])
    expect((await app.call('use.list', { search: '租赁' }, archivist)).total).toBe(1)
    expect((await app.call('use.list', { sortBy: 'createdAt', sortOrder: 'ascend' }, archivist)).rows[0].id).toBe(
      first.id
    )
  })
})
