import type { Db } from '../db/connection'
import {
  batchesReadyForDestruction,
  consultationsOutBefore,
  draftInspections,
  dueNotInOpenBatch,
  lastPeriodicInspection,
  loansDueBefore,
  loansDueOn,
  roomReadingsOn,
  unreleasedHolds,
  unresolvedIncidents
} from '../db/dashboard'
import type { CustodySettings, CustomerUpkeepSettings, ElectronicSettings, TodoEntry } from '@preload/contract'
import { disclosuresAwaitingApproval, overdueRightsRequests } from '../db/customer-privacy'
import type zhCN from '@preload/i18n/zh-CN'
import { anyStoredFile, lastFullFixityFinishedAt } from '../db/electronic'
import { localDay } from '../policy/calendar'
import { judgeReading, nextPeriodicInspection } from '../policy/custody'
import { fixityDue } from '../policy/electronic'
import { customerReportTodo } from './customer-reports'
import { customerUpkeepTodo } from './customer-upkeep'

export interface TodoContext {
  db: Db
  /** The local calendar day. */
  today: string
  custody: CustodySettings
  customerUpkeep: CustomerUpkeepSettings
  electronic: ElectronicSettings
  /** How many records are late today, by the rule they break (R-CUST-3, R-FILE-9); rules with none are left out. */
  overdueFiling(): Promise<Map<string, number>>
}

/** One source of "what needs doing today"; it returns nothing when all is well. */
export type TodoProvider = (context: TodoContext) => Promise<TodoEntry[]>

type TodoKey = keyof (typeof zhCN)['policy']['todo']

/** One entry for `count` things to do, said by the sentence `policy.todo.<key>` with the count; none when none. */
const countEntry = (
  count: number,
  key: TodoKey,
  severity: TodoEntry['severity'],
  section: string,
  ruleId: string,
  params: TodoEntry['params'] = {}
): TodoEntry[] =>
  count > 0
    ? [{ key, count, severity, section, ruleId, reason: `policy.todo.${key}`, params: { count, ...params } }]
    : []

/** R-FILE-9, R-CUST-3: materials not filed in time, grouped by the rule they break. */
const overdueFiling: TodoProvider = async ({ overdueFiling }) => {
  return [...(await overdueFiling())].map(([ruleId, count]) => ({
    key: 'overdueFiling',
    count,
    severity: 'error',
    section: 'records',
    ruleId,
    reason: 'policy.todo.overdueFiling',
    params: { count }
  }))
}

/** R-KEEP-3: the periodic inspection, when it is due, and inspections started but not completed. */
const inspections: TodoProvider = async ({ db, today, custody }) => {
  const last = await lastPeriodicInspection(db)
  const drafts = await draftInspections(db)
  const entries: TodoEntry[] = []
  const next = nextPeriodicInspection(last, custody.inspectionIntervalMonths, today)
  if (next.due)
    entries.push({
      key: 'inspectionDue',
      count: 1,
      severity: 'warning',
      section: 'storage',
      ruleId: next.ruleId,
      reason: next.reason,
      params: next.params
    })
  if (drafts > 0)
    entries.push({
      key: 'inspectionsOpen',
      count: drafts,
      severity: 'info',
      section: 'storage',
      ruleId: 'R-KEEP-3',
      reason: 'policy.todo.inspectionsOpen',
      params: { count: drafts }
    })
  return entries
}

/** R-ELEC-3: the machine check of all stored electronic files, once the last one is older than the set interval. */
const fixityCheck: TodoProvider = async ({ db, today, electronic }) => {
  const finishedAt = await lastFullFixityFinishedAt(db)
  const next = fixityDue(
    finishedAt === null ? null : localDay(new Date(finishedAt)),
    await anyStoredFile(db),
    electronic.fixityIntervalYears,
    today
  )
  return next.due
    ? [
        {
          key: 'fixityDue',
          count: 1,
          severity: 'warning',
          section: 'records',
          ruleId: next.ruleId,
          reason: next.reason,
          params: next.params
        }
      ]
    : []
}

/** R-KEEP-3, R-USE-8: records found missing or damaged and not yet followed up. */
const flaggedRecords: TodoProvider = async ({ db }) => {
  const open = await unresolvedIncidents(db)
  return countEntry(open, 'flaggedRecords', 'error', 'storage', 'R-KEEP-3')
}

/** R-KEEP-3: rooms without today's temperature and humidity reading, and rooms whose reading today is out of the band. */
const environmentToday: TodoProvider = async ({ db, today, custody }) => {
  const rooms = await roomReadingsOn(db, today)
  const unread = rooms.filter((room) => room.readOn === null).map((room) => room.path)
  const outOfRange = rooms
    .filter((room) => room.readOn !== null && judgeReading(room, custody).outOfRange)
    .map((room) => room.path)
  const entries: TodoEntry[] = []
  if (unread.length > 0) {
    entries.push({
      key: 'readingsMissing',
      count: unread.length,
      severity: 'info',
      section: 'storage',
      ruleId: 'R-KEEP-3',
      reason: 'policy.todo.readingsMissing',
      params: { rooms: unread.join('、') }
    })
  }
  if (outOfRange.length > 0) {
    entries.push({
      key: 'environmentOutOfRange',
      count: outOfRange.length,
      severity: 'warning',
      section: 'storage',
      ruleId: 'R-KEEP-3',
      reason: 'policy.todo.environmentOutOfRange',
      params: { rooms: outOfRange.join('、') }
    })
  }
  return entries
}

/** R-USE-8: loans due back today, to remind the borrowers before they are late. */
const loansDueToday: TodoProvider = async ({ db, today }) => {
  const due = await loansDueOn(db, today)
  return countEntry(due, 'loansDueToday', 'info', 'use', 'R-USE-8')
}

/** R-USE-8: loans out past their due date, with the oldest due date so the longest overdue is chased first. */
const loansOverdue: TodoProvider = async ({ db, today }) => {
  const { late, oldest } = await loansDueBefore(db, today)
  return countEntry(late, 'loansOverdue', 'error', 'use', 'R-USE-8', { oldestDueOn: oldest! })
}

/** R-USE-1: reading happens in the room within the day; a consultation still out from an earlier day was not closed. */
const consultationsLeftOut: TodoProvider = async ({ db, today }) => {
  const { open, oldest } = await consultationsOutBefore(db, today)
  return countEntry(open, 'consultationsLeftOut', 'warning', 'use', 'R-USE-1', { oldestOutOn: oldest! })
}

/** R-DISP-4: records whose retention period has ended and that no open appraisal batch has taken up yet. */
const expiredUnlisted: TodoProvider = async ({ db, today }) => {
  const count = await dueNotInOpenBatch(db, today)
  return countEntry(count, 'expiredUnlisted', 'warning', 'disposal', 'R-DISP-4')
}

/** R-DISP-6, R-DISP-7: batches whose six months apart have passed, or that are verified and wait for the supervisors. */
const destructionDue: TodoProvider = async ({ db, today }) => {
  const count = await batchesReadyForDestruction(db, today)
  return countEntry(count, 'destructionDue', 'warning', 'disposal', 'R-DISP-6')
}

/** R-DISP-3: holds in force, so nobody forgets to release one when its dispute is settled. */
const holdsInForce: TodoProvider = async ({ db }) => {
  const count = await unreleasedHolds(db)
  return countEntry(count, 'holdsInForce', 'info', 'disposal', 'R-DISP-3')
}

/**
 * S29, S46–S47, S59–S61, S154, S21, S165: late temporary files, visits and reviews due, credit limits and staff to see
 * to, and last month's customer-archive report.
 */
const customerUpkeep: TodoProvider = async ({ db, today, customerUpkeep }) => [
  ...(await customerUpkeepTodo(db, customerUpkeep, today)),
  ...(await customerReportTodo(db, today))
]

/** S103: individuals' requests about their information not answered by the set day. */
const rightsOverdue: TodoProvider = async ({ db, today }) => {
  const count = await overdueRightsRequests(db, today)
  return countEntry(count, 'rightsOverdue', 'error', 'customers', 'S103')
}

/** S131: requests to disclose customers' information that wait for their approval. */
const disclosuresAwaiting: TodoProvider = async ({ db }) => {
  const count = await disclosuresAwaitingApproval(db)
  return countEntry(count, 'disclosuresAwaiting', 'warning', 'customers', 'S131')
}

/** The dashboard asks each in turn; each returns nothing when all is well. */
export const TODO_PROVIDERS: TodoProvider[] = [
  overdueFiling,
  inspections,
  fixityCheck,
  flaggedRecords,
  environmentToday,
  loansDueToday,
  loansOverdue,
  consultationsLeftOut,
  expiredUnlisted,
  destructionDue,
  holdsInForce,
  customerUpkeep,
  rightsOverdue,
  disclosuresAwaiting
]
