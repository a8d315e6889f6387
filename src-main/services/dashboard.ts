import { grantedByMonth, keptByCategoryAndYear, unfiledCustomerMaterials, unfiledUpToYear } from '../db/dashboard'
import type { HoldingsCharts, OverdueEntry, TodoEntry, UseCharts, UseKind } from '@preload/contract'
import { localDay } from '../policy/calendar'
import { nameOfCode } from '../policy/codes'
import { lateBounds, overdueAnnualFiling, overdueCustomerMaterials } from '../policy/deadlines'
import type { Store } from '../store'
import type { SettingsService } from './settings'
import { TODO_PROVIDERS } from './todo-providers'

/** The dashboard lists this many of the latest records; the to-do list counts them all. */
export const OVERDUE_LISTED = 500

export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  /**
   * R-FILE-9, R-CUST-3: what is late today. Only records past the bounds of lateness are read, through the partial
   * indexes of unfiled items, the longest late first; the rules judge each of them as before.
   */
  private async late(listed: number): Promise<{ entries: OverdueEntry[]; counts: Map<string, number> }> {
    const policy = (await this.settings.filing()).data
    const today = localDay(this.store.clock())
    const bounds = lateBounds(today, policy)
    const customer = await unfiledCustomerMaterials(this.store.db, bounds.customerReceivedBy, listed)
    const annual = await unfiledUpToYear(this.store.db, bounds.annualYearUpTo, listed)
    const byId = new Map([...customer.first, ...annual.first].map((row) => [row.id, row]))
    const late = [
      ...overdueCustomerMaterials(
        customer.first.map((r) => ({ id: r.id, receivedOn: r.receivedOn, filed: false, isCustomerMaterial: true })),
        today,
        policy
      ),
      ...overdueAnnualFiling(
        annual.first.map((r) => ({ id: r.id, year: r.year, receivedOn: r.receivedOn, filed: false })),
        today,
        policy
      )
    ]
    const entries = late
      .map((entry) => {
        const row = byId.get(entry.id)!
        return {
          itemId: entry.id,
          title: row.title,
          archivalCode: row.archivalCode,
          dueOn: entry.dueOn,
          daysLate: entry.daysLate,
          ruleId: entry.ruleId,
          reason: entry.reason,
          handedInLateDays: entry.handedInLateDays ?? null
        }
      })
      .sort((a, b) => b.daysLate - a.daysLate || (b.handedInLateDays ?? 0) - (a.handedInLateDays ?? 0))
      .slice(0, listed)
    const counts = new Map(
      [
        ['R-CUST-3', customer.count],
        ['R-FILE-9', annual.count]
      ].filter(([, count]) => Number(count) > 0) as [string, number][]
    )
    return { entries, counts }
  }

  /** The records late today, the longest late first, at most `OVERDUE_LISTED` of them. */
  async overdue(): Promise<OverdueEntry[]> {
    return (await this.late(OVERDUE_LISTED)).entries
  }

  /** What needs doing today, from every provider in turn. */
  async todo(): Promise<TodoEntry[]> {
    const context = {
      db: this.store.db,
      today: localDay(this.store.clock()),
      custody: (await this.settings.custody()).data,
      customerUpkeep: (await this.settings.customerUpkeepSettings.current()).data,
      electronic: (await this.settings.electronicSettings.current()).data,
      overdueFiling: async () => (await this.late(0)).counts
    }
    const entries: TodoEntry[] = []
    for (const provider of TODO_PROVIDERS) entries.push(...(await provider(context)))
    return entries
  }

  /** Records kept now (not destroyed), by category and by filing year, for the dashboard's charts. */
  async holdings(): Promise<HoldingsCharts> {
    const db = this.store.db
    const categories = (await this.settings.filing()).data.categories
    // One grouped pass per table, read in the order of an index; the charts add the groups up each way.
    const items = await keptByCategoryAndYear(db, 'items')
    const volumes = await keptByCategoryAndYear(db, 'volumes')
    const byCategory = new Map<string, { items: number; pages: number; volumes: number }>()
    const byYear = new Map<number, { items: number; volumes: number }>()
    for (const [rows, kind] of [
      [items, 'items'],
      [volumes, 'volumes']
    ] as const) {
      for (const row of rows) {
        const category = byCategory.get(row.category) ?? { items: 0, pages: 0, volumes: 0 }
        category[kind] += row.n
        if (kind === 'items') category.pages += row.pages
        byCategory.set(row.category, category)
        const year = byYear.get(row.year) ?? { items: 0, volumes: 0 }
        year[kind] += row.n
        byYear.set(row.year, year)
      }
    }
    const order = (code: string) => {
      const index = categories.findIndex((c) => c.code === code)
      return index < 0 ? categories.length : index
    }
    return {
      byCategory: [...byCategory.keys()]
        .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
        .map((code) => ({
          code,
          label: nameOfCode(categories, code),
          ...byCategory.get(code)!
        })),
      byYear: [...byYear.keys()].sort((a, b) => a - b).map((year) => ({ year, ...byYear.get(year)! }))
    }
  }

  /** Requests granted per month by kind, over the last 12 months including this one, for the dashboard's chart of use. */
  async use(): Promise<UseCharts> {
    const now = this.store.clock()
    const months = Array.from({ length: 12 }, (_, back) =>
      localDay(new Date(now.getFullYear(), now.getMonth() - 11 + back, 1)).slice(0, 7)
    )
    const rows = await grantedByMonth(this.store.db, `${months[0]}-01`, localDay(now))
    const count = (month: string, kind: UseKind) => rows.find((row) => row.month === month && row.kind === kind)?.n ?? 0
    return {
      byMonth: months.map((month) => ({
        month,
        consultation: count(month, 'consultation'),
        loan: count(month, 'loan'),
        excerpt: count(month, 'excerpt')
      }))
    }
  }
}
