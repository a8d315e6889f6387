import type { CustomerAnalysis, IssuedCustomerReport, MonthlyCustomerReport, Role, TodoEntry } from '@preload/contract'
import type { Db } from '../db/connection'
import {
  anyCustomer,
  approveIssuedReport,
  customerBreakdown,
  customerDocumentCounts,
  findIssuedReport,
  insertDistribution,
  insertIssuedReport,
  issuedReports,
  outstandingCustomerDocuments
} from '../db/customer-reports'
import { enforce, notFound } from '../errors'
import { addDays, addMonths, localDay } from '../policy/calendar'
import { decideDistribution, decidePreparation, decideReportApproval, reportDue } from '../policy/customer-reports'
import type { Actor, Store } from '../store'

const withoutPreparer = ({ preparedById: _preparer, ...report }: IssuedCustomerReport & { preparedById: number }) =>
  report

/**
 * The periodic customer-archive reports (issue 20, custa): the monthly count due by the 5th (S165), the composition
 * and credit analysis (S170), released only once approved and with every copy handed out logged (S167–S168).
 */
export class CustomerReportsService {
  constructor(private readonly store: Store) {}

  /** S165: the month's figures, counted to its last day; what is out is what is out now. */
  async monthly(month: string, db: Db = this.store.db): Promise<MonthlyCustomerReport> {
    const lastDay = addDays(addMonths(`${month}-01`, 1), -1)
    return { month, ...(await customerDocumentCounts(db, lastDay)), out: await outstandingCustomerDocuments(db) }
  }

  /** S170: customers by grade, industry, region and credit grade, with their credit limits in force. */
  async analysis(db: Db = this.store.db): Promise<CustomerAnalysis> {
    return {
      byGrade: await customerBreakdown(db, 'grade'),
      byIndustry: await customerBreakdown(db, 'industry'),
      byRegion: await customerBreakdown(db, 'region'),
      byCredit: await customerBreakdown(db, 'credit')
    }
  }

  async list(): Promise<IssuedCustomerReport[]> {
    return (await issuedReports(this.store.db)).map(withoutPreparer)
  }

  /** S165: the month's report prepared once, its figures kept as they stood. */
  async prepare(actor: Actor, month: string): Promise<IssuedCustomerReport> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      enforce(decidePreparation((await findIssuedReport(db, { month })) !== undefined, month, localDay(now)))
      const figures = { monthly: await this.monthly(month, db), analysis: await this.analysis(db) }
      const id = await insertIssuedReport(db, {
        month,
        figures: JSON.stringify(figures),
        preparedBy: actor.userId ?? 0,
        preparedAt: now.toISOString()
      })
      await audit({ entity: 'statistics', entityId: `customers-${month}`, action: 'create', after: { month } })
      return withoutPreparer((await findIssuedReport(db, { id }))!)
    })
  }

  /** S167–S168: a manager other than the preparer approves; only then is it released. */
  async approve(actor: Actor, role: Role, id: number): Promise<IssuedCustomerReport> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const report = await findIssuedReport(db, { id })
      if (!report) throw notFound('customerUpkeep.policy.reportNotFound')
      enforce(
        decideReportApproval(
          { preparedBy: report.preparedById, approvedAt: report.approvedAt },
          {
            userId: actor.userId ?? 0,
            role
          }
        )
      )
      await approveIssuedReport(db, id, actor.userId ?? 0, now.toISOString())
      await audit({ entity: 'statistics', entityId: `customers-${report.month}`, action: 'sign' })
      return withoutPreparer((await findIssuedReport(db, { id }))!)
    })
  }

  /** S168: each copy handed out, to whom and which department, once the report is approved. */
  async distribute(
    actor: Actor,
    input: { id: number; recipient: string; department: string; distributedOn: string }
  ): Promise<IssuedCustomerReport> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      const report = await findIssuedReport(db, { id: input.id })
      if (!report) throw notFound('customerUpkeep.policy.reportNotFound')
      enforce(decideDistribution(report))
      const { id, ...entry } = input
      await insertDistribution(db, {
        reportId: id,
        ...entry,
        recordedBy: actor.userId ?? 0,
        recordedAt: now.toISOString()
      })
      await audit({ entity: 'statistics', entityId: `customers-${report.month}`, action: 'export', after: entry })
      return withoutPreparer((await findIssuedReport(db, { id }))!)
    })
  }
}

/** S165: last month's report, due by the 5th, while it is not prepared; only where there are customers to count. */
export async function customerReportTodo(db: Db, today: string): Promise<TodoEntry[]> {
  const due = reportDue(today)
  if (!(await anyCustomer(db)) || (await findIssuedReport(db, { month: due.month }))) return []
  return [
    {
      key: 'customerReportDue',
      count: 1,
      severity: due.late ? 'error' : 'warning',
      section: 'customers',
      ruleId: 'S165',
      reason: 'customerUpkeep.todo.reportDue',
      params: { month: due.month, dueOn: due.dueOn }
    }
  ]
}
