import { createApp } from '@main/app'
import { sampleCustomer, USER_PASSWORD } from './samples'

/**
 * Creates customers one after another and prints `ACK <name>` once each write is acknowledged, until it is killed.
 * Every few writes the disk "fills up" (max_page_count) for a while, so some writes are refused with SQLITE_FULL.
 */
async function main(): Promise<void> {
  const [dataDir, username, prefix] = process.argv.slice(2)
  const app = await createApp({ dataDir, appFolders: [] })
  const session = 'child'
  const login = await app.dispatch('auth.login', { username, password: USER_PASSWORD }, session)
  if (!login.ok) throw new Error(JSON.stringify(login.error))
  process.stdout.write('READY\n')
  for (let i = 0; ; i += 1) {
    if (i % 9 === 4) {
      const [{ page_count: used }] = await app.database.query('PRAGMA page_count')
      await app.database.query(`PRAGMA max_page_count = ${used}`)
    }
    if (i % 9 === 7) await app.database.query('PRAGMA max_page_count = 1073741823')
    const name = `${prefix}-${i}`
    const result = await app.dispatch(
      'customers.create',
      sampleCustomer({ name, background: '背景'.repeat(400) }),
      session
    )
    process.stdout.write(result.ok ? `ACK ${name}\n` : `REFUSED ${name} ${result.error.message}\n`)
  }
}

void main()
