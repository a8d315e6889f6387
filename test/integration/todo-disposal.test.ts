import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../support/app'
import { archiveOf2014, moveClockTo, ref } from '../support/disposal'

let app: TestApp
afterEach(async () => app?.close())

const disposalEntries = async (key: string) =>
  (await app.call('dashboard.todo', {}, key))
    .filter((entry) => entry.section === 'disposal')
    .map((entry) => [entry.key, entry.count, entry.ruleId])

describe('the workbench says what disposal work is waiting today', () => {
  it('R-DISP-4 expired records not yet listed, R-DISP-3 holds in force, R-DISP-6 batches whose six months have passed', async () => {
    app = await makeApp()
    const { archivist, manager, contract, letter, volume } = await archiveOf2014(app)
    // Expired: the contract, the letter and the volume (the 2014 D10 records); the D30 and permanent ones are not.
    expect(await disposalEntries(archivist)).toEqual([['expiredUnlisted', 3, 'R-DISP-4']])

    const hold = await app.call(
      'holds.place',
      { name: '审计', reason: '年度审计', records: [ref('item', letter.id)] },
      archivist
    )
    let batch = await app.call(
      'appraisal.create',
      { title: '2014年到期档案鉴定', records: [ref('item', contract.id), ref('volume', volume.id)] },
      archivist
    )
    expect(await disposalEntries(archivist)).toEqual([
      ['expiredUnlisted', 1, 'R-DISP-4'],
      ['holdsInForce', 1, 'R-DISP-3']
    ])
    await app.call('holds.release', { id: hold.id, reason: '审计结束' }, manager)

    for (const entry of batch.entriesDetail)
      batch = await app.call(
        'appraisal.decide',
        { batchId: batch.id, version: batch.version, entryId: entry.id, decision: 'destroy' },
        manager
      )
    await app.call(
      'appraisal.complete',
      {
        batchId: batch.id,
        version: batch.version,
        managerName: '王经理',
        departmentLeaderName: '李主任',
        appraisedOn: '2026-03-02'
      },
      manager
    )
    await moveClockTo(app, '2026-09-01T09:00:00.000Z', archivist)
    expect(await disposalEntries(archivist)).toEqual([['expiredUnlisted', 1, 'R-DISP-4']])
    await moveClockTo(app, '2026-09-02T09:00:00.000Z', archivist)
    expect(await disposalEntries(archivist)).toEqual([
      ['expiredUnlisted', 1, 'R-DISP-4'],
      ['destructionDue', 1, 'R-DISP-6']
    ])
  })
})
