import crypto from 'node:crypto'
import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../support/app'
import { pdfBytes } from '../support/electronic'
import { itemInput } from '../support/records'

let app: TestApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

describe('R-ELEC-3 an incident a fixity check opens says so', () => {
  it('has source fixity and its run, and the list filters by source', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const item = await app.call('items.create', itemInput(), key)
    const bytes = pdfBytes(2)
    await app.call(
      'electronic.attach',
      { itemId: item.id, role: 'scan', fileName: '合同.pdf', base64: bytes.toString('base64') },
      key
    )
    await app.call(
      'incidents.report',
      { record: { subject: 'item', id: item.id }, kind: 'damaged', note: '封面破损' },
      key
    )
    const sha = crypto.createHash('sha256').update(bytes).digest('hex')
    fs.rmSync(path.join(app.dataDir, 'files', 'sha256', sha.slice(0, 2), sha))

    const run = await app.call('electronic.fixityStart', { sample: null }, key)
    await app.services.electronic.fixityIdle()
    const fixity = await app.call('incidents.list', { state: 'open', source: 'fixity' }, key)
    expect(fixity.rows.map((row) => [row.subjectId, row.kind, row.source, row.sourceId])).toEqual([
      [item.id, 'missing', 'fixity', run.id]
    ])
    const manual = await app.call('incidents.list', { state: 'open', source: 'manual' }, key)
    expect(manual.rows.map((row) => row.note)).toEqual(['封面破损'])
    expect((await app.call('incidents.list', { state: 'open' }, key)).total).toBe(2)
  })
})
