import type { OverdueEntry } from '../../src-preload/contract'
import { overdueAnnualFiling, overdueCustomerMaterials } from '../policy/deadlines'
import type { Store } from '../store'
import type { SettingsService } from './settings'

/** The local calendar day on this PC, which is the day the archivist lives in. */
export function localDay(now: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0')
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`
}

export class DashboardService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  /** R-FILE-9, R-CUST-3: what is late today — customer materials not filed in time, last year's records after June. */
  async overdue(): Promise<OverdueEntry[]> {
    const policy = (await this.settings.filing()).data
    // Item-level filing (DA/T 22) counts as filed once the coded item is on its shelf; volumes count their items.
    const rows: { id: number; title: string; archivalCode: string | null; receivedOn: string; year: number; customer: number }[] =
      await this.store.manager.query(
        `SELECT id, title, archival_code AS archivalCode, received_on AS receivedOn, year,
                customer_id IS NOT NULL AS customer
         FROM items WHERE status = 'received' OR (status = 'catalogued' AND home_location_id IS NULL)`
      )
    const today = localDay(this.store.clock())
    const byId = new Map(rows.map((row) => [row.id, row]))
    const late = [
      ...overdueCustomerMaterials(
        rows.map((r) => ({ id: r.id, receivedOn: r.receivedOn, filed: false, isCustomerMaterial: Boolean(r.customer) })),
        today,
        policy
      ),
      ...overdueAnnualFiling(rows.map((r) => ({ id: r.id, year: r.year, filed: false })), today, policy)
    ]
    return late
      .map((entry) => {
        const row = byId.get(entry.id)!
        return { itemId: entry.id, title: row.title, archivalCode: row.archivalCode, dueOn: entry.dueOn, daysLate: entry.daysLate, ruleId: entry.ruleId, reason: entry.reason }
      })
      .sort((a, b) => b.daysLate - a.daysLate)
  }
}
