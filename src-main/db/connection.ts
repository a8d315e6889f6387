import Database from 'better-sqlite3'
import { SqlQuery } from './sql'

/**
 * What services see of the database: SQL with bound values, rows back. It is asynchronous although SQLite answers
 * synchronously, so a server database can later stand behind the same interface.
 */
/**
 * R-SEC-1: the key of this installation's audit chain, kept outside the database (audit.key in the data folder).
 * Entries from `keyedFrom` on are HMACs under it; earlier ones may be plain SHA-256, from before the chain was keyed.
 */
export interface AuditKey {
  key: Buffer
  keyedFrom: number
}

export interface Db {
  /** Rows of a SELECT or of a statement with RETURNING; an empty list for other statements. */
  query<T = any>(query: SqlQuery): Promise<T[]>
  query<T = any>(sql: string, params?: readonly unknown[]): Promise<T[]>
  /** The connection itself, for bulk work with prepared statements inside the same transaction (imports). */
  readonly connection: Database.Database
  /** On the connection that writes: the key its audit entries are signed with. */
  readonly auditKey?: AuditKey
  /** S124–S125: the key customers' sensitive fields are encrypted with (field.key in the data folder). */
  readonly fieldKey?: Buffer
}

const STATEMENT_CACHE_SIZE = 500

/** Prepared statements are reused: preparing costs more than running most of the app's queries. */
export class SqliteDb implements Db {
  private readonly statements = new Map<string, Database.Statement>()

  constructor(
    readonly connection: Database.Database,
    readonly auditKey?: AuditKey,
    readonly fieldKey?: Buffer
  ) {}

  private statement(sql: string): Database.Statement {
    let statement = this.statements.get(sql)
    if (!statement) {
      statement = this.connection.prepare(sql)
      if (this.statements.size >= STATEMENT_CACHE_SIZE) this.statements.delete(this.statements.keys().next().value!)
      this.statements.set(sql, statement)
    }
    return statement
  }

  async query<T = any>(query: string | SqlQuery, params: readonly unknown[] = []): Promise<T[]> {
    const [text, values] = query instanceof SqlQuery ? [query.text, query.values] : [query, params]
    const statement = this.statement(text)
    if (statement.reader) return statement.all(...values) as T[]
    statement.run(...values)
    return []
  }
}

/**
 * Durability is decided here for every connection that writes: in WAL mode synchronous=FULL syncs the log at each
 * commit, so a write the app has acknowledged survives a power cut (NORMAL may lose the last commits).
 */
export function configureWriter(connection: Database.Database): void {
  connection.pragma('journal_mode = WAL')
  connection.pragma('synchronous = FULL')
  connection.pragma('foreign_keys = ON')
  connection.pragma('busy_timeout = 5000')
}

export function openWriter(file: string): Database.Database {
  const connection = new Database(file, { fileMustExist: true })
  try {
    configureWriter(connection)
  } catch (error) {
    connection.close()
    throw error
  }
  return connection
}

/** A WAL reader sees only committed transactions, never a write still in progress on the writer connection. */
export function openReader(file: string): Database.Database {
  const connection = new Database(file, { readonly: true, fileMustExist: true })
  connection.pragma('busy_timeout = 5000')
  return connection
}

const snakeCase = (name: string) => name.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`)

/** Column names come from the app's own record types, never from input; anything else is a programming error. */
function columnsOf(values: Record<string, unknown>): { names: string[]; bound: unknown[] } {
  const names: string[] = []
  const bound: unknown[] = []
  for (const [key, value] of Object.entries(values)) {
    // As an ORM would: a field left undefined takes the column's default.
    if (value === undefined) continue
    if (!/^[a-z][A-Za-z0-9]*$/.test(key)) throw new Error(`not a column name: ${key}`)
    names.push(snakeCase(key))
    bound.push(typeof value === 'boolean' ? Number(value) : value)
  }
  return { names, bound }
}

/** Inserts one row from a record with camelCase keys and returns its id. */
export async function insertRow(db: Db, table: string, values: Record<string, unknown>): Promise<number> {
  const { names, bound } = columnsOf(values)
  const [row] = await db.query<{ id: number }>(
    `INSERT INTO ${table} (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')}) RETURNING id`,
    bound
  )
  return row.id
}

/** The first row a query answers, or undefined when it answers none. */
export async function firstRow<T>(db: Db, query: SqlQuery): Promise<T | undefined> {
  const [row] = await db.query<T>(query)
  return row
}

/** One page of rows with the number of all the rows it is taken from, which `count` selects as `total`. */
export async function pageOf<T>(db: Db, count: SqlQuery, rows: SqlQuery): Promise<{ rows: T[]; total: number }> {
  const [{ total }] = await db.query<{ total: number }>(count)
  return { rows: await db.query<T>(rows), total }
}

/** Updates the row with this id from a record with camelCase keys. */
export async function updateRow(db: Db, table: string, id: number, values: Record<string, unknown>): Promise<void> {
  const { names, bound } = columnsOf(values)
  await db.query(`UPDATE ${table} SET ${names.map((name) => `${name} = ?`).join(', ')} WHERE id = ?`, [...bound, id])
}
