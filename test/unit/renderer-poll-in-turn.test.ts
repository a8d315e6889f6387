import { afterEach, describe, expect, it, vi } from 'vitest'
import { newestAnswerOnly } from '@renderer/newestAnswer'
import { pollInTurn } from '@renderer/pollInTurn'

afterEach(() => {
  vi.useRealTimers()
})

/**
 * R-ELEC-3: the fixity dialog follows a running check by asking main how far it is. Main answers slowly while it
 * hashes files; an ask on a fixed beat made each answer stale before it came (useRemote keeps the newest only), so
 * the progress never moved.
 */
describe('polling asks again only once the previous answer came', () => {
  it('does not ask while an answer is awaited, asks a beat after it came, and stops when told', async () => {
    vi.useFakeTimers()
    const answers: (() => void)[] = []
    const load = vi.fn(() => new Promise<void>((resolve) => answers.push(resolve)))
    const stop = pollInTurn(load, 1000)
    await vi.advanceTimersByTimeAsync(999)
    expect(load).toHaveBeenCalledTimes(0)
    await vi.advanceTimersByTimeAsync(1)
    expect(load).toHaveBeenCalledTimes(1)
    // Main takes five beats to answer: nobody asks over it.
    await vi.advanceTimersByTimeAsync(5000)
    expect(load).toHaveBeenCalledTimes(1)
    answers[0]()
    await vi.advanceTimersByTimeAsync(1000)
    expect(load).toHaveBeenCalledTimes(2)
    stop()
    answers[1]()
    await vi.advanceTimersByTimeAsync(5000)
    expect(load).toHaveBeenCalledTimes(2)
  })

  it('shows every answer of a main slower than the beat, none thrown away as stale', async () => {
    vi.useFakeTimers()
    const ask = newestAnswerOnly()
    const kinds: string[] = []
    let progress = 0
    const slowMain = () => new Promise<number>((resolve) => setTimeout(() => resolve((progress += 1)), 1500))
    const stop = pollInTurn(async () => kinds.push((await ask(slowMain)).kind), 1000)
    await vi.advanceTimersByTimeAsync(10_000)
    stop()
    expect(kinds).toEqual(['answer', 'answer', 'answer', 'answer'])
  })

  it('keeps asking after a failed answer', async () => {
    vi.useFakeTimers()
    const load = vi.fn(() => Promise.reject(new Error('main is busy')))
    const stop = pollInTurn(load, 1000)
    await vi.advanceTimersByTimeAsync(3000)
    expect(load).toHaveBeenCalledTimes(3)
    stop()
  })
})
