import type { Approver, ChannelInput, UseRequest } from '@preload/contract'
import { USER_PASSWORD, type TestApp } from './app'

export type RecordRef = { subject: 'item' | 'volume'; id: number }

export const SIGNER_NAMES = {
  department_head: '王部长',
  archive_manager: '赵主任',
  deputy_gm: '钱副总',
  gm: '孙总'
} as const
const localDay = (date: Date) => date.toLocaleDateString('sv')

const signerAccounts = new WeakMap<TestApp, Map<string, number>>()

/**
 * R-ROLE-3..5: the account that signs a step of a request — for the first step the head of the applicant's own
 * department — opened by the administrator and authorised by the security officer the first time a test needs it.
 */
export async function signerFor(app: TestApp, request: Pick<UseRequest, 'departmentCode'>, step: Approver) {
  const department = step === 'department_head' ? request.departmentCode : ''
  const accounts = signerAccounts.get(app) ?? new Map<string, number>()
  signerAccounts.set(app, accounts)
  const key = `${step}:${department}`
  if (!accounts.has(key)) {
    const username = `signer-${step}-${department}`.replace(/_/g, '').toLowerCase()
    const created = await app.createAccount({ role: step, username, displayName: SIGNER_NAMES[step], department })
    accounts.set(key, created.id)
  }
  return accounts.get(key)!
}

/**
 * The archivist's desk for consultation and loans, on the injected clock: requests entered from the paper form,
 * signed, checked out and returned on the day the clock shows.
 */
export function useDesk(app: TestApp, key: string) {
  const today = () => localDay(app.clock.now)

  /** Moves the clock to a local time and unlocks the session the idle lock closed meanwhile. */
  async function at(local: string) {
    app.clock.now = new Date(local)
    await app.call('auth.unlock', { password: USER_PASSWORD }, key)
  }

  /** A request entered today: a loan runs `loanDays` from today, consultations and copies have no due date. */
  function request(
    kind: UseRequest['kind'],
    records: RecordRef[],
    purpose: string,
    applicant: Partial<ChannelInput<'use.create'>>,
    loanDays = 3
  ): ChannelInput<'use.create'> {
    const dueOn = localDay(new Date(new Date(`${today()}T12:00:00`).getTime() + loanDays * 86_400_000))
    return {
      kind,
      applicantKind: 'internal',
      applicantName: '',
      purpose,
      reason: '工作需要',
      records,
      startOn: today(),
      dueOn: kind === 'loan' ? dueOn : null,
      excerptAnswer: kind === 'loan' ? 'original_needed' : null,
      ...applicant
    }
  }

  /** Signs every step of the chain today, as the archivist enters the signatures from the paper form. */
  async function signAll(created: UseRequest): Promise<UseRequest> {
    let current = created
    for (const { step } of created.chain) {
      current = await app.call(
        'use.approve',
        {
          id: current.id,
          version: current.version,
          step,
          signerUserId: await signerFor(app, current, step),
          signedOn: today(),
          decision: 'approved'
        },
        key
      )
    }
    return current
  }

  /** Entered, signed and checked out today. */
  async function grant(input: ChannelInput<'use.create'>): Promise<UseRequest> {
    const approved = await signAll(await app.call('use.create', input, key))
    return app.call('use.checkout', { id: approved.id, version: approved.version }, key)
  }

  /** Returned today; every record complete unless its condition is given. */
  function giveBack(out: UseRequest, conditions: Record<number, 'damaged' | 'lost'> = {}): Promise<UseRequest> {
    const records = out.records.map((record) => ({
      subject: record.subject,
      id: record.id,
      condition: conditions[record.id] ?? ('complete' as const),
      pagesChecked: record.pageCount,
      note: ''
    }))
    return app.call('use.return', { id: out.id, version: out.version, records }, key)
  }

  const feedback = (used: UseRequest, effect: NonNullable<UseRequest['effect']>) =>
    app.call('use.feedback', { id: used.id, version: used.version, effect, note: '' }, key)

  return { today, at, request, signAll, grant, giveBack, feedback }
}
