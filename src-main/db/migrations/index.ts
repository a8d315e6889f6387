import { Foundation1764000000000 } from './1764000000000-Foundation'
import { Records1764100000000 } from './1764100000000-Records'
import { Locations1764200000000 } from './1764200000000-Locations'
import { ItemListIndexes1764300000000 } from './1764300000000-ItemListIndexes'
import { Custody1764400000000 } from './1764400000000-Custody'
import { Use1764500000000 } from './1764500000000-Use'
import { Disposal1764600000000 } from './1764600000000-Disposal'
import { Inspections1764700000000 } from './1764700000000-Inspections'
import { SearchAndStatistics1764800000000 } from './1764800000000-SearchAndStatistics'
import { FirstRun1764913000000 } from './1764913000000-FirstRun'
import { Signatures1764930000000 } from './1764930000000-Signatures'
import { ItemLevelFiling1764950000000 } from './1764950000000-ItemLevelFiling'
import { AccountDuties1764960000000 } from './1764960000000-AccountDuties'
import { ListIndexes1764970000000 } from './1764970000000-ListIndexes'
import { WorkbenchIndexes1765000000000 } from './1765000000000-WorkbenchIndexes'
import { ElectronicFiles1765100000000 } from './1765100000000-ElectronicFiles'
import { Fixity1765100000001 } from './1765100000001-Fixity'
import { CustomerUpkeep1765200000000 } from './1765200000000-CustomerUpkeep'
import { CustomerReports1765200000001 } from './1765200000001-CustomerReports'
import { CustomerConsents1765300000000 } from './1765300000000-CustomerConsents'
import { SensitiveFields1765310000000 } from './1765310000000-SensitiveFields'
import { CustomerDisclosures1765320000000 } from './1765320000000-CustomerDisclosures'
import { PersonalInformationRights1765330000000 } from './1765330000000-PersonalInformationRights'
import { LeakReports1765340000000 } from './1765340000000-LeakReports'
import { CatalogueOrder1765400000000 } from './1765400000000-CatalogueOrder'
import { UseRequestSearch1765410000000 } from './1765410000000-UseRequestSearch'
import { ElectronicDestruction1765500000000 } from './1765500000000-ElectronicDestruction'
import { FixityIncidents1765500000001 } from './1765500000001-FixityIncidents'
import { ElectronicLedger1765650000000 } from './1765650000000-ElectronicLedger'
import { FixityActual1765650000001 } from './1765650000001-FixityActual'
import { CustomerPendingChanges1765700000000 } from './1765700000000-CustomerPendingChanges'
import { HoldingsCounts1765800000000 } from './1765800000000-HoldingsCounts'
import { LooseExpiryCustody1765900000000 } from './1765900000000-LooseExpiryCustody'
import { TitleOrderSearch1766100000000 } from './1766100000000-TitleOrderSearch'
import { FilteredSearch1766200000000 } from './1766200000000-FilteredSearch'
import { YearDateFormed1766300000000 } from './1766300000000-YearDateFormed'

export const MIGRATIONS = [
  Foundation1764000000000,
  Records1764100000000,
  Locations1764200000000,
  ItemListIndexes1764300000000,
  Custody1764400000000,
  Use1764500000000,
  Disposal1764600000000,
  Inspections1764700000000,
  SearchAndStatistics1764800000000,
  FirstRun1764913000000,
  Signatures1764930000000,
  ItemLevelFiling1764950000000,
  AccountDuties1764960000000,
  ListIndexes1764970000000,
  WorkbenchIndexes1765000000000,
  ElectronicFiles1765100000000,
  Fixity1765100000001,
  CustomerUpkeep1765200000000,
  CustomerReports1765200000001,
  CustomerConsents1765300000000,
  SensitiveFields1765310000000,
  CustomerDisclosures1765320000000,
  PersonalInformationRights1765330000000,
  LeakReports1765340000000,
  CatalogueOrder1765400000000,
  UseRequestSearch1765410000000,
  ElectronicDestruction1765500000000,
  FixityIncidents1765500000001,
  ElectronicLedger1765650000000,
  FixityActual1765650000001,
  CustomerPendingChanges1765700000000,
  HoldingsCounts1765800000000,
  LooseExpiryCustody1765900000000,
  TitleOrderSearch1766100000000,
  FilteredSearch1766200000000,
  YearDateFormed1766300000000
]
