import type {
  CreditEntry,
  CustomerRegistration,
  CustomerUpkeep,
  CustomerUpkeepSettings,
  ParsedInput,
  PolicyVersion,
  Role,
  StaffContact,
  TodoEntry,
  UpkeepEntry
} from '@preload/contract'
import type { Db } from '../db/connection'
import { waitingChangeCount } from '../db/customer-changes'
import {
  activeStaff,
  creditHistory,
  customersOfStaff,
  customerStaff,
  findCreditEntry,
  findRegistration,
  findStaffMember,
  findUpkeepEntry,
  insertCreditEntry,
  insertUpkeepEntry,
  itemCustomer,
  markFormal,
  moveStaff,
  replaceCustomerStaff,
  saveRegistrationDates,
  upkeepCounts,
  upkeepLog,
  type RegistrationRecord
} from '../db/customer-upkeep'
import { enforce, notFound } from '../errors'
import { localDay } from '../policy/calendar'
import {
  creditReviewReason,
  decideCredit,
  decideReassignment,
  decideRegistrationDates,
  decideStaff,
  decideVerification,
  formalDueOn,
  formalLate,
  plannedVisits,
  MIN_STAFF_OF_IMPORTANT,
  reviewDue,
  staffShort,
  upkeepCutoffs
} from '../policy/customer-upkeep'
import { refuse } from '../policy/decision'
import type { Actor, Store } from '../store'
import type { VersionedSettings } from './settings'

type LogInput = ParsedInput<'customerUpkeep.log'>
type CreditInput = ParsedInput<'customerUpkeep.credit'>

/**
 * The customer file through its upkeep (issue 20, custa): the temporary file and its verification (S29, S37–S40), the
 * contact log with the return visits and reviews it fulfils (S35, S44, S46–S47, S52, S59–S63), the staff in touch with
 * the customer and their handover (S151–S152, S154), and the credit file (S19–S21).
 */
export class CustomerUpkeepService {
  constructor(
    private readonly store: Store,
    private readonly settings: VersionedSettings<CustomerUpkeepSettings>
  ) {}

  private async registration(db: Db, customerId: number): Promise<RegistrationRecord> {
    const found = await findRegistration(db, customerId)
    if (!found) throw notFound('errors.customerNotFound')
    return found
  }

  private toRegistration(record: RegistrationRecord, settings: CustomerUpkeepSettings): CustomerRegistration {
    return {
      late: formalLate(record, settings, this.today()),
      status: record.status,
      contractSignedOn: record.contractSignedOn,
      completionOn: record.completionOn,
      formalDueOn: record.status === 'temporary' ? formalDueOn(record.completionOn, settings) : null,
      createdBy: record.createdByName,
      createdAt: record.createdAt,
      verifiedBy: record.verifiedByName,
      verifiedAt: record.verifiedAt,
      verificationNote: record.verificationNote
    }
  }

  private today(): string {
    return localDay(this.store.clock())
  }

  /** Everything of the file's upkeep, judged today; `mayVerify` says whether this person may verify it now. */
  async get(customerId: number, who: { userId: number; role: Role }): Promise<CustomerUpkeep> {
    const db = this.store.db
    const settings = (await this.settings.current()).data
    const record = await this.registration(db, customerId)
    const log = await upkeepLog(db, customerId)
    const staff = await customerStaff(db, customerId)
    const credit = await creditHistory(db, customerId)
    const today = this.today()
    const lastReview = log.find((entry) => entry.kind === 'review')?.happenedOn ?? null
    const visits = log.filter((entry) => entry.kind === 'visit')
    return {
      grade: record.grade,
      registration: this.toRegistration(record, settings),
      log,
      visits: plannedVisits(record.contractSignedOn, settings, visits, today),
      review: reviewDue(record.grade, lastReview, record.dateOpened, settings, today),
      staff,
      staffShort: staffShort(record.grade, staff.length),
      credit,
      creditReview: creditReviewReason(record.grade, credit[0] ?? null, record.updatedAt, today),
      mayVerify: decideVerification(record, who, settings).ok
    }
  }

  /** S29: the contract and completion dates, from which the deadline of the formal file runs. */
  async register(
    actor: Actor,
    input: { customerId: number; contractSignedOn: string | null; completionOn: string | null }
  ): Promise<CustomerRegistration> {
    return this.store.write(actor, async ({ db, audit }) => {
      const before = await this.registration(db, input.customerId)
      enforce(decideRegistrationDates(input.contractSignedOn, input.completionOn))
      const dates = { contractSignedOn: input.contractSignedOn, completionOn: input.completionOn }
      await saveRegistrationDates(db, input.customerId, dates)
      await audit({
        entity: 'customer',
        entityId: input.customerId,
        action: 'update',
        before: { contractSignedOn: before.contractSignedOn, completionOn: before.completionOn },
        after: dates
      })
      const settings = (await this.settings.current(db)).data
      return this.toRegistration(await this.registration(db, input.customerId), settings)
    })
  }

  /** S37–S40: a second person of a verifying role confirms the temporary file, which becomes formal. */
  async verify(actor: Actor, role: Role, input: { customerId: number; note: string }): Promise<CustomerRegistration> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const settings = (await this.settings.current(db)).data
      const record = await this.registration(db, input.customerId)
      enforce(decideVerification(record, { userId: actor.userId ?? 0, role }, settings))
      await markFormal(db, input.customerId, {
        verifiedBy: actor.userId ?? 0,
        verifiedAt: now.toISOString(),
        note: input.note
      })
      await audit({
        entity: 'customer',
        entityId: input.customerId,
        action: 'verify',
        before: { status: 'temporary' },
        after: { status: 'formal', note: input.note }
      })
      return this.toRegistration(await this.registration(db, input.customerId), settings)
    })
  }

  /** S35, S44, S63: a contact, return visit, review (S52) or notice, written into the customer's file. */
  async log(actor: Actor, input: LogInput): Promise<UpkeepEntry> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      await this.registration(db, input.customerId)
      const { customerId, ...entry } = input
      const id = await insertUpkeepEntry(db, {
        ...entry,
        planDay: entry.kind === 'visit' ? entry.planDay : null,
        customerId,
        recordedBy: actor.userId ?? 0,
        recordedAt: now.toISOString()
      })
      await audit({
        entity: 'customer',
        entityId: customerId,
        action: 'feedback',
        after: entry
      })
      return (await findUpkeepEntry(db, id))!
    })
  }

  staffOptions(): Promise<{ id: number; name: string }[]> {
    return activeStaff(this.store.db).then((rows) => rows.map(({ id, name }) => ({ id, name })))
  }

  /** S154: the people in touch with the customer, two at least for an important one. */
  async assignStaff(actor: Actor, input: { customerId: number; userIds: number[] }): Promise<StaffContact[]> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const record = await this.registration(db, input.customerId)
      enforce(decideStaff(record.grade, input.userIds))
      for (const userId of input.userIds) {
        const member = await findStaffMember(db, userId)
        if (!member?.active) enforce(refuse('S154', 'customerUpkeep.policy.replacementInactive'))
      }
      const before = (await customerStaff(db, input.customerId)).map((member) => member.name)
      await replaceCustomerStaff(db, input.customerId, input.userIds, { on: localDay(now), by: actor.userId ?? 0 })
      const after = await customerStaff(db, input.customerId)
      await audit({
        entity: 'customer',
        entityId: input.customerId,
        action: 'assign_role',
        before: { staff: before.join('、') },
        after: { staff: after.map((member) => member.name).join('、') }
      })
      return after
    })
  }

  /**
   * S151–S152: a leaver's customers go to the replacement, and each customer's notice of its new contact is logged in
   * its file; the account can then be closed (R-CUST-6).
   */
  async reassign(
    actor: Actor,
    input: { fromUserId: number; toUserId: number; note: string }
  ): Promise<{ customers: number }> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const from = await findStaffMember(db, input.fromUserId)
      if (!from) throw notFound('errors.userNotFound')
      const to = await findStaffMember(db, input.toUserId)
      enforce(decideReassignment(input.fromUserId, to))
      const customers = await customersOfStaff(db, input.fromUserId)
      const today = localDay(now)
      for (const customer of customers) {
        await moveStaff(db, customer.id, input.fromUserId, input.toUserId, { on: today, by: actor.userId ?? 0 })
        await insertUpkeepEntry(db, {
          customerId: customer.id,
          kind: 'notice',
          channel: 'notice',
          happenedOn: today,
          staffName: to!.name,
          counterpart: '',
          summary: input.note,
          outcome: '',
          planDay: null,
          recordedBy: actor.userId ?? 0,
          recordedAt: now.toISOString()
        })
        await audit({
          entity: 'customer',
          entityId: customer.id,
          action: 'move',
          before: { staff: from.name },
          after: { staff: to!.name, note: input.note }
        })
      }
      return { customers: customers.length }
    })
  }

  /** S19–S21: a credit rating and limit, kept beside every earlier one. */
  async credit(actor: Actor, input: CreditInput): Promise<CreditEntry> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const record = await this.registration(db, input.customerId)
      const report = input.reportItemId === null ? null : await itemCustomer(db, input.reportItemId)
      if (input.reportItemId !== null && report === null) throw notFound('errors.itemNotFound')
      enforce(decideCredit(record.grade, { riskEvaluation: input.riskEvaluation, report }, input.customerId))
      const { customerId, ...entry } = input
      const id = await insertCreditEntry(db, {
        ...entry,
        customerId,
        recordedBy: actor.userId ?? 0,
        recordedAt: now.toISOString()
      })
      await audit({ entity: 'customer', entityId: customerId, action: 'decide', after: entry })
      return (await findCreditEntry(db, id))!
    })
  }

  currentSettings(): Promise<PolicyVersion<CustomerUpkeepSettings>> {
    return this.settings.current()
  }

  settingsHistory(): Promise<PolicyVersion<CustomerUpkeepSettings>[]> {
    return this.settings.history()
  }

  saveSettings(actor: Actor, data: CustomerUpkeepSettings): Promise<PolicyVersion<CustomerUpkeepSettings>> {
    return this.settings.save(actor, data)
  }

  /** R-CUST-6, S151: the customers a leaver is still responsible for, named in the refusal to close the account. */
  async refuseClosingWithCustomers(db: Db, userId: number): Promise<void> {
    const customers = await customersOfStaff(db, userId)
    if (customers.length > 0)
      enforce(
        refuse('S151', 'customerUpkeep.policy.holdsCustomers', {
          count: customers.length,
          customers: customers
            .slice(0, 5)
            .map((customer) => customer.name)
            .join('、')
        })
      )
  }
}

/** The workbench's lines about customer files, each counted over every customer today (S29, S46–S47, S59–S61, S154, S21). */
export async function customerUpkeepTodo(
  db: Db,
  settings: CustomerUpkeepSettings,
  today: string
): Promise<TodoEntry[]> {
  const counts = await upkeepCounts(db, upkeepCutoffs(settings, today), MIN_STAFF_OF_IMPORTANT)
  const entry = (
    key: string,
    count: number,
    severity: TodoEntry['severity'],
    ruleId: string,
    reason: `customerUpkeep.todo.${'formalLate' | 'visitsDue' | 'reviewsDue' | 'creditReviews' | 'staffShort' | 'changesPending'}`
  ): TodoEntry[] =>
    count > 0 ? [{ key, count, severity, section: 'customers', ruleId, reason, params: { count } }] : []
  return [
    ...entry('customerFormalLate', counts.formalLate, 'error', 'S29', 'customerUpkeep.todo.formalLate'),
    ...entry('customerVisitsDue', counts.visitsDue, 'warning', 'S59', 'customerUpkeep.todo.visitsDue'),
    ...entry('customerReviewsDue', counts.reviewsDue, 'warning', 'S46', 'customerUpkeep.todo.reviewsDue'),
    ...entry('customerCreditReviews', counts.creditReviews, 'info', 'S21', 'customerUpkeep.todo.creditReviews'),
    ...entry('customerStaffShort', counts.staffShort, 'info', 'S154', 'customerUpkeep.todo.staffShort'),
    ...entry(
      'customerChangesPending',
      await waitingChangeCount(db),
      'warning',
      'S50',
      'customerUpkeep.todo.changesPending'
    )
  ]
}
