import type { AuditService } from '../services/audit'
import type { BackupService } from '../services/backup'
import type { FirstRunService } from '../services/first-run'
import type { CustomersService } from '../services/customers'
import type { CustomerUpkeepService } from '../services/customer-upkeep'
import type { CustomerReportsService } from '../services/customer-reports'
import type { CustomerPrivacyService } from '../services/customer-privacy'
import type { DashboardService } from '../services/dashboard'
import type { ExportsService } from '../services/exports'
import type { ImportsService } from '../services/imports'
import type { ItemsService } from '../services/items'
import type { LocationsService } from '../services/locations'
import type { PrintingService } from '../services/printing'
import type { VolumesService } from '../services/volumes'
import type { SettingsService } from '../services/settings'
import type { IncidentsService } from '../services/incidents'
import type { RecordsService } from '../services/records'
import type { UseService } from '../services/use'
import type { UsersService } from '../services/users'
import type { EnvironmentService } from '../services/environment'
import type { InspectionsService } from '../services/inspections'
import type { StatisticsService } from '../services/statistics'
import type { AppraisalService } from '../services/appraisal'
import type { DisposalService } from '../services/disposal'
import type { HoldsService } from '../services/holds'
import type { SupportService } from '../services/support'
import type { ElectronicService } from '../services/electronic'

/** Every service the handlers call, as the composition root (app.ts) builds them. */
export interface Services {
  users: UsersService
  settings: SettingsService
  audit: AuditService
  customers: CustomersService
  customerUpkeep: CustomerUpkeepService
  customerReports: CustomerReportsService
  customerPrivacy: CustomerPrivacyService
  items: ItemsService
  volumes: VolumesService
  printing: PrintingService
  dashboard: DashboardService
  locations: LocationsService
  backup: BackupService
  firstRun: FirstRunService
  exports: ExportsService
  imports: ImportsService
  incidents: IncidentsService
  records: RecordsService
  use: UseService
  inspections: InspectionsService
  environment: EnvironmentService
  statistics: StatisticsService
  holds: HoldsService
  appraisal: AppraisalService
  disposal: DisposalService
  support: SupportService
  electronic: ElectronicService
}
