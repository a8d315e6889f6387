import { afterEach, describe, expect, it } from 'vitest'
import { PERSONAL_DATA_ROLES, ROLES } from '@preload/contract'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

const PHONE = '13812345678'
const EMAIL = 'lina@shunda.example'

/** Every customer entry's before and after as one text, to look for the contact's phone and e-mail anywhere in it. */
async function customerEntriesFor(role: (typeof ROLES)[number]): Promise<string> {
  const page = await app.services.audit.list({ page: 1, pageSize: 50, entity: 'customer' }, role)
  expect(page.rows.length).toBeGreaterThanOrEqual(2)
  return JSON.stringify(page.rows.map((row) => [row.before, row.after]))
}

describe('R-CUST-5 the audit log shows personal data only to the roles that may see it', () => {
  it('masks contact phones and e-mails in before and after values for the auditor and every role without the right', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'zhangsan')
    const auditor = await app.signInAs('auditor', 'shenji')
    const created = await app.call('customers.create', sampleCustomer(), archivist)
    await app.call(
      'customers.update',
      {
        ...sampleCustomer({ contacts: [{ name: '李娜', title: '经理', phone: '13987654321', email: 'li@x.example' }] }),
        id: created.id,
        version: created.version
      },
      archivist
    )

    const seen = await app.call('audit.list', { entity: 'customer', action: 'update' }, auditor)
    expect(seen.rows[0].before).toMatchObject({
      contacts: [{ name: '李娜', phone: '138******78', email: 'l***@shunda.example' }]
    })
    expect(seen.rows[0].after).toMatchObject({ contacts: [{ phone: '139******21', email: 'l***@x.example' }] })

    for (const role of ROLES) {
      const text = await customerEntriesFor(role)
      const mayReveal = PERSONAL_DATA_ROLES.includes(role)
      expect({ role, phone: text.includes(PHONE), email: text.includes(EMAIL) }).toEqual({
        role,
        phone: mayReveal,
        email: mayReveal
      })
    }
    expect((await app.call('audit.verify', {}, auditor)).ok).toBe(true)
  })
})
