import type { ChannelInput } from '@preload/contract'
import { makeApp, sampleCustomer, type TestApp } from './app'

export const CONTACT_PHONE = '13812345678'

/**
 * Where the customer-privacy tests start: an app (kept in `apps` for closing), an archivist and one customer whose
 * contact has a phone and an e-mail, the sensitive values the tests look for.
 */
export async function privacyRoom(
  apps: TestApp[],
  {
    dataDir,
    contactName,
    customer = {}
  }: {
    dataDir?: string
    contactName: string
    customer?: Partial<ChannelInput<'customers.create'>>
  }
) {
  const app = await makeApp(dataDir)
  apps.push(app)
  const archivist = await app.signInAs('archivist', 'keeper')
  const created = await app.call(
    'customers.create',
    sampleCustomer({
      ...customer,
      contacts: [{ name: contactName, title: '', phone: CONTACT_PHONE, email: 'lina@shunda.example' }]
    }),
    archivist
  )
  return { app, archivist, customer: created }
}
