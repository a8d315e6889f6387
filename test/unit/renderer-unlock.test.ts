import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArchiveApi } from '@preload/contract'
import { call, isSessionLocked, onceUnlocked, unlocksSoFar } from '@renderer/api/client'

let unlockSucceeds: boolean
beforeEach(() => {
  unlockSucceeds = true
  const invoke: ArchiveApi['invoke'] = (channel) =>
    Promise.resolve(
      (channel === 'auth.unlock' && !unlockSucceeds
        ? { ok: false, error: { code: 'UNAUTHENTICATED', message: 'errors.badPassword' } }
        : { ok: true, data: null }) as never
    )
  vi.stubGlobal('window', { archive: { invoke } })
})
afterEach(() => vi.unstubAllGlobals())

describe('R-SEC-3: a read refused while the session was locked asks again once it is unlocked', () => {
  it('runs once, after the next unlock that succeeds, and not after other calls', async () => {
    const asked = vi.fn()
    onceUnlocked(asked)
    await call('dashboard.todo', {})
    expect(asked).not.toHaveBeenCalled()
    unlockSucceeds = false
    await expect(call('auth.unlock', { password: 'wrong-password' })).rejects.toThrow()
    expect(asked).not.toHaveBeenCalled()
    unlockSucceeds = true
    await call('auth.unlock', { password: 'right-password' })
    expect(asked).toHaveBeenCalledTimes(1)
    await call('auth.unlock', { password: 'right-password' })
    expect(asked).toHaveBeenCalledTimes(1)
  })

  it('is not run once its page has gone and cancelled it', async () => {
    const asked = vi.fn()
    const cancel = onceUnlocked(asked)
    cancel()
    await call('auth.unlock', { password: 'right-password' })
    expect(asked).not.toHaveBeenCalled()
  })

  it('a listener that asks again and is refused again waits for the next unlock, not this one: no loop', async () => {
    let runs = 0
    const again = () => {
      runs += 1
      if (runs < 5) onceUnlocked(again)
    }
    onceUnlocked(again)
    await call('auth.unlock', { password: 'right-password' })
    expect(runs).toBe(1)
    await call('auth.unlock', { password: 'right-password' })
    expect(runs).toBe(2)
  })

  it('every waiting page asks again once, each once, whichever of them is cancelled by another while running', async () => {
    const first = vi.fn()
    const third = vi.fn()
    let cancelThird: () => unknown = () => undefined
    onceUnlocked(() => {
      first()
      cancelThird()
    })
    const second = vi.fn()
    onceUnlocked(second)
    cancelThird = onceUnlocked(third)
    await call('auth.unlock', { password: 'right-password' })
    expect([first.mock.calls.length, second.mock.calls.length]).toEqual([1, 1])
    // Cancelled by the first before its turn: its page has gone, so it never runs.
    await call('auth.unlock', { password: 'right-password' })
    expect(third).not.toHaveBeenCalled()
  })

  it('a read asked before an unlock but refused after it asks again at once, not at the next unlock', async () => {
    const askedAt = unlocksSoFar()
    await call('auth.unlock', { password: 'right-password' })
    const asked = vi.fn()
    onceUnlocked(asked, askedAt)
    await Promise.resolve()
    expect(asked).toHaveBeenCalledTimes(1)
    await call('auth.unlock', { password: 'right-password' })
    expect(asked).toHaveBeenCalledTimes(1)
    const cancelled = vi.fn()
    onceUnlocked(cancelled, askedAt)()
    await Promise.resolve()
    expect(cancelled).not.toHaveBeenCalled()
  })

  it('tells a locked session from a signed-out one, which goes back to the sign-in screen instead', () => {
    expect(isSessionLocked({ code: 'UNAUTHENTICATED', message: 'errors.sessionLocked' })).toBe(true)
    expect(isSessionLocked({ code: 'UNAUTHENTICATED', message: 'errors.notSignedIn' })).toBe(false)
    expect(isSessionLocked({ code: 'FORBIDDEN', message: 'errors.sessionLocked' })).toBe(false)
  })
})
