import { describe, expect, it } from 'vitest'
import { fieldErrors } from '@main/errors'
import { contract, customerInput } from '@preload/contract'
import { sampleCustomer } from '../support/app'

const errorsFor = (overrides: Record<string, unknown>) => {
  const result = customerInput.safeParse({ ...sampleCustomer(), ...overrides })
  return result.success ? [] : fieldErrors(result.error)
}

describe('R-CUST-1 customer validation', () => {
  it('accepts a complete, correct customer', () => {
    expect(errorsFor({})).toEqual([])
  })

  it.each([
    ['name', '', 'validation.required'],
    ['name', '   ', 'validation.required'],
    ['name', undefined, 'validation.required'],
    ['legalRepresentative', '', 'validation.required'],
    ['postcode', '12345', 'validation.postcode'],
    ['postcode', '1234567', 'validation.tooLong'],
    ['postcode', 'abcdef', 'validation.postcode'],
    ['phone', '电话号码', 'validation.phone'],
    ['phone', '123', 'validation.phone'],
    ['fax', '12-34', 'validation.fax'],
    ['registeredCapital', -1, 'validation.amountNonNegative'],
    ['registeredCapital', 1.23456, 'validation.amountPrecision'],
    ['registeredCapital', '500', 'validation.amount'],
    ['grade', 'vip', 'validation.grade'],
    ['grade', undefined, 'validation.required'],
    ['dateOpened', '2024-02-30', 'validation.date'],
    ['dateOpened', '2024/02/01', 'validation.date'],
    ['dateOpened', undefined, 'validation.required']
  ])('%s = %j → %s', (field, value, message) => {
    expect(errorsFor({ [field]: value })).toContainEqual({ path: field, message })
  })

  it.each([
    '021-58881234',
    '02158881234',
    '0571-8888888',
    '13812345678',
    '+86 13812345678',
    '400-123-4567',
    '021-58881234-801',
    ''
  ])('accepts the phone number %j', (phone) => {
    expect(errorsFor({ phone })).toEqual([])
  })

  it('accepts no registered capital, zero, and up to 4 decimals', () => {
    for (const registeredCapital of [null, 0, 12.5, 100.1234]) expect(errorsFor({ registeredCapital })).toEqual([])
  })

  it('reports a bad contact phone under the contact', () => {
    expect(errorsFor({ contacts: [{ name: '李娜', phone: 'x' }] })).toContainEqual({
      path: 'contacts.0.phone',
      message: 'validation.phone'
    })
    expect(errorsFor({ contacts: [{ name: '' }] })).toContainEqual({
      path: 'contacts.0.name',
      message: 'validation.required'
    })
  })

  it('refuses fields the contract does not know', () => {
    expect(errorsFor({ isAdmin: true })).toContainEqual({ path: 'isAdmin', message: 'validation.unknownField' })
  })

  it('trims text before saving', () => {
    const parsed = customerInput.parse({ ...sampleCustomer(), name: '  上海顺达物流有限公司  ' })
    expect(parsed.name).toBe('上海顺达物流有限公司')
  })
})

describe('contract', () => {
  it('gives every channel an object input, so junk of any other shape is refused', () => {
    for (const [name, definition] of Object.entries(contract)) {
      expect(definition.input.safeParse(42).success, name).toBe(false)
      expect(definition.input.safeParse('x').success, name).toBe(false)
      expect(definition.input.safeParse([]).success, name).toBe(false)
    }
  })
})
