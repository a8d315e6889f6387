import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, type TestApp } from '../support/app'
import { appraisedToDestroy, archiveOf2014, moveClockTo, ref, SUPERVISED } from '../support/disposal'
import { itemInput } from '../support/records'

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

    await appraisedToDestroy(app, manager, batch)
    await moveClockTo(app, '2026-09-01T09:00:00.000Z', archivist)
    expect(await disposalEntries(archivist)).toEqual([['expiredUnlisted', 1, 'R-DISP-4']])
    await moveClockTo(app, '2026-09-02T09:00:00.000Z', archivist)
    expect(await disposalEntries(archivist)).toEqual([
      ['expiredUnlisted', 1, 'R-DISP-4'],
      ['destructionDue', 1, 'R-DISP-6']
    ])
  })
})

describe('R-DISP-4 the workbench counts the records the disposal page shows as due and in no open batch', () => {
  /** The disposal page's own reading: every record due, less those it marks as taken up by an open batch. */
  async function pageCount(key: string) {
    const due = await app.call('disposal.due', { page: 1, pageSize: 200 }, key)
    expect(due.rows).toHaveLength(due.total)
    return due.rows.filter((record) => record.openBatchId === null).length
  }
  const todoCount = async (key: string) =>
    (await app.call('dashboard.todo', {}, key)).find((entry) => entry.key === 'expiredUnlisted')?.count ?? 0

  it('through a batch whose verification pulls a record back, a kept decision, destroyed and uncoded items', async () => {
    app = await makeApp()
    const { archivist, manager, contract, letter, volume } = await archiveOf2014(app)
    // An item never coded is not listed (R-DISP-4 lists the catalogued records), nor one inside the volume.
    await app.call(
      'items.create',
      itemInput({ dateFormed: '2014-05-10', receivedOn: '2014-05-12', retentionCode: 'D10', title: '未编号的便条' }),
      archivist
    )
    const same = async (when: string) => expect(await todoCount(archivist), when).toBe(await pageCount(archivist))
    await same('before any batch')

    let batch = await app.call(
      'appraisal.create',
      { title: '2014年到期档案鉴定', records: [ref('item', contract.id), ref('item', letter.id)] },
      archivist
    )
    await same('listed')
    batch = await appraisedToDestroy(app, manager, batch)
    await same('set apart')

    await moveClockTo(app, '2026-09-02T09:00:00.000Z', archivist, manager)
    const entryOf = (id: number) => batch.entriesDetail.find((entry) => entry.record.id === id)!.id
    batch = await app.call(
      'appraisal.verify',
      {
        batchId: batch.id,
        version: batch.version,
        entryId: entryOf(contract.id),
        stillToGo: false,
        note: '合同纠纷未了'
      },
      archivist
    )
    // The contract is back in store and due: the page offers it for a new batch, so the workbench asks for it too.
    expect(batch.state).toBe('awaiting')
    expect(await todoCount(archivist)).toBe(2)
    await same('one pulled back while the batch waits')

    let kept = await app.call(
      'appraisal.create',
      { title: '2014年案卷鉴定', records: [ref('volume', volume.id)] },
      archivist
    )
    kept = await app.call(
      'appraisal.decide',
      {
        batchId: kept.id,
        version: kept.version,
        entryId: kept.entriesDetail[0].id,
        decision: 'keep',
        newRetentionCode: 'D30',
        reason: '仍有参考价值'
      },
      manager
    )
    await same('a volume decided kept in a batch still open')

    batch = await app.call(
      'appraisal.verify',
      { batchId: batch.id, version: batch.version, entryId: entryOf(letter.id), stillToGo: true },
      archivist
    )
    await same('verified')
    await moveClockTo(app, '2026-10-08T09:00:00.000Z', archivist, manager)
    batch = await app.call(
      'destruction.create',
      { batchId: batch.id, version: batch.version, ...SUPERVISED, countConfirmed: 1 },
      archivist
    )
    batch = await app.call(
      'destruction.sign',
      { batchId: batch.id, version: batch.version, signedOn: '2026-10-08' },
      archivist
    )
    await same('destroyed')
    // Left to list: the contract pulled back, and the volume, which its open batch no longer holds once decided kept
    // (the page offers it for another batch until that batch gives it its new period).
    expect(await todoCount(archivist)).toBe(2)
  })
})
