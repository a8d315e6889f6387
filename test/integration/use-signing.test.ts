import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput, Envelope, Role, UseRequest } from '@preload/contract'
import { makeApp, USER_PASSWORD, type TestApp } from '../support/app'
import { itemInput } from '../support/records'

let app: TestApp
afterEach(async () => app?.close())

interface Desk {
  archivist: string
  admin: string
  /** Signs an account in and returns its session and id. */
  person(username: string, displayName: string, role: Role, department?: string): Promise<{ key: string; id: number }>
  item(title?: string): Promise<{ id: number }>
}

async function desk(): Promise<Desk> {
  app = await makeApp()
  const archivist = await app.signInAs('archivist', 'liwen')
  const admin = await app.signInAs('sysadmin')
  const person: Desk['person'] = async (username, displayName, role, department = '') => {
    const created = await app.createAccount({ role, username, displayName, department })
    // A signer here has already chosen their own password (first-run.test.ts covers the forced change).
    await app.database.query('UPDATE users SET must_change_password = 0 WHERE id = ?', [created.id])
    const key = `session-${username}`
    await app.call('auth.login', { username, password: USER_PASSWORD }, key)
    return { key, id: created.id }
  }
  const item: Desk['item'] = async (title = '仓储合同') => {
    const created = await app.call('items.create', itemInput({ title }), archivist)
    return app.call('items.catalogue', { id: created.id }, archivist)
  }
  return { archivist, admin, person, item }
}

const request = (
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
  startOn: '2026-03-02',
  dueOn: '2026-03-05',
  excerptAnswer: 'original_needed',
  ...overrides
})

/** The request a call returned, or the test fails with the error. */
const data = (result: Envelope<unknown>): UseRequest => {
  if (!result.ok) throw new Error(JSON.stringify(result.error))
  return result.data as UseRequest
}

describe('R-ROLE-3..5 signers sign in the app', () => {
  it('the head of the applicant’s department sees it under 待我签批 and signs; the archive manager next', async () => {
    const { archivist, person, item } = await desk()
    const head = await person('wangbz', '王部长', 'department_head', 'ZS')
    const otherHead = await person('liubz', '刘部长', 'department_head', 'BGS')
    const manager = await person('zhaozr', '赵主任', 'archive_manager')
    const deputy = await person('qianfz', '钱副总', 'deputy_gm')
    const created = await app.call('use.create', request([await item()]), archivist)

    // R-ROLE-3: only the applicant's own department head has it waiting; nobody else yet.
    expect((await app.call('use.awaiting', {}, head.key)).map((r) => r.number)).toEqual(['JY-2026-0001'])
    expect(await app.call('use.awaiting', {}, otherHead.key)).toEqual([])
    expect(await app.call('use.awaiting', {}, manager.key)).toEqual([])
    expect(await app.call('use.awaiting', {}, deputy.key)).toEqual([])

    const sign = (key: string, current: UseRequest, extra: Partial<ChannelInput<'use.sign'>> = {}) =>
      app.dispatch('use.sign', { id: current.id, version: current.version, decision: 'approved', ...extra }, key)
    expect(await sign(otherHead.key, created)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-ROLE-3', message: 'policy.use.otherDepartmentHead' }
    })
    // R-USE-1: the archive manager's step comes after the department head's.
    expect(await sign(manager.key, created)).toMatchObject({
      ok: false,
      error: { ruleId: 'R-USE-1', message: 'policy.use.stepOutOfOrder' }
    })
    // The archivist does not sign for themselves; they enter paper signatures.
    expect(await sign(archivist, created)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })

    const headSigned = data(await sign(head.key, created))
    expect(headSigned).toMatchObject({ status: 'pending', nextStep: 'archive_manager' })
    expect(headSigned.approvals).toEqual([
      expect.objectContaining({
        step: 'department_head',
        signerName: '王部长',
        signerUserId: head.id,
        signedOn: '2026-03-02',
        enteredBy: '王部长',
        onBehalf: false
      })
    ])
    expect(await app.call('use.awaiting', {}, head.key)).toEqual([])
    // Not twice: the step is signed.
    expect(await sign(head.key, headSigned)).toMatchObject({
      ok: false,
      error: { ruleId: 'R-USE-1', message: 'policy.use.stepOutOfOrder' }
    })
    expect((await app.call('use.awaiting', {}, manager.key)).map((r) => r.id)).toEqual([created.id])
    const approved = data(await sign(manager.key, headSigned))
    expect(approved).toMatchObject({ status: 'approved', nextStep: null })

    const audit = await app.database.query(
      `SELECT username, action, after FROM audit_log WHERE entity = 'use_request' AND action = 'sign' ORDER BY id`
    )
    expect(audit.map((a: { username: string }) => a.username)).toEqual(['wangbz', 'zhaozr'])
    expect(JSON.parse(audit[0].after)).toMatchObject({ step: 'department_head', onBehalf: false })
  })

  it('R-ROLE-5 the deputy GM signs a long loan once the archive manager switched long loans on', async () => {
    const { archivist, person, item } = await desk()
    const head = await person('wangbz', '王部长', 'department_head', 'ZS')
    const manager = await person('zhaozr', '赵主任', 'archive_manager')
    const deputy = await person('qianfz', '钱副总', 'deputy_gm')
    const record = await item()
    const long = request([record], { dueOn: '2026-03-12' })
    // 000 Art24.7: by default a loan of more than 5 days is refused.
    expect(await app.dispatch('use.create', long, archivist)).toMatchObject({
      ok: false,
      error: { ruleId: 'R-USE-4', message: 'policy.use.loanTooLong', params: { days: 10, max: 5 } }
    })
    const current = await app.call('settings.getUse', {}, manager.key)
    expect(current.version).toBe(1)
    const saved = await app.call('settings.saveUse', { ...current.data, longLoansAllowed: true }, manager.key)
    expect(saved.version).toBe(2)

    let signed = await app.call('use.create', long, archivist)
    expect(signed.chain.map((s) => s.step)).toEqual(['department_head', 'archive_manager', 'deputy_gm'])
    expect(signed.policyVersion).toBe(2)
    for (const key of [head.key, manager.key]) {
      signed = await app.call('use.sign', { id: signed.id, version: signed.version, decision: 'approved' }, key)
    }
    expect((await app.call('use.awaiting', {}, deputy.key)).map((r) => r.id)).toEqual([signed.id])
    const refused = await app.call(
      'use.sign',
      { id: signed.id, version: signed.version, decision: 'refused', reason: '借期过长，请分两次借阅' },
      deputy.key
    )
    expect(refused).toMatchObject({
      status: 'refused',
      approvals: [{}, {}, { step: 'deputy_gm', decision: 'refused', reason: '借期过长，请分两次借阅' }]
    })
  })
})

describe('R-USE-1 the archivist enters a paper signature on the signer’s behalf', () => {
  it('chooses the signer among the accounts of the step, is recorded as entering it, and withdraws it with a reason', async () => {
    const { archivist, person, item } = await desk()
    const applicant = await person('zhangsan', '张三', 'staff_viewer', 'ZS')
    const head = await person('wangbz', '王部长', 'department_head', 'ZS')
    await person('liubz', '刘部长', 'department_head', 'BGS')
    const manager = await person('zhaozr', '赵主任', 'archive_manager')
    await person('qianfz', '钱副总', 'deputy_gm')
    const created = await app.call('use.create', request([await item()], { applicantUserId: applicant.id }), archivist)

    expect(await app.call('use.signers', { id: created.id }, archivist)).toEqual([
      { step: 'department_head', signers: [{ id: head.id, displayName: '王部长', department: 'ZS' }] },
      { step: 'archive_manager', signers: [{ id: manager.id, displayName: '赵主任', department: '' }] }
    ])
    expect(await app.dispatch('use.signers', { id: created.id }, head.key)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })

    const enter = (current: UseRequest, step: UseRequest['chain'][number]['step'], signerUserId: number) =>
      app.dispatch(
        'use.approve',
        {
          id: current.id,
          version: current.version,
          step,
          signerUserId,
          signedOn: '2026-03-02',
          decision: 'approved'
        },
        archivist
      )
    // R-ROLE-4: the department head cannot be entered for the archive manager's step, nor the applicant for any.
    const headEntered = data(await enter(created, 'department_head', head.id))
    expect(await enter(headEntered, 'archive_manager', head.id)).toMatchObject({
      ok: false,
      error: { ruleId: 'R-ROLE-4', message: 'policy.use.notSignersStep' }
    })
    expect(await enter(headEntered, 'archive_manager', applicant.id)).toMatchObject({
      ok: false,
      error: { ruleId: 'R-ROLE-4' }
    })
    const wrong = data(await enter(headEntered, 'archive_manager', manager.id))
    expect(wrong.status).toBe('approved')
    expect(wrong.approvals[1]).toMatchObject({ signerName: '赵主任', enteredBy: 'liwen', onBehalf: true })

    // Only the last signature is withdrawn, with a reason; the request goes back to awaiting that step.
    const withdraw = (current: UseRequest, step: UseRequest['chain'][number]['step'], reason: string) =>
      app.dispatch('use.withdrawSignature', { id: current.id, version: current.version, step, reason }, archivist)
    expect(await withdraw(wrong, 'department_head', '录错了')).toMatchObject({
      ok: false,
      error: { ruleId: 'R-USE-1', message: 'policy.use.withdrawLastFirst' }
    })
    expect(await withdraw(wrong, 'archive_manager', '')).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'reason' }] }
    })
    const back = data(await withdraw(wrong, 'archive_manager', '纸质单上赵主任尚未签字，误录'))
    expect(back).toMatchObject({ status: 'pending', nextStep: 'archive_manager' })
    expect(back.approvals.map((a) => a.step)).toEqual(['department_head'])
    expect(back.withdrawnSignatures).toEqual([
      expect.objectContaining({
        step: 'archive_manager',
        signerName: '赵主任',
        withdrawnBy: 'liwen',
        withdrawnReason: '纸质单上赵主任尚未签字，误录'
      })
    ])
    expect((await app.call('use.awaiting', {}, manager.key)).map((r) => r.id)).toEqual([created.id])
    const [entry] = await app.database.query(
      `SELECT after FROM audit_log WHERE entity = 'use_request' AND action = 'withdraw_signature'`
    )
    expect(JSON.parse(entry.after)).toMatchObject({ step: 'archive_manager', reason: '纸质单上赵主任尚未签字，误录' })

    // The manager now signs in person; a signature given in the app is not the archivist's to withdraw.
    const signed = await app.call('use.sign', { id: back.id, version: back.version, decision: 'approved' }, manager.key)
    expect(signed.status).toBe('approved')
    expect(await withdraw(signed, 'archive_manager', '误录')).toMatchObject({
      ok: false,
      error: { ruleId: 'R-ROLE-7', message: 'policy.use.signedInPerson' }
    })
  })
})

describe('request numbers', () => {
  it('JY/CY/FZ, the year and a running number per prefix and year, never handed out twice', async () => {
    const { archivist, item } = await desk()
    const first = await app.call('use.create', request([await item('甲')]), archivist)
    const reading = await app.call(
      'use.create',
      request([await item('乙')], { kind: 'consultation', dueOn: null, excerptAnswer: null }),
      archivist
    )
    const copy = await app.call(
      'use.create',
      request([await item('丙')], { kind: 'excerpt', dueOn: null, excerptAnswer: null }),
      archivist
    )
    expect([first.number, reading.number, copy.number]).toEqual(['JY-2026-0001', 'CY-2026-0001', 'FZ-2026-0001'])
    await app.call('use.cancel', { id: first.id, version: first.version, reason: '不借了' }, archivist)
    const second = await app.call('use.create', request([await item('丁')]), archivist)
    expect(second.number).toBe('JY-2026-0002')
    const listed = await app.call('use.list', { search: 'JY-2026-0002' }, archivist)
    expect(listed.rows.map((r) => r.number)).toEqual(['JY-2026-0002'])

    app.clock.now = new Date('2027-01-04T09:00:00')
    await app.call('auth.unlock', { password: USER_PASSWORD }, archivist)
    const next = await app.call(
      'use.create',
      request([await item('戊')], { startOn: '2027-01-04', dueOn: '2027-01-05' }),
      archivist
    )
    expect(next.number).toBe('JY-2027-0001')
    const form = await app.call('print.use', { document: 'form', id: next.id }, archivist)
    expect(form.html).toContain('申请编号：JY-2027-0001')
  })
})

describe('R-USE-1..6 the preview and the save give the same answer', () => {
  type Draft = Partial<ChannelInput<'use.create'>>
  const outside = { applicantKind: 'external' as const, departmentCode: '', externalUnit: '市审计局' }
  const DRAFTS: [string, Draft][] = [
    ['a loan within 5 days', {}],
    ['a loan of 6 days (000 Art24.7)', { dueOn: '2026-03-08' }],
    ['a loan of 40 days', { dueOn: '2026-04-11' }],
    ['a loan due before it starts', { dueOn: '2026-03-01' }],
    ['a loan without a due date', { dueOn: null }],
    ['a loan without the excerpt question answered', { excerptAnswer: null }],
    ['a loan where an excerpt would do', { excerptAnswer: 'excerpt_suffices' }],
    ['a loan taken off site', { offSite: true }],
    ['a consultation', { kind: 'consultation', dueOn: null, excerptAnswer: null }],
    ['an excerpt', { kind: 'excerpt', dueOn: null, excerptAnswer: null }],
    ['no department', { departmentCode: '' }],
    ['an unknown department', { departmentCode: 'XX' }],
    ['another department’s applicant', { departmentCode: 'BGS' }],
    ['an outsider reading without a letter', { ...outside, kind: 'consultation', dueOn: null, excerptAnswer: null }],
    [
      'an outsider reading with a letter',
      { ...outside, introductionLetter: '审字〔2026〕3号', kind: 'consultation', dueOn: null, excerptAnswer: null }
    ],
    ['an outsider borrowing', { ...outside, introductionLetter: '审字〔2026〕3号' }],
    ['an outsider copying without a letter', { ...outside, kind: 'excerpt', dueOn: null, excerptAnswer: null }],
    ['an outsider with a blank unit', { ...outside, externalUnit: '', introductionLetter: '审字3号' }]
  ]

  it('for every draft of the table: the same refusal, or the same chain', async () => {
    const { archivist, item } = await desk()
    for (const [name, draft] of DRAFTS) {
      // A record of its own each, so no draft is refused for another one's record.
      const input = request([await item(name)], draft)
      const { applicantName: _a, applicantUserId: _u, purpose: _p, reason: _r, copies: _c, ...facts } = input
      const preview = await app.call('use.preview', facts, archivist)
      const created = await app.dispatch('use.create', input, archivist)
      if (preview.refusal === null) {
        expect(data(created).chain, name).toEqual(preview.steps)
      } else {
        expect(created, name).toMatchObject({
          ok: false,
          error: { code: 'POLICY_DENIED', ruleId: preview.refusal.ruleId, message: preview.refusal.reason }
        })
      }
    }
  })
})
