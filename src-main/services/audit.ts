import type { AuditEntry, AuditVerification, Page, Role } from '../../src-preload/contract'
import { maskPersonalData, maySeePersonalData } from '../policy/roles'
import { auditEntriesOf, listAuditEntries, type AuditListRecord } from '../db/audit'
import type { Store } from '../store'
import { verifyChain, type Actor, type AuditDraft } from './audit-chain'

const parse = (value: string | null): unknown => (value === null ? null : JSON.parse(value))

export interface AuditFilter {
  page: number
  pageSize: number
  username?: string
  entity?: string
  action?: string
  from?: string
  to?: string
}

export class AuditService {
  constructor(private readonly store: Store) {}

  /** An event with no other change to record, such as signing out. */
  record(actor: Actor, draft: AuditDraft): Promise<void> {
    return this.store.write(actor, ({ audit }) => audit(draft))
  }

  /** R-CUST-5: the auditor reads contact persons' phones and e-mails masked, as every role without that right does. */
  async list(filter: AuditFilter, role: Role): Promise<Page<AuditEntry>> {
    // Dates are days on this PC's clock, the one the archivist reads; stored times are UTC.
    const dayAfter = (day: string) => {
      const date = new Date(`${day}T00:00:00`)
      date.setDate(date.getDate() + 1)
      return date.toISOString()
    }
    const { rows, total } = await listAuditEntries(
      this.store.db,
      {
        username: filter.username,
        entity: filter.entity,
        action: filter.action,
        atOrAfter: filter.from ? new Date(`${filter.from}T00:00:00`).toISOString() : undefined,
        before: filter.to ? dayAfter(filter.to) : undefined
      },
      { limit: filter.pageSize, offset: (filter.page - 1) * filter.pageSize }
    )
    const shown = maySeePersonalData(role) ? (value: unknown) => value : maskPersonalData
    return {
      rows: rows.map((r) => ({ ...r, before: shown(parse(r.before)), after: shown(parse(r.after)) })),
      total,
      page: filter.page,
      pageSize: filter.pageSize
    }
  }

  /** Recomputes the whole chain; the first entry whose hash or link does not match is reported. */
  verify(): Promise<AuditVerification> {
    return verifyChain(this.store.db)
  }

  /** Audit entries of one entity, oldest first; the customer history is read from here. */
  forEntity(entity: string, entityId: string, actions: string[]): Promise<AuditListRecord[]> {
    return auditEntriesOf(this.store.db, entity, entityId, actions)
  }
}
