import type { Db } from './db/connection'
import { version as packageVersion } from '../package.json'
import type { OpeningProgress, StartupFailure } from '@preload/contract'
import { openStore, UpgradeFailed } from './db/data-source'
import { createDispatcher, type Dispatcher } from './ipc/dispatch'
import { bindHandlers, type Services } from './ipc/handlers'
import { Sessions } from './sessions'
import { AuditService } from './services/audit'
import { ensureAuditKey } from './services/audit-anchor'
import { ensureBackupKey } from './services/backup-key'
import { startupFieldKey } from './db/field-key'
import { CustomerPrivacyService } from './services/customer-privacy'
import { BackupService, type RestoreStage } from './services/backup'
import { encryptInWorkers } from './services/backup-chunks'
import type { RecoveryKdf } from './services/backup-crypto'
import type { PasswordKdf } from './services/passwords'
import { CustomersService } from './services/customers'
import { CustomerUpkeepService } from './services/customer-upkeep'
import { CustomerReportsService } from './services/customer-reports'
import { DashboardService } from './services/dashboard'
import { ExportsService } from './services/exports'
import { ImportsService } from './services/imports'
import type { ImportLimits } from './import/limits'
import { inProcessSource, workerSource } from './import/source'
import { IncidentsService } from './services/incidents'
import { ItemsService } from './services/items'
import { LocationsService } from './services/locations'
import { PrintingService } from './services/printing'
import { RecordsService } from './services/records'
import { VolumesService } from './services/volumes'
import { SettingsService } from './services/settings'
import { FirstRunService } from './services/first-run'
import { UseService } from './services/use'
import { UsersService } from './services/users'
import { EnvironmentService } from './services/environment'
import { InspectionsService } from './services/inspections'
import { StatisticsService } from './services/statistics'
import { AppraisalService } from './services/appraisal'
import { DisposalService } from './services/disposal'
import { HoldsService } from './services/holds'
import { SupportService } from './services/support'
import { ElectronicService } from './services/electronic'
import { FileStore } from './services/file-store'
import { removeDestroyedContents } from './services/electronic-destruction'
import { logFolder, openLog, type Log } from './log'
import path from 'node:path'
import { Store } from './store'

/** Who the app itself acts as, where no person does. */
const SYSTEM = { userId: null, username: 'system' }

export interface AppOptions {
  dataDir: string
  /** The app's own files, e.g. the built app with the web root browser mode serves: no backup may go there. */
  appFolders: readonly string[]
  /** Injected in tests to move time (lockouts, idle locks, due dates). */
  clock?: () => Date
  /** Where start-up, migrations, backups and unexpected errors are written; by default `logs/` in the data folder. */
  log?: Log
  /** Tests only: runs at each stage of a restore, so a test can cut the process off there. */
  atRestoreStage?: (stage: RestoreStage) => Promise<void>
  /** Tests only: a cheaper scrypt for the recovery passphrase (see BackupOptions). */
  recoveryKdf?: RecoveryKdf
  /** Tests only: a cheaper scrypt for new password hashes; a hash carries its cost, so any verifies. */
  passwordKdf?: PasswordKdf
  /** The built import worker (out/main/import-worker.js); without it files are read on the main thread. */
  importWorker?: string
  /** The built backup worker (out/main/backup-worker.js); without it backups are encrypted on the main thread. */
  backupWorker?: string
  /** The built migration worker (out/main/migrate-worker.js); without it an upgrade runs on the main thread. */
  migrationWorker?: string
  /** Told how far the database is in opening and upgrading, for the start-up screen. */
  onStartup?: (progress: OpeningProgress) => void
  /** Tests only: small limits, so a file over one is quick to make. */
  importLimits?: ImportLimits
}

export interface App {
  services: Services
  sessions: Sessions
  dispatch: Dispatcher
  /** The live database outside the app's transactions, for tests that change data behind the app's back. */
  readonly database: Db
  /** Where every write goes through; tests reach its transactions here. */
  store: Store
  preMigrationBackup: string | null
  /** The support log (logs/archive-room.log in the data folder). */
  log: Log
  close(): Promise<void>
}

/** What the start-up screen says of a start that failed (`createApp` threw): the copy is named when one was kept. */
export function startupFailure(error: unknown, dataDir: string): StartupFailure {
  return {
    stage: 'failed',
    reason: reasonOf(error),
    copy: error instanceof StartFailed ? error.copy : null,
    logFolder: logFolder(dataDir)
  }
}

/** The whole back end without Electron: used by the Electron shell, browser mode and the tests alike. */
export async function createApp(options: AppOptions): Promise<App> {
  const clock = options.clock ?? (() => new Date())
  const log = options.log ?? openLog(logFolder(options.dataDir))
  let copy: string | null = null
  let store: Store | null = null
  try {
    const { file, preMigrationBackup } = await openStore(options.dataDir, clock, {
      onProgress: options.onStartup,
      migrationWorker: options.migrationWorker
    })
    copy = preMigrationBackup
    log.info('database opened', {
      version: packageVersion,
      migrated: preMigrationBackup !== null,
      preMigrationBackup: preMigrationBackup && path.basename(preMigrationBackup)
    })
    const keyed = await ensureAuditKey(options.dataDir, file)
    await ensureBackupKey(options.dataDir)
    await startupFieldKey(options.dataDir, file)
    store = new Store(file, clock, { anchorHead: true })
    if (keyed) {
      log.info('audit chain keyed', { ...keyed })
      await store.write(SYSTEM, ({ audit }) =>
        audit({ entity: 'audit', entityId: 'chain', action: 'key', after: keyed })
      )
    }
    return await assemble(options, clock, log, store, preMigrationBackup)
  } catch (error) {
    const kept = error instanceof UpgradeFailed ? error.copy : copy
    // Whatever stopped the start, the log holds it for whoever the start-up screen sends the person to.
    log.error('the app could not start', error, { preMigrationBackup: kept && path.basename(kept) })
    await log.flush()
    // The reason to tell is the one above, not a failure to close what it left half open.
    await store?.close().catch(() => undefined)
    throw new StartFailed(error, kept)
  }
}

/** Why the back end could not start, with the copy kept before an upgrade when one was made. */
export class StartFailed extends Error {
  constructor(
    cause: unknown,
    readonly copy: string | null
  ) {
    super(reasonOf(cause), { cause })
    this.name = 'StartFailed'
  }
}

/** What was thrown, in words for the screen: its message, or failing that whatever names it, never nothing. */
function reasonOf(thrown: unknown): string {
  if (thrown instanceof Error) return thrown.message || thrown.name
  if (typeof thrown === 'string' && thrown.trim() !== '') return thrown
  if (typeof thrown === 'object' && thrown !== null) {
    try {
      const text = JSON.stringify(thrown)
      if (text && text !== '{}') return text
    } catch {
      // A value that cannot be written out (a cycle): its kind is all there is to say.
    }
    return 'object'
  }
  return typeof thrown === 'symbol' ? thrown.toString() : String(thrown) || typeof thrown
}

/** The services, sessions and dispatcher over an opened store. */
async function assemble(
  options: AppOptions,
  clock: () => Date,
  log: Log,
  store: Store,
  preMigrationBackup: string | null
): Promise<App> {
  const settings = new SettingsService(store)
  const audit = new AuditService(store, options.dataDir, (after) => services.backup.newestAnchor(after))
  const sessions = new Sessions(clock)
  const items = new ItemsService(store, settings)
  const volumes = new VolumesService(store, settings)
  const customers = new CustomersService(store, audit, log, settings.customerUpkeepSettings)
  const customerUpkeep = new CustomerUpkeepService(store, settings.customerUpkeepSettings)
  const files = new FileStore(path.join(options.dataDir, 'files'))
  const appraisal = new AppraisalService(store, settings, files, log)
  const backup = new BackupService(
    store,
    {
      dataDir: options.dataDir,
      files,
      appFolders: options.appFolders,
      appVersion: packageVersion,
      atRestoreStage: options.atRestoreStage,
      recoveryKdf: options.recoveryKdf,
      encryptDatabase: options.backupWorker ? encryptInWorkers(options.backupWorker) : undefined,
      onRestored: () => sessions.endAll(),
      log
    },
    {
      current: () => settings.backupSettings.current(),
      save: (actor, data) => settings.backupSettings.save(actor, data)
    }
  )
  const customerReports = new CustomerReportsService(store)
  const services: Services = {
    settings,
    audit,
    users: new UsersService(store, settings, customerUpkeep, options.passwordKdf),
    customers,
    customerUpkeep,
    customerReports,
    customerPrivacy: new CustomerPrivacyService(store),
    items,
    volumes,
    printing: new PrintingService(store, settings, volumes),
    dashboard: new DashboardService(store, settings),
    locations: new LocationsService(store),
    backup,
    firstRun: new FirstRunService(
      store,
      settings,
      (folder) => backup.checkFolder(folder, 'backupFolder'),
      () => backup.passphraseSet()
    ),
    exports: new ExportsService(store, customers, items, volumes, () => customerReports.analysis()),
    imports: new ImportsService(
      store,
      settings,
      options.importWorker ? workerSource(options.importWorker) : inProcessSource,
      options.importLimits
    ),
    incidents: new IncidentsService(store),
    records: new RecordsService(store),
    use: new UseService(store, settings),
    inspections: new InspectionsService(store, settings),
    environment: new EnvironmentService(store, settings),
    statistics: new StatisticsService(store, settings),
    holds: new HoldsService(store),
    appraisal,
    disposal: new DisposalService(store, settings, appraisal),
    support: new SupportService(store, log, packageVersion, clock),
    electronic: new ElectronicService(store, files, settings.electronicSettings)
  }
  // R-ELEC-7: bytes of destroyed files whose removal failed after their destruction committed.
  await removeDestroyedContents(store.db, files, log)
  await services.electronic.resumeFixity(SYSTEM)
  const dispatch = createDispatcher(
    bindHandlers(services, sessions, packageVersion),
    sessions,
    async () => (await settings.security()).data.idleLockMinutes,
    (error, channel) => log.error('request failed', error, { channel })
  )
  return {
    services,
    sessions,
    dispatch,
    get database() {
      return store.unguarded
    },
    store,
    preMigrationBackup,
    log,
    close: () => store.close()
  }
}
