import { grantedByMonth, keptBy, unfiledItems } from '../db/dashboard'
import type { HoldingsCharts, OverdueEntry, TodoEntry, UseCharts, UseKind } from '../../src-preload/contract'
import { localDay } from '../policy/calendar'
import { overdueAnnualFiling, overdueCustomerMaterials } from '../policy/deadlines'
import type { Store } from '../store'
import type { SettingsService } from './settings'
import { TODO_PROVIDERS } from './todo-providers'

export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  /** R-FILE-9, R-CUST-3: what is late today — customer materials not filed in time, last year's records after June. */
  async overdue(): Promise<OverdueEntry[]> {
    const policy = (await this.settings.filing()).data
    const rows = await unfiledItems(this.store.db)
    const today = localDay(this.store.clock())
    const byId = new Map(rows.map((row) => [row.id, row]))
    const late = [
      ...overdueCustomerMaterials(
        rows.map((r) => ({
          id: r.id,
          receivedOn: r.receivedOn,
          filed: false,
          isCustomerMaterial: Boolean(r.customer)
        })),
        today,
        policy
      ),
      ...overdueAnnualFiling(
        rows.map((r) => ({ id: r.id, year: r.year, filed: false })),
        today,
        policy
      )
    ]
    return late
      .map((entry) => {
        const row = byId.get(entry.id)!
        return {
          itemId: entry.id,
          title: row.title,
          archivalCode: row.archivalCode,
          dueOn: entry.dueOn,
          daysLate: entry.daysLate,
          ruleId: entry.ruleId,
          reason: entry.reason
        }
      })
      .sort((a, b) => b.daysLate - a.daysLate)
  }

  /** What needs doing today, from every provider in turn. */
  async todo(): Promise<TodoEntry[]> {
    const context = {
      db: this.store.db,
      today: localDay(this.store.clock()),
      custody: (await this.settings.custody()).data,
      overdueFiling: () => this.overdue()
    }
    const entries: TodoEntry[] = []
    for (const provider of TODO_PROVIDERS) entries.push(...(await provider(context)))
    return entries
  }

  /** Records kept now (not destroyed), by category and by filing year, for the dashboard's charts. */
  async holdings(): Promise<HoldingsCharts> {
    const db = this.store.db
    const categories = (await this.settings.filing()).data.categories
    const [itemsByCategory, volumesByCategory, itemsByYear, volumesByYear] = await Promise.all([
      keptBy(db, 'items', 'category_code', true),
      keptBy(db, 'volumes', 'category_code', false),
      keptBy(db, 'items', 'year', false),
      keptBy(db, 'volumes', 'year', false)
    ])
    const codes = [...new Set([...itemsByCategory, ...volumesByCategory].map((row) => String(row.code)))]
    const order = (code: string) => {
      const index = categories.findIndex((c) => c.code === code)
      return index < 0 ? categories.length : index
    }
    const years = [...new Set([...itemsByYear, ...volumesByYear].map((row) => Number(row.code)))].sort((a, b) => a - b)
    return {
      byCategory: codes
        .sort((a, b) => order(a) - order(b) || a.localeCompare(b))
        .map((code) => ({
          code,
          label: categories.find((c) => c.code === code)?.name ?? code,
          items: itemsByCategory.find((row) => row.code === code)?.n ?? 0,
          pages: itemsByCategory.find((row) => row.code === code)?.pages ?? 0,
          volumes: volumesByCategory.find((row) => row.code === code)?.n ?? 0
        })),
      byYear: years.map((year) => ({
        year,
        items: itemsByYear.find((row) => Number(row.code) === year)?.n ?? 0,
        volumes: volumesByYear.find((row) => Number(row.code) === year)?.n ?? 0
      }))
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
