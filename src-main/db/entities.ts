import { EntitySchema } from 'typeorm'
import type { Customer, Role } from '../../src-preload/contract'

export interface UserRecord {
  id: number
  username: string
  displayName: string
  role: Role
  department: string
  passwordHash: string
  active: boolean
  failedLogins: number
  lockedUntil: string | null
  createdAt: string
  updatedAt: string
}

export const UserEntity = new EntitySchema<UserRecord>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    username: { type: 'text', unique: true },
    displayName: { type: 'text', name: 'display_name' },
    role: { type: 'text' },
    department: { type: 'text', default: '' },
    passwordHash: { type: 'text', name: 'password_hash' },
    active: { type: 'boolean', default: true },
    failedLogins: { type: 'integer', name: 'failed_logins', default: 0 },
    lockedUntil: { type: 'text', name: 'locked_until', nullable: true },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' }
  }
})

export interface PolicyVersionRecord {
  id: number
  namespace: string
  version: number
  data: string
  createdAt: string
  createdBy: string
}

export const PolicyVersionEntity = new EntitySchema<PolicyVersionRecord>({
  name: 'PolicyVersion',
  tableName: 'policy_versions',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    namespace: { type: 'text' },
    version: { type: 'integer' },
    data: { type: 'text' },
    createdAt: { type: 'text', name: 'created_at' },
    createdBy: { type: 'text', name: 'created_by' }
  }
})

export interface AuditRecord {
  id: number
  at: string
  userId: number | null
  username: string
  entity: string
  entityId: string
  action: string
  before: string | null
  after: string | null
  prevHash: string
  hash: string
}

export const AuditEntity = new EntitySchema<AuditRecord>({
  name: 'Audit',
  tableName: 'audit_log',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    at: { type: 'text' },
    userId: { type: 'integer', name: 'user_id', nullable: true },
    username: { type: 'text' },
    entity: { type: 'text' },
    entityId: { type: 'text', name: 'entity_id' },
    action: { type: 'text' },
    before: { type: 'text', nullable: true },
    after: { type: 'text', nullable: true },
    prevHash: { type: 'text', name: 'prev_hash' },
    hash: { type: 'text' }
  }
})

/** The stored row: the contract's customer without its contacts (a table of their own), plus who created it. */
export type CustomerRecord = Omit<Customer, 'contacts'> & { createdBy: number }

const text = (name: string) => ({ type: 'text' as const, name, default: '' })

export const CustomerEntity = new EntitySchema<CustomerRecord>({
  name: 'Customer',
  tableName: 'customers',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    name: { type: 'text' },
    legalRepresentative: { type: 'text', name: 'legal_representative' },
    address: text('address'),
    postcode: text('postcode'),
    phone: text('phone'),
    fax: text('fax'),
    registeredCapital: { type: 'real', name: 'registered_capital', nullable: true },
    businessScale: text('business_scale'),
    businessScope: text('business_scope'),
    economicStrength: text('economic_strength'),
    dealingsRecord: text('dealings_record'),
    industry: text('industry'),
    region: text('region'),
    grade: { type: 'text' },
    dateOpened: { type: 'text', name: 'date_opened' },
    creditStanding: text('credit_standing'),
    background: text('background'),
    hasAgreement: { type: 'boolean', name: 'has_agreement', default: false },
    consentObtained: { type: 'boolean', name: 'consent_obtained', default: false },
    collectionPurpose: text('collection_purpose'),
    version: { type: 'integer', default: 1 },
    createdAt: { type: 'text', name: 'created_at' },
    updatedAt: { type: 'text', name: 'updated_at' },
    createdBy: { type: 'integer', name: 'created_by' }
  }
})

export interface CustomerContactRecord {
  id: number
  customerId: number
  position: number
  name: string
  title: string
  phone: string
  email: string
}

export const CustomerContactEntity = new EntitySchema<CustomerContactRecord>({
  name: 'CustomerContact',
  tableName: 'customer_contacts',
  columns: {
    id: { type: 'integer', primary: true, generated: 'increment' },
    customerId: { type: 'integer', name: 'customer_id' },
    position: { type: 'integer' },
    name: { type: 'text' },
    title: text('title'),
    phone: text('phone'),
    email: text('email')
  }
})

export const ENTITIES = [UserEntity, PolicyVersionEntity, AuditEntity, CustomerEntity, CustomerContactEntity]
