import type { Db } from '../db/connection'
import { z } from 'zod'
import {
  custodySettingsSchema,
  DEFAULT_POLICY_VERSION,
  type CustodySettings,
  backupSettingsSchema,
  filingSettingsSchema,
  type BackupSettings,
  securitySettingsSchema,
  type FieldError,
  type FilingSettings,
  type PolicyVersion,
  type SecuritySettings,
  disposalSettingsSchema,
  type DisposalSettingsData,
  useSettingsSchema,
  customerUpkeepSettingsSchema,
  type CustomerUpkeepSettings,
  customerPrivacySettingsSchema,
  electronicSettingsSchema,
  type ElectronicSettings
} from '@preload/contract'
import { insertPolicyVersion, latestPolicyVersion, policyVersions } from '../db/settings'
import { DEFAULT_DEADLINES } from '../policy/deadlines'
import { DEFAULT_DISPOSAL } from '../policy/disposal'
import { DEFAULT_CUSTOMER_UPKEEP } from '../policy/customer-upkeep'
import { DEFAULT_ELECTRONIC_SETTINGS } from '../policy/electronic'
import { checkTemplate, DEFAULT_ITEM_CODE_TEMPLATE, DEFAULT_VOLUME_CODE_TEMPLATE } from '../policy/codes'
import { AppFailure, enforce } from '../errors'
import { departmentUses } from '../db/reference-use'
import { decideDepartmentRemoval } from '../policy/departments'
import type { Actor, Store } from '../store'
import { appendAudit } from './audit-chain'

/** No folder until someone chooses the USB stick; remind after a week without a backup. */
export const DEFAULT_BACKUP: BackupSettings = { folder: '', dailyAt: null, reminderDays: 7 }

export const DEFAULT_SECURITY: SecuritySettings = { idleLockMinutes: 15, maxFailedLogins: 5, lockoutMinutes: 15 }

/** Defaults follow 000 and the standards: DA/T 22 categories plus the company's customer files (KH), Y/D30/D10. */
export const DEFAULT_FILING: FilingSettings = {
  fonds: [{ code: 'J001', name: '本公司' }],
  categories: [
    { code: 'WS', name: '文书' },
    { code: 'KJ', name: '会计' },
    { code: 'RS', name: '人事' },
    { code: 'KU', name: '科技' },
    { code: 'ZY', name: '专业' },
    { code: 'ZP', name: '照片' },
    { code: 'LY', name: '录音' },
    { code: 'LX', name: '录像' },
    { code: 'SJ', name: '实物' },
    { code: 'YJ', name: '印章' },
    { code: 'WY', name: '外文' },
    { code: 'MT', name: '电子媒体' },
    { code: 'KH', name: '客户档案' }
  ],
  retentionPeriods: [
    { code: 'Y', name: '永久', years: null },
    { code: 'D30', name: '定期30年', years: 30 },
    { code: 'D10', name: '定期10年', years: 10 }
  ],
  departments: [
    { code: 'ZS', name: '招商运营部' },
    { code: 'BGS', name: '办公室' }
  ],
  defaultCatalogueCode: '1',
  itemCodeTemplate: DEFAULT_ITEM_CODE_TEMPLATE,
  volumeCodeTemplate: DEFAULT_VOLUME_CODE_TEMPLATE,
  customerFilingDays: DEFAULT_DEADLINES.customerFilingDays,
  customerRegistrationWorkingDays: DEFAULT_DEADLINES.customerRegistrationWorkingDays,
  annualFilingMonth: DEFAULT_DEADLINES.annualFilingMonth,
  customerCategoryCode: 'KH',
  customerRetentionCode: 'D30'
}

/** R-KEEP-3/4: paper records keep at 14–24 ℃ and 45–60 % RH (JGJ 25); half-yearly inspections; the room rules of 000 Art20. */
export const DEFAULT_CUSTODY: CustodySettings = {
  temperatureMin: 14,
  temperatureMax: 24,
  humidityMin: 45,
  humidityMax: 60,
  inspectionIntervalMonths: 6,
  checklist: [
    '防火设施完好',
    '防潮、防水设施完好',
    '库房内无无关物品',
    '无吸烟现象',
    '防盗设施完好',
    '防虫、防鼠措施到位',
    '防光（遮光）措施到位',
    '离开时已上锁'
  ]
}

/** One namespace of versioned policy data: every save is a new version and earlier ones stay readable (arch. rule 4). */
export class VersionedSettings<T> {
  constructor(
    private readonly store: Store,
    private readonly namespace: string,
    private readonly schema: z.ZodType<T>,
    private readonly defaults: T
  ) {}

  async current(db: Db = this.store.db): Promise<PolicyVersion<T>> {
    const latest = await latestPolicyVersion(db, this.namespace)
    if (!latest) return { version: DEFAULT_POLICY_VERSION, createdAt: '', createdBy: '', data: this.defaults }
    return this.toVersion(latest)
  }

  async history(): Promise<PolicyVersion<T>[]> {
    const rows = await policyVersions(this.store.db, this.namespace)
    return rows.map((row) => this.toVersion(row))
  }

  save(actor: Actor, data: T, check?: (data: T, db: Db) => void | Promise<void>): Promise<PolicyVersion<T>> {
    return this.store.write(actor, async ({ db, now }) => {
      await check?.(data, db)
      return this.saveWithin(db, actor, now, data)
    })
  }

  /** The same save inside a transaction that is already open, e.g. an import remembering its column mapping. */
  async saveWithin(db: Db, actor: Actor, now: Date, data: T): Promise<PolicyVersion<T>> {
    const current = await this.current(db)
    const record = {
      namespace: this.namespace,
      version: current.version + 1,
      data: JSON.stringify(data),
      createdAt: now.toISOString(),
      createdBy: actor.username
    }
    await insertPolicyVersion(db, record)
    await appendAudit(db, actor, now, {
      entity: 'policy',
      entityId: `${this.namespace}@${record.version}`,
      action: 'update',
      before: current.data,
      after: data
    })
    return this.toVersion(record)
  }

  private toVersion(record: { version: number; createdAt: string; createdBy: string; data: string }): PolicyVersion<T> {
    return {
      version: record.version,
      createdAt: record.createdAt,
      createdBy: record.createdBy,
      data: this.schema.parse(JSON.parse(record.data))
    }
  }
}

/**
 * Every namespace of versioned settings and the shape its data must have. The services read them through these, and
 * a backup whose settings do not fit them is refused: one such row would leave every screen that reads it broken.
 */
export const SETTINGS_SCHEMAS = {
  importMappings: z.record(z.string(), z.array(z.string().nullable())),
  backup: backupSettingsSchema,
  security: securitySettingsSchema,
  filing: filingSettingsSchema,
  custody: custodySettingsSchema,
  disposal: disposalSettingsSchema,
  use: useSettingsSchema,
  customerUpkeep: customerUpkeepSettingsSchema,
  customerPrivacy: customerPrivacySettingsSchema,
  electronic: electronicSettingsSchema
} as const

export class SettingsService {
  readonly securitySettings: VersionedSettings<SecuritySettings>
  readonly filingSettings: VersionedSettings<FilingSettings>
  readonly backupSettings: VersionedSettings<BackupSettings>
  readonly custodySettings: VersionedSettings<CustodySettings>
  /** R-DISP-6, R-DISP-7: hold period, supervisors needed and destruction methods. */
  readonly disposalSettings: VersionedSettings<DisposalSettingsData>
  /** Column mappings remembered per file layout, so the same kind of spreadsheet maps itself next time. */
  readonly importMappings: VersionedSettings<Record<string, (string | null)[]>>
  /** S29, S37–S39, S46–S47, S59–S61: the customer file's deadlines, verifiers, visits and review cycles. */
  readonly customerUpkeepSettings: VersionedSettings<CustomerUpkeepSettings>
  /** R-ELEC-3: how often the stored electronic files are machine-checked. */
  readonly electronicSettings: VersionedSettings<ElectronicSettings>

  constructor(store: Store) {
    this.importMappings = new VersionedSettings(store, 'importMappings', SETTINGS_SCHEMAS.importMappings, {})
    this.backupSettings = new VersionedSettings(store, 'backup', SETTINGS_SCHEMAS.backup, DEFAULT_BACKUP)
    this.securitySettings = new VersionedSettings(store, 'security', SETTINGS_SCHEMAS.security, DEFAULT_SECURITY)
    this.filingSettings = new VersionedSettings(store, 'filing', SETTINGS_SCHEMAS.filing, DEFAULT_FILING)
    this.custodySettings = new VersionedSettings(store, 'custody', SETTINGS_SCHEMAS.custody, DEFAULT_CUSTODY)
    this.disposalSettings = new VersionedSettings(store, 'disposal', SETTINGS_SCHEMAS.disposal, DEFAULT_DISPOSAL)
    this.customerUpkeepSettings = new VersionedSettings(
      store,
      'customerUpkeep',
      SETTINGS_SCHEMAS.customerUpkeep,
      DEFAULT_CUSTOMER_UPKEEP
    )
    this.electronicSettings = new VersionedSettings(
      store,
      'electronic',
      SETTINGS_SCHEMAS.electronic,
      DEFAULT_ELECTRONIC_SETTINGS
    )
  }

  security(db?: Db): Promise<PolicyVersion<SecuritySettings>> {
    return this.securitySettings.current(db)
  }

  securityHistory(): Promise<PolicyVersion<SecuritySettings>[]> {
    return this.securitySettings.history()
  }

  saveSecurity(actor: Actor, settings: SecuritySettings): Promise<PolicyVersion<SecuritySettings>> {
    return this.securitySettings.save(actor, settings)
  }

  custody(db?: Db): Promise<PolicyVersion<CustodySettings>> {
    return this.custodySettings.current(db)
  }

  filing(db?: Db): Promise<PolicyVersion<FilingSettings>> {
    return this.filingSettings.current(db)
  }

  /** R-ROLE-3: a department still named by an account or a record stays on the list; the refusal names them. */
  async keepUsedDepartments(db: Db, next: FilingSettings['departments']): Promise<void> {
    const kept = new Set(next.map((entry) => entry.code))
    const removed = (await this.filing(db)).data.departments.map((entry) => entry.code).filter((c) => !kept.has(c))
    enforce(decideDepartmentRemoval(await departmentUses(db, removed)))
  }

  /**
   * R-FILE-10: templates must be usable before they are saved; a broken template would stop all numbering. R-CUST-2: the
   * customer files' category and period must be listed.
   */
  saveFiling(actor: Actor, settings: FilingSettings): Promise<PolicyVersion<FilingSettings>> {
    return this.filingSettings.save(actor, settings, async (data, db) => {
      await this.keepUsedDepartments(db, data.departments)
      const problems = [
        ['itemCodeTemplate', checkTemplate(data.itemCodeTemplate, 'item')],
        ['volumeCodeTemplate', checkTemplate(data.volumeCodeTemplate, 'volume')]
      ] as const
      const details: FieldError[] = problems.flatMap(([path, decision]) =>
        decision.ok
          ? []
          : [
              {
                path,
                message: decision.refusal.reason,
                ...(decision.refusal.params ? { params: decision.refusal.params } : {})
              }
            ]
      )
      const customerCodes: [string, string, { code: string }[]][] = [
        ['customerCategoryCode', data.customerCategoryCode, data.categories],
        ['customerRetentionCode', data.customerRetentionCode, data.retentionPeriods]
      ]
      for (const [path, value, entries] of customerCodes)
        if (!entries.some((entry) => entry.code === value))
          details.push({ path, message: 'validation.unknownCode', params: { code: value } })
      if (details.length > 0) throw new AppFailure('VALIDATION', 'errors.validation', { details })
    })
  }
}
