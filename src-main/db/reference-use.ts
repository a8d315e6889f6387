import type { DepartmentUse } from '../policy/departments'
import type { Db } from './connection'
import { sql } from './sql'

/** Enough records to name a department's use and count it; nobody reads a longer list in a message. */
const RECORDS_NAMED = 1000

/** Whether any volume or item is filed under this fonds code, so its entry must stay to name them. */
export async function fondsInUse(db: Db, code: string): Promise<boolean> {
  const rows = await db.query(
    sql`SELECT 1 FROM volumes WHERE fonds_code = ${code} UNION ALL SELECT 1 FROM items WHERE fonds_code = ${code} LIMIT 1`
  )
  return rows.length > 0
}

/** R-ROLE-3: the accounts, volumes and items that name each of these department codes. */
export async function departmentUses(db: Db, codes: string[]): Promise<DepartmentUse[]> {
  if (codes.length === 0) return []
  const users = await db.query<{ department: string; name: string }>(
    sql`SELECT department, display_name AS name FROM users WHERE department IN ${codes} ORDER BY display_name`
  )
  const records = await db.query<{ department: string; name: string }>(
    sql`SELECT department_code AS department, COALESCE(archival_code, title) AS name FROM volumes
        WHERE department_code IN ${codes}
        UNION ALL
        SELECT department_code AS department, COALESCE(archival_code, title) AS name FROM items
        WHERE department_code IN ${codes}
        LIMIT ${RECORDS_NAMED}`
  )
  return codes.map((code) => ({
    code,
    users: users.filter((row) => row.department === code).map((row) => row.name),
    records: records.filter((row) => row.department === code).map((row) => row.name)
  }))
}
