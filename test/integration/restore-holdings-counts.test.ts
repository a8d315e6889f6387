import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, tempDir, type TestApp } from '../support/app'
import { asLegacyBackup, resealed } from '../support/backups'

let app: TestApp
afterEach(async () => app?.close())

const ITEM = `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, title,
    responsible_party, document_number, date_formed, page_count, classification, open_status, remarks, document_kind,
    received_on, status, policy_version, created_at, updated_at, created_by, custody)
  VALUES ('J001', 'WS', 2020, '', 'D30', 'BGS', '文件', '办公室', '', '2020-01-01', 4, 'none', 'restricted', '', 'ordinary',
    '2022-01-01', 'received', 0, '2022-01-01', '2022-01-01', 1, 'in_store')`

/** Counts that lie about the records beside them: a phantom group, and a real one grown a thousandfold. */
const LIES = `UPDATE holdings_counts SET n = n + 999, pages = pages + 9999;
  INSERT INTO holdings_counts (subject, category_code, year, n, pages) VALUES ('volume', 'KJ', 1999, 500, 0)`

/**
 * Issue 19, R-SEC-2: the workbench's holdings are counts kept beside the records (migration 1765800000000). A backup
 * brings its own; one changed by someone holding the backup key, or an unsealed one taken on the person's word, may
 * bring counts its records do not add up to, and the triggers would carry the lie on from there forever.
 */
describe('a restore counts the holdings from the records it brings', () => {
  it.each(['sealed by a key holder', 'unsealed'])('%s: counts that lie are counted anew', async (kind) => {
    app = await makeApp()
    const admin = await app.signInAs('sysadmin')
    const key = await app.signInAs('archivist', 'keeper')
    await app.database.query(ITEM)
    await app.database.query(ITEM)
    const folder = tempDir('usb-')
    const file = (await app.call('backup.create', { folder }, key)).file
    await resealed(app.dataDir, file, (db) => db.exec(LIES))
    if (kind === 'unsealed') await asLegacyBackup(app.dataDir, file)
    const consent = kind === 'unsealed' ? { acceptUnauthenticated: true } : {}
    expect(await app.dispatch('backup.restore', { file, ...consent }, admin)).toMatchObject({ ok: true })

    const reader = await app.signInAs('archivist', 'keeper2')
    const charts = await app.call('dashboard.holdings', {}, reader)
    expect(charts.byCategory.map(({ code, items, pages, volumes }) => ({ code, items, pages, volumes }))).toEqual([
      { code: 'WS', items: 2, pages: 8, volumes: 0 }
    ])
    expect(charts.byYear).toEqual([{ year: 2020, items: 2, volumes: 0 }])
  })
})
