import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import type { ArchiveApi } from '@preload/contract'
import { askAhead, call } from '@renderer/api/client'

let asked: string[]
beforeEach(() => {
  asked = []
  let answer = 0
  const invoke: ArchiveApi['invoke'] = (channel) => {
    asked.push(channel)
    answer += 1
    return Promise.resolve({ ok: true, data: answer } as never)
  }
  vi.stubGlobal('window', { archive: { invoke } })
})
afterEach(() => {
  vi.useRealTimers()
  vi.unstubAllGlobals()
})

describe('issue 19: the workbench’s data asked ahead at sign-in', () => {
  it('is handed to the first call that asks the same, once; the next asks main again', async () => {
    askAhead('dashboard.todo', {})
    expect(asked).toEqual(['dashboard.todo'])
    expect(await call('dashboard.todo', {})).toBe(1)
    expect(asked).toEqual(['dashboard.todo'])
    expect(await call('dashboard.todo', {})).toBe(2)
    expect(asked).toEqual(['dashboard.todo', 'dashboard.todo'])
  })

  it('is not handed to a call with other input', async () => {
    askAhead('customers.list', { page: 1, pageSize: 1 })
    expect(await call('customers.list', { page: 2, pageSize: 1 })).toBe(2)
    expect(await call('customers.list', { page: 1, pageSize: 1 })).toBe(1)
  })

  it('is dropped once stale: a page shown later asks main anew', async () => {
    vi.useFakeTimers()
    askAhead('dashboard.holdings', {})
    vi.advanceTimersByTime(6_000)
    expect(await call('dashboard.holdings', {})).toBe(2)
    expect(asked).toEqual(['dashboard.holdings', 'dashboard.holdings'])
  })

  it('a failure reaches the page that takes it, and no one else', async () => {
    vi.stubGlobal('window', {
      archive: {
        invoke: () => Promise.resolve({ ok: false, error: { code: 'FORBIDDEN', message: 'errors.forbidden' } })
      }
    })
    askAhead('backup.status', {})
    await expect(call('backup.status', {})).rejects.toMatchObject({ error: { code: 'FORBIDDEN' } })
  })

  it('is never handed to the next person: signing in or out forgets it', async () => {
    askAhead('use.mine', {})
    await call('auth.logout', {})
    expect(await call('use.mine', {})).toBe(3)
    askAhead('use.mine', {})
    await call('auth.login', { username: 'zhangsan', password: 'x' })
    expect(await call('use.mine', {})).toBe(6)
  })
})
