import { describe, expect, it } from 'vitest'
import { planBucketCut } from '@main/db/item-search'
import { BUCKET_CUT, KEY_PER_BUCKET } from '@main/db/migrations/1766100000000-TitleOrderSearch'

/** A bucket's items in title order; `newestAt` says which of them were written last. */
function bucketOf(size: number, newestAt: (index: number) => boolean) {
  let older = 1
  let newer = 1_000_000
  return Array.from({ length: size }, (_, index) => ({
    title: `第${String(index).padStart(5, '0')}号`,
    id: newestAt(index) ? newer++ : older++
  }))
}

/** Every cut is an item of the bucket, in title order, numbered above the bucket and below the next. */
function expectSound(cuts: { title: string; bucket: number }[], bucket: number, room: number) {
  const numbers = cuts.map((cut) => cut.bucket)
  expect(numbers).toEqual([...numbers].sort((a, b) => a - b))
  expect(new Set(numbers).size).toBe(numbers.length)
  expect(numbers.every((number) => number > bucket && number < bucket + room)).toBe(true)
  const titles = cuts.map((cut) => cut.title)
  expect(titles).toEqual([...titles].sort())
}

describe('issue 19: cutting a bucket of title order', () => {
  it('a bucket grown evenly is cut into parts of about BUCKET_CUT items that share the room evenly', () => {
    const items = bucketOf(257, (index) => index % 2 === 0)
    const cuts = planBucketCut(items, 1000, 5_000_000)
    expect(cuts.length).toBe(Math.ceil(257 / BUCKET_CUT) - 1)
    expectSound(cuts, 1000, 5_000_000)
    const gaps = [1000, ...cuts.map((cut) => cut.bucket)].slice(1).map((n, k, all) => n - (k === 0 ? 1000 : all[k - 1]))
    expect(Math.max(...gaps) - Math.min(...gaps)).toBeLessThanOrEqual(1)
  })

  it('a bucket grown at its end, titles written in rising order, leaves nearly all the room to that end', () => {
    const items = bucketOf(257, (index) => index >= 65)
    const cuts = planBucketCut(items, 0, KEY_PER_BUCKET)
    expectSound(cuts, 0, KEY_PER_BUCKET)
    const lastRoom = KEY_PER_BUCKET - cuts[cuts.length - 1].bucket
    expect(lastRoom).toBeGreaterThan(KEY_PER_BUCKET * 0.98)
  })

  it('a bucket grown in its middle leaves the room to the middle part', () => {
    const items = bucketOf(320, (index) => index >= 130 && index < 190)
    const cuts = planBucketCut(items, 0, 1 << 20)
    expectSound(cuts, 0, 1 << 20)
    const busy = cuts.findIndex((cut) => cut.title > items[150].title)
    expect(cuts[busy].bucket - cuts[busy - 1].bucket).toBeGreaterThan((1 << 20) * 0.9)
  })

  it('with few numbers left it cuts as many parts as there are numbers, and with one none', () => {
    const items = bucketOf(1000, () => false)
    const cuts = planBucketCut(items, 7, 3)
    expect(cuts.map((cut) => cut.bucket)).toEqual([8, 9])
    expect(planBucketCut(items, 7, 1)).toEqual([])
    expect(planBucketCut(bucketOf(BUCKET_CUT, () => true), 7, 1000)).toEqual([])
  })

  it('appending a long run of rising titles uses up the room of the end slowly: thousands of cuts', () => {
    let room = KEY_PER_BUCKET
    let cuts = 0
    // Each cut takes the end bucket of 257 items, 193 of them new; its last part keeps what is left.
    while (cuts < 100_000) {
      const plan = planBucketCut(bucketOf(257, (index) => index >= 64), 0, room)
      if (plan.length === 0) break
      room -= plan[plan.length - 1].bucket
      cuts += 1
    }
    expect(cuts * 193).toBeGreaterThan(200_000)
  })
})
