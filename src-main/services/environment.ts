import type { Db } from '../db/connection'
import type { EnvironmentLog, EnvironmentReading, ParsedInput } from '@preload/contract'
import { findReading, insertManualReading, listReadings, readingExists, type StoredReading } from '../db/environment'
import { findLocationNode } from '../db/locations'
import { AppFailure, conflict, enforce, notFound } from '../errors'
import { localDay } from '../policy/calendar'
import { judgeReading, refuseReadingPlace, type EnvironmentBand } from '../policy/custody'
import type { Actor, Store } from '../store'
import type { SettingsService } from './settings'

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
    const row = (await findReading(db, id))!
    return judged(row, (await this.settings.custody(db)).data)
  }

  record(actor: Actor, input: ParsedInput<'environment.record'>): Promise<EnvironmentReading> {
    return this.store.write(actor, async ({ db, now, audit }) => {
      if (input.readOn > localDay(now)) {
        throw new AppFailure('VALIDATION', 'errors.validation', {
          details: [{ path: 'readOn', message: 'validation.notInFuture' }]
        })
      }
      const room = await findLocationNode(db, input.roomId)
      if (!room) throw notFound('errors.locationNotFound')
      enforce(refuseReadingPlace(room.kind))
      if (await readingExists(db, input.roomId, input.readOn))
        throw conflict('errors.readingExists', { path: room.path, day: input.readOn })
      const id = await insertManualReading(db, {
        roomId: input.roomId,
        readOn: input.readOn,
        temperature: input.temperature,
        humidity: input.humidity,
        recordedAt: now.toISOString(),
        recordedBy: actor.userId
      })
      await audit({ entity: 'environment', entityId: id, action: 'create', after: { ...input } })
      return this.load(db, id)
    })
  }

  async list(query: ParsedInput<'environment.list'>): Promise<EnvironmentLog> {
    const rows = await listReadings(this.store.db, query)
    const band = (await this.settings.custody()).data
    const readings = rows.map((row) => judged(row, band))
    return {
      band: {
        temperatureMin: band.temperatureMin,
        temperatureMax: band.temperatureMax,
        humidityMin: band.humidityMin,
        humidityMax: band.humidityMax
      },
      readings,
      daysOutOfRange: new Set(readings.filter((r) => r.outOfRange).map((r) => r.readOn)).size
    }
  }
}
