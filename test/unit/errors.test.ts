import { describe, expect, it } from 'vitest'
import { AppFailure, appErrorOf } from '../../src-main/errors'

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
