import { describe, expect, it } from 'vitest'
import { newestAnswerOnly } from '@renderer/newestAnswer'

function deferred<T>() {
  let resolve: (value: T) => void = () => undefined
  let reject: (error: unknown) => void = () => undefined
  const promise = new Promise<T>((yes, no) => {
    resolve = yes
    reject = no
  })
  return { promise, resolve, reject }
}

describe('a list shows the answer to the newest query only', () => {
  it('a slow first load that ends after a quicker search is stale, and the search keeps its rows', async () => {
    const ask = newestAnswerOnly()
    const firstLoad = deferred<string[]>()
    const search = deferred<string[]>()
    const first = ask(() => firstLoad.promise)
    const second = ask(() => search.promise)
    search.resolve(['入驻合作意向书'])
    expect(await second).toEqual({ kind: 'answer', value: ['入驻合作意向书'] })
    firstLoad.resolve(['仓储服务合同', '入驻合作意向书'])
    expect(await first).toEqual({ kind: 'stale' })
  })

  it('a failure of an older load is not reported over a newer answer; the newest failure is', async () => {
    const ask = newestAnswerOnly()
    const older = deferred<number>()
    const first = ask(() => older.promise)
    const second = ask(() => Promise.reject(new Error('offline')))
    older.reject(new Error('slow and failed'))
    expect(await first).toEqual({ kind: 'stale' })
    expect(await second).toMatchObject({ kind: 'failed', error: new Error('offline') })
  })

  it('one load on its own answers', async () => {
    expect(await newestAnswerOnly()(() => Promise.resolve(3))).toEqual({ kind: 'answer', value: 3 })
  })
})
