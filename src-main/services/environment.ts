import type { Db } from '../db/connection'
import type { EnvironmentLog, EnvironmentReading, ParsedInput } from '../../src-preload/contract'
import { AppFailure, conflict, notFound, policyDenied } from '../errors'
import { localDay } from '../policy/calendar'
import { judgeReading, type EnvironmentBand } from '../policy/custody'
import type { Actor, Store } from '../store'
import type { SettingsService } from './settings'

type RecordInput = ParsedInput<'environment.record'>
type ListQuery = ParsedInput<'environment.list'>

const READING_COLUMNS = `e.id, e.room_id AS roomId, r.path AS roomPath, e.read_on AS readOn, e.temperature, e.humidity, e.source, u.username AS recordedBy`
const READING_FROM = `FROM environment_readings e JOIN locations r ON r.id = e.room_id JOIN users u ON u.id = e.recorded_by`

type StoredReading = Omit<EnvironmentReading, 'judgements' | 'outOfRange'>

export function judged(row: StoredReading, band: EnvironmentBand): EnvironmentReading {
  const { temperature, humidity, outOfRange } = judgeReading(row, band)
  return { ...row, judgements: { temperature, humidity }, outOfRange }
}

/** R-KEEP-3: the daily temperature and humidity log of each room, judged against the band in the custody settings. */
export class EnvironmentService {
  constructor(
    private readonly store: Store,
    private readonly settings: SettingsService
  ) {}

  private async load(db: Db, id: number): Promise<EnvironmentReading> {
    const [row]: StoredReading[] = await db.query(`SELECT ${READING_COLUMNS} ${READING_FROM} WHERE e.id = ?`, [id])
    return judged(row, (await this.settings.custody(db)).data)
  }

  record(actor: Actor, input: RecordInput): Promise<EnvironmentReading> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      if (input.readOn > localDay(now)) {
        throw new AppFailure('VALIDATION', 'errors.validation', { details: [{ path: 'readOn', message: 'validation.notInFuture' }] })
      }
      const [room] = await db.query('SELECT kind, path FROM locations WHERE id = ?', [input.roomId])
      if (!room) throw notFound('errors.locationNotFound')
      if (room.kind !== 'room') throw policyDenied('R-KEEP-3', 'policy.custody.readingInRoom')
      const existing = await db.query('SELECT id FROM environment_readings WHERE room_id = ? AND read_on = ?', [input.roomId, input.readOn])
      if (existing.length > 0) throw conflict('errors.readingExists', { path: room.path, day: input.readOn })
      const [created] = await db.query(
        `INSERT INTO environment_readings (room_id, read_on, temperature, humidity, source, recorded_at, recorded_by)
         VALUES (?, ?, ?, ?, 'manual', ?, ?) RETURNING id`,
        [input.roomId, input.readOn, input.temperature, input.humidity, now.toISOString(), actor.userId]
      )
      const id = Number(created.id)
      await audit({ entity: 'environment', entityId: id, action: 'create', after: { ...input } })
      return this.load(db, id)
    })
  }

  async list(query: ListQuery): Promise<EnvironmentLog> {
    const params: unknown[] = [query.from, query.to]
    let clause = 'WHERE e.read_on BETWEEN ? AND ?'
    if (query.roomId) {
      clause += ' AND e.room_id = ?'
      params.push(query.roomId)
    }
    const rows: StoredReading[] = await this.store.db.query(`SELECT ${READING_COLUMNS} ${READING_FROM} ${clause} ORDER BY e.read_on, r.path`, params)
    const band = (await this.settings.custody()).data
    const readings = rows.map((row) => judged(row, band))
    return {
      band: { temperatureMin: band.temperatureMin, temperatureMax: band.temperatureMax, humidityMin: band.humidityMin, humidityMax: band.humidityMax },
      readings,
      daysOutOfRange: new Set(readings.filter((r) => r.outOfRange).map((r) => r.readOn)).size
    }
  }
}
