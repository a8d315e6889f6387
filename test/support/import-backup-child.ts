import { createApp } from '@main/app'
import { USER_PASSWORD } from './samples'

/** Imports 20 000 customers in one job while taking backups one after another; prints what was acknowledged. */
async function main(): Promise<void> {
  const [dataDir, username, folder, prefix] = process.argv.slice(2)
  const app = await createApp({ dataDir, appFolders: [] })
  const session = 'child'
  const login = await app.dispatch('auth.login', { username, password: USER_PASSWORD }, session)
  if (!login.ok) throw new Error(JSON.stringify(login.error))
  const csv = [
    '名称,法定代表人,地区,等级,建档日期',
    ...Array.from({ length: 20_000 }, (_, i) => `${prefix}${i},法人${i},上海,一般,2024-01-02`)
  ].join('\r\n')
  const file = { target: 'customers' as const, fileName: 'c.csv', base64: Buffer.from(csv).toString('base64') }
  const started = await app.dispatch(
    'import.start',
    {
      ...file,
      mapping: ['name', 'legalRepresentative', 'region', 'grade', 'dateOpened'],
      defaults: {},
      mode: 'validOnly'
    },
    session
  )
  if (!started.ok) throw new Error(JSON.stringify(started.error))
  process.stdout.write('READY\n')
  const jobId = (started.data as { jobId: string }).jobId
  void (async () => {
    for (;;) {
      const p = await app.dispatch('import.progress', { jobId }, session)
      const state = p.ok ? (p.data as { state: string }).state : 'running'
      if (state !== 'running') {
        process.stdout.write(`IMPORT ${state}\n`)
        return
      }
      await new Promise((resolve) => setTimeout(resolve, 10))
    }
  })()
  for (;;) {
    const result = await app.dispatch('backup.create', { folder }, session)
    process.stdout.write(
      result.ok ? `BACKUP ${(result.data as { file: string }).file}\n` : `REFUSED ${result.error.message}\n`
    )
  }
}

void main()
