import type { EntityManager } from 'typeorm'
import { securitySettingsSchema, type PolicyVersion, type SecuritySettings } from '../../src-preload/contract'
import { PolicyVersionEntity, type PolicyVersionRecord } from '../db/entities'
import type { Actor, Store } from '../store'

export const DEFAULT_SECURITY: SecuritySettings = { idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 }

const SECURITY = 'security'

/** Settings are versioned policy data: every save is a new version and earlier ones stay readable (arch. rule 4). */
export class SettingsService {
  constructor(private readonly store: Store) {}

  async security(manager: EntityManager = this.store.manager): Promise<PolicyVersion<SecuritySettings>> {
    const latest = await manager.findOne(PolicyVersionEntity, { where: { namespace: SECURITY }, order: { version: 'DESC' } })
    if (!latest) return { version: 0, createdAt: '', createdBy: '', data: DEFAULT_SECURITY }
    return toVersion(latest)
  }

  async securityHistory(): Promise<PolicyVersion<SecuritySettings>[]> {
    const rows = await this.store.manager.find(PolicyVersionEntity, { where: { namespace: SECURITY }, order: { version: 'DESC' } })
    return rows.map(toVersion)
  }

  saveSecurity(actor: Actor, settings: SecuritySettings): Promise<PolicyVersion<SecuritySettings>> {
    return this.store.write(actor, async ({ manager, now, audit }) => {
      const current = await this.security(manager)
      const record = {
        namespace: SECURITY,
        version: current.version + 1,
        data: JSON.stringify(settings),
        createdAt: now.toISOString(),
        createdBy: actor.username
      }
      await manager.insert(PolicyVersionEntity, record)
      await audit({ entity: 'policy', entityId: `${SECURITY}@${record.version}`, action: 'update', before: current.data, after: settings })
      return toVersion(record)
    })
  }
}

function toVersion(record: Omit<PolicyVersionRecord, 'id'>): PolicyVersion<SecuritySettings> {
  return {
    version: record.version,
    createdAt: record.createdAt,
    createdBy: record.createdBy,
    data: securitySettingsSchema.parse(JSON.parse(record.data))
  }
}
