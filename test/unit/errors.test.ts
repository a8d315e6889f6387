import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { AppFailure, appErrorOf, fieldErrors } from '@main/errors'
import { contract } from '@preload/contract'
import en from '@preload/i18n/en'
import zhCN from '@preload/i18n/zh-CN'

const failing = (code: string) => Object.assign(new Error(code), { code })

describe('errors a person can meet by ordinary means are named, never "internal error"', () => {
  it.each([
    ['SQLITE_FULL', 'errors.diskFull'],
    ['ENOSPC', 'errors.diskFull'],
    ['SQLITE_READONLY', 'errors.storageReadOnly'],
    ['SQLITE_READONLY_DBMOVED', 'errors.storageReadOnly'],
    ['EROFS', 'errors.storageReadOnly'],
    ['EACCES', 'errors.storageReadOnly'],
    ['SQLITE_BUSY', 'errors.storageBusy'],
    ['SQLITE_CORRUPT', 'errors.storageCorrupt'],
    ['SQLITE_NOTADB', 'errors.storageCorrupt'],
    ['SQLITE_IOERR_WRITE', 'errors.storageIo'],
    ['SQLITE_CANTOPEN', 'errors.storageIo'],
    ['EIO', 'errors.storageIo']
  ])('%s → STORAGE %s', (code, message) => {
    expect(appErrorOf(failing(code))).toEqual({ code: 'STORAGE', message })
  })

  it('a refusal keeps its own envelope; anything else is INTERNAL', () => {
    const refusal = new AppFailure('CONFLICT', 'errors.staleVersion')
    expect(appErrorOf(refusal)).toBe(refusal.error)
    expect(appErrorOf(new TypeError('x is undefined'))).toEqual({ code: 'INTERNAL', message: 'errors.internal' })
    expect(appErrorOf(failing('SQLITE_CONSTRAINT_UNIQUE'))).toEqual({ code: 'INTERNAL', message: 'errors.internal' })
    expect(appErrorOf(null)).toEqual({ code: 'INTERNAL', message: 'errors.internal' })
  })
})

describe('a number out of range says the range', () => {
  const schema = z.strictObject({
    data: z.strictObject({
      holdMonths: z.number().int().min(1, { message: 'validation.range' }).max(24, { message: 'validation.range' }),
      rows: z
        .array(
          z.strictObject({
            days: z.number().min(0, { message: 'validation.range' }).max(90, { message: 'validation.range' })
          })
        )
        .optional()
    })
  })

  it.each([0, 25])('%s → both ends, whichever was crossed', (holdMonths) => {
    const parsed = schema.safeParse({ data: { holdMonths } })
    expect(parsed.success).toBe(false)
    expect(fieldErrors(parsed.error!, schema)).toEqual([
      { path: 'data.holdMonths', message: 'validation.between', params: { min: 1, max: 24 } }
    ])
  })

  it('inside a list too, and the sentence names them in both languages', () => {
    const parsed = schema.safeParse({ data: { holdMonths: 3, rows: [{ days: 5 }, { days: 91 }] } })
    const [detail] = fieldErrors(parsed.error!, schema)
    expect(detail).toEqual({ path: 'data.rows.1.days', message: 'validation.between', params: { min: 0, max: 90 } })
    const fill = (text: string) =>
      text.replace(/\{\{(\w+)\}\}/g, (_m, name: 'min' | 'max') => String(detail.params![name]))
    expect(fill(zhCN.validation.between)).toBe('超出允许范围：应在 0–90 之间')
    expect(fill(en.validation.between)).toBe('Out of range: must be from 0 to 90')
  })

  it('without the schema, or for a number with one end, the plain message stays', () => {
    const parsed = schema.safeParse({ data: { holdMonths: 0 } })
    expect(fieldErrors(parsed.error!)).toEqual([{ path: 'data.holdMonths', message: 'validation.range' }])
    const open = z.strictObject({ n: z.number().min(1, { message: 'validation.range' }) })
    expect(fieldErrors(open.safeParse({ n: 0 }).error!, open)).toEqual([{ path: 'n', message: 'validation.range' }])
  })

  it('a channel’s own schema: the custody settings’ inspection interval', () => {
    const input = contract['settings.saveCustody'].input
    const parsed = input.safeParse({ inspectionIntervalMonths: 99 })
    expect(parsed.success).toBe(false)
    expect(fieldErrors(parsed.error!, input)).toContainEqual(
      expect.objectContaining({
        path: 'inspectionIntervalMonths',
        message: 'validation.between',
        params: { min: 1, max: 24 }
      })
    )
  })
})
