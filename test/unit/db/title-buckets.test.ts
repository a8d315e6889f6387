import { describe, expect, it } from 'vitest'
import { BUCKET_MOST, planBucketCut } from '@main/db/item-search'
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

  it('a bucket grown in its middle leaves the room to the part that takes the new items', () => {
    const items = bucketOf(320, (index) => index >= 130 && index < 190)
    const room = 1 << 20
    const cuts = planBucketCut(items, 0, room)
    expectSound(cuts, 0, room)
    const bounds = [0, ...cuts.map((cut) => cut.bucket), room]
    const rooms = bounds.slice(1).map((bound, part) => bound - bounds[part])
    const busiest = rooms.indexOf(Math.max(...rooms))
    expect(rooms[busiest]).toBeGreaterThan(room * 0.9)
    // The busy part holds the newest item.
    const newest = items.reduce((a, b) => (b.id > a.id ? b : a))
    const firstOfBusy = busiest === 0 ? items[0].title : cuts[busiest - 1].title
    const afterBusy = busiest === cuts.length ? '\uffff' : cuts[busiest].title
    expect(newest.title >= firstOfBusy && newest.title < afterBusy).toBe(true)
  })

  it('with few numbers left it cuts as many parts as there are numbers, and with one none', () => {
    const items = bucketOf(1000, () => false)
    const cuts = planBucketCut(items, 7, 3)
    expect(cuts.map((cut) => cut.bucket)).toEqual([8, 9])
    expect(planBucketCut(items, 7, 1)).toEqual([])
    expect(
      planBucketCut(
        bucketOf(BUCKET_CUT, () => true),
        7,
        1000
      )
    ).toEqual([])
  })

  it('appending a long run of rising titles uses up the room of the end slowly: thousands of cuts', () => {
    let room = KEY_PER_BUCKET
    let cuts = 0
    // Each cut takes the end bucket once it is past BUCKET_MOST, all but its first part new; its last part keeps what
    // is left of the room.
    const added = BUCKET_MOST + 1 - BUCKET_CUT
    while (cuts < 100_000) {
      const plan = planBucketCut(
        bucketOf(BUCKET_MOST + 1, (index) => index >= BUCKET_CUT),
        0,
        room
      )
      if (plan.length === 0) break
      room -= plan[plan.length - 1].bucket
      cuts += 1
    }
    expect(cuts * added).toBeGreaterThan(1_000_000)
  })
})
