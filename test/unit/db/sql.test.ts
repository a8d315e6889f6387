import { describe, expect, it } from 'vitest'
import { sql } from '@main/db/sql'

describe('the sql tagged template binds every value', () => {
  it('puts values in parameters, never in the text', () => {
    const name = "x'); DROP TABLE items; --"
    const query = sql`SELECT id FROM customers WHERE name = ${name} AND grade = ${'important'}`
    expect(query.text).toBe('SELECT id FROM customers WHERE name = ? AND grade = ?')
    expect(query.values).toEqual([name, 'important'])
  })

  it('turns an array into an IN-list, and an empty one into a list that matches nothing', () => {
    expect(sql`id IN ${[3, 4, 5]}`).toMatchObject({ text: 'id IN (?, ?, ?)', values: [3, 4, 5] })
    expect(sql`id IN ${[]}`).toMatchObject({ text: 'id IN (NULL)', values: [] })
  })

  it('composes fragments in order, with their values', () => {
    const conditions = [sql`year = ${2024}`, sql`category_code IN ${['WS', 'KH']}`]
    const query = sql`SELECT * FROM items ${sql.where(conditions)} LIMIT ${20}`
    expect(query.text).toBe('SELECT * FROM items WHERE year = ? AND category_code IN (?, ?) LIMIT ?')
    expect(query.values).toEqual([2024, 'WS', 'KH', 20])
    expect(sql`SELECT 1 ${sql.where([])}`.text).toBe('SELECT 1 ')
  })

  it('binds booleans as 0 and 1, as SQLite stores them', () => {
    expect(sql`active = ${true} OR active = ${false}`.values).toEqual([1, 0])
  })

  it('accepts only plain names as identifiers', () => {
    expect(sql`ORDER BY ${sql.identifier('i.title')}`.text).toBe('ORDER BY i.title')
    for (const name of ['title; DROP TABLE items', 'a b', '1x', 'x--', '']) expect(() => sql.identifier(name)).toThrow()
  })
})
