import type { Customer } from '../../src-preload/contract'

/** The stored row: the contract's customer without its contacts (a table of their own), plus who created it. */
export type CustomerRecord = Omit<Customer, 'contacts'> & { createdBy: number }

export const CUSTOMER_COLUMNS = `id, name, legal_representative AS legalRepresentative, address, postcode, phone, fax,
  registered_capital AS registeredCapital, business_scale AS businessScale, business_scope AS businessScope,
  economic_strength AS economicStrength, dealings_record AS dealingsRecord, industry, region, grade,
  date_opened AS dateOpened, credit_standing AS creditStanding, background, has_agreement AS hasAgreement,
  consent_obtained AS consentObtained, collection_purpose AS collectionPurpose, version, created_at AS createdAt,
  updated_at AS updatedAt, created_by AS createdBy`

export const customerRecord = (
  row: Omit<CustomerRecord, 'hasAgreement' | 'consentObtained'> & { hasAgreement: number | boolean; consentObtained: number | boolean }
): CustomerRecord => ({ ...row, hasAgreement: Boolean(row.hasAgreement), consentObtained: Boolean(row.consentObtained) })

export interface CustomerContactRecord {
  id: number
  customerId: number
  position: number
  name: string
  title: string
  phone: string
  email: string
}

export const CUSTOMER_CONTACT_COLUMNS = 'id, customer_id AS customerId, position, name, title, phone, email'
