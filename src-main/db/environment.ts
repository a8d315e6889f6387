import type { EnvironmentReading } from '@preload/contract'
import { firstRow, type Db } from './connection'
import { sql } from './sql'

/** A reading as stored, before it is judged against the band. */
export type StoredReading = Omit<EnvironmentReading, 'judgements' | 'outOfRange'>

const READING_COLUMNS = sql`e.id, e.room_id AS roomId, r.path AS roomPath, e.read_on AS readOn, e.temperature, e.humidity, e.source, u.username AS recordedBy`
const READING_FROM = sql`FROM environment_readings e JOIN locations r ON r.id = e.room_id JOIN users u ON u.id = e.recorded_by`

export function findReading(db: Db, id: number): Promise<StoredReading | undefined> {
  return firstRow<StoredReading>(db, sql`SELECT ${READING_COLUMNS} ${READING_FROM} WHERE e.id = ${id}`)
}

/** One reading per room and day. */
export async function readingExists(db: Db, roomId: number, readOn: string): Promise<boolean> {
  return (
    (await db.query(sql`SELECT id FROM environment_readings WHERE room_id = ${roomId} AND read_on = ${readOn}`))
      .length > 0
  )
}

/** A reading typed in by a person (not from a sensor). */
export async function insertManualReading(
  db: Db,
  reading: {
    roomId: number
    readOn: string
    temperature: number | null
    humidity: number | null
    recordedAt: string
    recordedBy: number | null
  }
): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO environment_readings (room_id, read_on, temperature, humidity, source, recorded_at, recorded_by)
         VALUES (${reading.roomId}, ${reading.readOn}, ${reading.temperature}, ${reading.humidity}, 'manual', ${reading.recordedAt}, ${reading.recordedBy}) RETURNING id`
  )
  return Number(row.id)
}

/** The days from `from` to `to` inclusive, of one room or all, by day and then room. */
export function listReadings(db: Db, filter: { from: string; to: string; roomId?: number }): Promise<StoredReading[]> {
  const room = filter.roomId ? sql` AND e.room_id = ${filter.roomId}` : sql.empty
  return db.query<StoredReading>(
    sql`SELECT ${READING_COLUMNS} ${READING_FROM} WHERE e.read_on BETWEEN ${filter.from} AND ${filter.to}${room} ORDER BY e.read_on, r.path`
  )
}
