import type { FirstRunGap, FirstRunInput, FirstRunSetup } from '@preload/contract'
import type { Db } from '../db/connection'
import { fondsInUse } from '../db/reference-use'
import type { Actor, Store } from '../store'
import { DEFAULT_FILING, type SettingsService } from './settings'

/**
 * Issue 13: the first-run wizard after the administrator's account. It reads and writes the settings that already
 * hold each answer (the first fonds, the department list, the backup folder), so nothing is kept twice.
 */
export class FirstRunService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService,
    /** The backup service's check of a folder a backup will be written to. */
    private readonly checkBackupFolder: (folder: string) => void,
    /** Whether the administrator has set the recovery passphrase (issue 15.2), which lives beside the database. */
    private readonly recoveryPassphraseSet: () => boolean
  ) {}

  async get(db: Db = this.store.db): Promise<FirstRunSetup> {
    const filing = (await this.settings.filing(db)).data
    const backup = (await this.settings.backupSettings.current(db)).data
    const [company] = filing.fonds
    const missing: FirstRunGap[] = []
    // The installed placeholder 本公司 on a cover says nothing about whose archive it is.
    if (company.name === DEFAULT_FILING.fonds[0].name) missing.push('companyName')
    if (backup.folder === '') missing.push('backupFolder')
    if (!this.recoveryPassphraseSet()) missing.push('recoveryPassphrase')
    return {
      companyName: company.name,
      fondsCode: company.code,
      departments: filing.departments,
      backupFolder: backup.folder,
      missing
    }
  }

  async save(actor: Actor, input: FirstRunInput): Promise<FirstRunSetup> {
    if (input.backupFolder !== '') this.checkBackupFolder(input.backupFolder)
    return this.store.write(actor, async ({ db, now }) => {
      const filing = (await this.settings.filing(db)).data
      const backup = (await this.settings.backupSettings.current(db)).data
      await this.settings.keepUsedDepartments(db, input.departments)
      const [previous, ...others] = filing.fonds
      // A fonds code that records are already filed under keeps its entry, so their covers still name it.
      const keepPrevious = previous.code !== input.fondsCode && (await fondsInUse(db, previous.code))
      const fonds = [
        { code: input.fondsCode, name: input.companyName },
        ...(keepPrevious ? [previous] : []),
        ...others.filter((entry) => entry.code !== input.fondsCode)
      ]
      const nextFiling = { ...filing, fonds, departments: input.departments }
      if (JSON.stringify(nextFiling) !== JSON.stringify(filing))
        await this.settings.filingSettings.saveWithin(db, actor, now, nextFiling)
      if (input.backupFolder !== backup.folder)
        await this.settings.backupSettings.saveWithin(db, actor, now, { ...backup, folder: input.backupFolder })
      return this.get(db)
    })
  }
}
