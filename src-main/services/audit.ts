import type { AuditEntry, AuditVerification, Page, Role } from '@preload/contract'
import { maskPersonalData, maySeePersonalData } from '../policy/roles'
import {
  auditEntriesOf,
  auditEntryCount,
  lastAuditEntry,
  lastAuditTime,
  listAuditEntries,
  type AuditListRecord
} from '../db/audit'
import { recordedContacts } from '../db/customers'
import { fieldKeyOf } from '../db/field-codec'
import { pageTotal } from '../db/paging'
import { auditSealHtml } from '../reports/audit-printables'
import type { Store } from '../store'
import { readAuditHead } from './audit-anchor'
import { verifyChain, type Actor, type AuditDraft, type ChainAnchor } from './audit-chain'

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
  constructor(
    private readonly store: Store,
    private readonly dataDir: string,
    /** The chain's head as the newest backup taken after the given time recorded it (BackupService.newestAnchor). */
    private readonly newestBackupAnchor: (after: string | null) => Promise<ChainAnchor | null>
  ) {}

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
    const { rows, ...count } = await listAuditEntries(
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
    // S124–S125: contacts' phones and e-mails are kept sealed in the snapshots, and opened only to be shown.
    const key = fieldKeyOf(this.store.db)
    const opened = (value: string | null) => recordedContacts(key, parse(value), 'open')
    const shown = maySeePersonalData(role) ? (value: unknown) => value : maskPersonalData
    return {
      rows: rows.map((r) => ({ ...r, before: shown(opened(r.before)), after: shown(opened(r.after)) })),
      ...pageTotal(count),
      page: filter.page,
      pageSize: filter.pageSize
    }
  }

  /**
   * R-SEC-1: recomputes the whole chain, then checks it against the anchors kept outside the database: the head file
   * (the newest entry when the last audited write committed) and the newest backup's manifest. An entry missing at
   * the end or changed shows against them even when the rest was re-signed.
   */
  async verify(): Promise<AuditVerification> {
    const head = readAuditHead(this.dataDir)
    const anchors: ChainAnchor[] = head ? [{ source: 'head', lastId: head.lastId, hash: head.hash }] : []
    const backup = await this.newestBackupAnchor(await lastAuditTime(this.store.db, 'backup', 'restore'))
    if (backup) anchors.push(backup)
    return verifyChain(this.store.db, this.store.auditKey, anchors)
  }

  /** The chain against a printed 审计封存单: the entry it names must still be there, with the hash printed. */
  checkSeal(seal: { lastId: number; hash: string }): Promise<AuditVerification> {
    return verifyChain(this.store.db, this.store.auditKey, [{ source: 'seal', ...seal }])
  }

  /**
   * 审计封存单: the head as it stands, with a verification just before, printed for the auditor to sign. The printing
   * is itself recorded, after the head it names, with that head, so the log says which seals exist.
   */
  async seal(actor: Actor): Promise<{ html: string }> {
    const verification = await this.verify()
    // Read after the verification: entries committed meanwhile are newer, and the head named is still in the chain.
    const head = await lastAuditEntry(this.store.db)
    if (!head) throw new Error('the audit log is empty: at least the administrator set-up is recorded')
    const count = await auditEntryCount(this.store.db)
    const html = auditSealHtml({
      sealedAt: this.store.clock().toISOString(),
      count,
      lastId: head.lastId,
      lastAt: head.at,
      hash: head.hash,
      intact: verification.ok,
      problem: verification.problem,
      firstBrokenId: verification.firstBrokenId,
      anchor: verification.anchor
    })
    await this.record(actor, {
      entity: 'audit',
      entityId: 'chain',
      action: 'seal',
      after: { count, ...head, intact: verification.ok }
    })
    return { html }
  }

  /** Audit entries of one entity, oldest first; the customer history is read from here. */
  forEntity(entity: string, entityId: string, actions: string[]): Promise<AuditListRecord[]> {
    return auditEntriesOf(this.store.db, entity, entityId, actions)
  }
}
