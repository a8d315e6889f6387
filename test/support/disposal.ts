import type { AppraisalBatch, ChannelInput, RecordRef } from '@preload/contract'
import { USER_PASSWORD, sampleCustomer, type TestApp } from './app'
import { itemInput } from './records'

/** Moves the injected clock on; the sessions idle-lock meanwhile, so their people sign back in. */
export async function moveClockTo(app: TestApp, iso: string, ...sessions: string[]): Promise<void> {
  app.clock.now = new Date(iso)
  for (const key of sessions) await app.call('auth.unlock', { password: USER_PASSWORD }, key)
}

export const ref = (subject: 'item' | 'volume', id: number): RecordRef => ({ subject, id })

/** An archive of 2014: two loose D10 items (one of a customer), a D10 volume with one item, a D30 and a permanent item. */
export async function archiveOf2014(app: TestApp) {
  const archivist = await app.signInAs('archivist', 'liwen')
  const manager = await app.signInAs('archive_manager', 'wangjl')
  const customer = await app.call('customers.create', sampleCustomer(), archivist)
  const make = async (overrides: Partial<ChannelInput<'items.create'>>) => {
    const item = await app.call(
      'items.create',
      itemInput({ dateFormed: '2014-05-10', receivedOn: '2014-05-12', retentionCode: 'D10', ...overrides }),
      archivist
    )
    return app.call('items.catalogue', { id: item.id }, archivist)
  }
  const contract = await make({ title: '顺达物流仓储合同', documentNumber: '招合〔2014〕7号', customerId: customer.id })
  const letter = await make({ title: '顺达物流合作意向书' })
  const thirty = await make({ title: '招商运营年度总结', retentionCode: 'D30' })
  const permanent = await make({ title: '公司章程', retentionCode: 'Y' })
  const filed = await make({ title: '仓库租赁协议' })
  const volume = await app.call(
    'volumes.create',
    {
      fondsCode: 'J001',
      categoryCode: 'KH',
      year: 2014,
      retentionCode: 'D10',
      departmentCode: 'ZS',
      title: '2014年仓储合同'
    },
    archivist
  )
  await app.call('volumes.addItem', { volumeId: volume.id, itemId: filed.id }, archivist)
  return { archivist, manager, customer, contract, letter, thirty, permanent, filed, volume }
}

export const SUPERVISED = {
  place: '公司碎纸间',
  destroyedOn: '2026-10-08',
  method: '碎纸机粉碎',
  approvedBy: '刘副总',
  supervisors: ['张监销', '赵监销']
}

/** R-DISP-5: the manager decides every entry of the batch to be destroyed and completes the appraisal on 2 March 2026. */
export async function appraisedToDestroy(
  app: TestApp,
  manager: string,
  listed: AppraisalBatch
): Promise<AppraisalBatch> {
  let batch = listed
  for (const entry of batch.entriesDetail)
    batch = await app.call(
      'appraisal.decide',
      { batchId: batch.id, version: batch.version, entryId: entry.id, decision: 'destroy' },
      manager
    )
  return app.call(
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
}

/** The shortest lawful path: list, decide all destroy, appraise on 2 March 2026, verify and destroy on 8 October 2026. */
export async function destroyed(
  app: TestApp,
  sessions: { archivist: string; manager: string },
  records: RecordRef[]
): Promise<AppraisalBatch> {
  const { archivist, manager } = sessions
  let batch = await appraisedToDestroy(
    app,
    manager,
    await app.call('appraisal.create', { title: '2014年到期档案鉴定', records }, archivist)
  )
  await moveClockTo(app, '2026-10-08T09:00:00.000Z', archivist, manager)
  for (const entry of batch.entriesDetail) {
    batch = await app.call(
      'appraisal.verify',
      { batchId: batch.id, version: batch.version, entryId: entry.id, stillToGo: true },
      archivist
    )
  }
  batch = await app.call(
    'destruction.create',
    { batchId: batch.id, version: batch.version, ...SUPERVISED, countConfirmed: records.length },
    archivist
  )
  return app.call('destruction.sign', { batchId: batch.id, version: batch.version, signedOn: '2026-10-08' }, archivist)
}
