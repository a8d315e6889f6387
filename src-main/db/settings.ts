import { firstRow, type Db } from './connection'
import { sql } from './sql'

export interface PolicyVersionRecord {
  id: number
  namespace: string
  version: number
  data: string
  createdAt: string
  createdBy: string
}

const POLICY_VERSION_COLUMNS = sql`id, namespace, version, data, created_at AS createdAt, created_by AS createdBy`

export function latestPolicyVersion(db: Db, namespace: string): Promise<PolicyVersionRecord | undefined> {
  return firstRow<PolicyVersionRecord>(
    db,
    sql`SELECT ${POLICY_VERSION_COLUMNS} FROM policy_versions WHERE namespace = ${namespace} ORDER BY version DESC LIMIT 1`
  )
}

/** Newest first. */
export function policyVersions(db: Db, namespace: string): Promise<PolicyVersionRecord[]> {
  return db.query<PolicyVersionRecord>(
    sql`SELECT ${POLICY_VERSION_COLUMNS} FROM policy_versions WHERE namespace = ${namespace} ORDER BY version DESC`
  )
}

export async function insertPolicyVersion(db: Db, record: Omit<PolicyVersionRecord, 'id'>): Promise<void> {
  await db.query(
    sql`INSERT INTO policy_versions (namespace, version, data, created_at, created_by)
     VALUES (${record.namespace}, ${record.version}, ${record.data}, ${record.createdAt}, ${record.createdBy})`
  )
}
