import { describe, expect, it } from 'vitest'
import { itemListConditions } from '@main/db/items'

describe('the item list filter', () => {
  it('filters nothing when nothing is asked, and ignores empty lists', () => {
    expect(itemListConditions({})).toEqual([])
    expect(itemListConditions({ year: [], categoryCode: [], custody: [] })).toEqual([])
  })

  it('binds each list as an IN-list, in a fixed order', () => {
    const conditions = itemListConditions({
      status: ['received'],
      year: [2023, 2024],
      custody: ['destroyed'],
      customerId: 7
    })
    expect(conditions.map((condition) => condition.text)).toEqual([
      'i.year IN (?, ?)',
      'i.status IN (?)',
      'i.custody IN (?)',
      'i.customer_id = ?'
    ])
    expect(conditions.flatMap((condition) => condition.values)).toEqual([2023, 2024, 'received', 'destroyed', 7])
  })

  it('searches the full-text index and binds the place twice for a location', () => {
    const [search, place] = itemListConditions({ search: 'contract', locationId: 3 })
    expect(search.text).toContain('items_fts MATCH ?')
    expect(search.values).toEqual(['"contract"'])
    expect(place.values).toEqual([3, 3])
  })
})
