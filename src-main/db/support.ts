import type { Db } from './connection'
import { sql } from './sql'

/** The migrations this database has run, oldest first. */
export function migrationsRun(db: Db): Promise<{ name: string; timestamp: number }[]> {
  return db.query(sql`SELECT name, timestamp FROM migrations ORDER BY id`)
}

/** The newest version of each settings namespace and when it was saved: which rules were in force, not what they say. */
export function settingsVersions(db: Db): Promise<{ namespace: string; version: number; savedAt: string }[]> {
  return db.query(
    sql`SELECT namespace, MAX(version) AS version, MAX(created_at) AS savedAt FROM policy_versions GROUP BY namespace
        ORDER BY namespace`
  )
}

/** How many rows each table holds: sizes for support, nothing of their contents. */
export async function tableSizes(db: Db): Promise<Record<string, number>> {
  const tables = await db.query<{ name: string }>(
    sql`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND sql NOT LIKE 'CREATE VIRTUAL%'
        AND name NOT LIKE '%\_fts\_%' ESCAPE '\\' ORDER BY name`
  )
  const sizes: Record<string, number> = {}
  for (const { name } of tables) {
    const [{ rows }] = await db.query<{ rows: number }>(sql`SELECT COUNT(*) AS rows FROM ${sql.identifier(name)}`)
    sizes[name] = rows
  }
  return sizes
}
