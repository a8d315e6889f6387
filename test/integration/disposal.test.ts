import ExcelJS from 'exceljs'
import { afterEach, describe, expect, it } from 'vitest'
import type { AppraisalBatch, ChannelInput } from '@preload/contract'
import { itemInput } from '../support/records'
import { makeApp, type TestApp } from '../support/app'
import { archiveOf2014, moveClockTo, ref } from '../support/disposal'

let app: TestApp
afterEach(async () => app?.close())

const refusal = (result: { ok: boolean; error?: unknown }) => (result.ok ? 'accepted' : result.error)

async function archive() {
  app = await makeApp()
  return { ...(await archiveOf2014(app)), ref }
}

describe('R-DISP-1, R-DISP-2 records keep the period they were filed with', () => {
  it('stores years and expiry at coding; a later change of the period creates a new version and leaves coded records alone', async () => {
    const { manager, letter, ref } = await archive()
    expect(await app.call('disposal.record', ref('item', letter.id), manager)).toMatchObject({
      retentionYears: 10,
      expiresOn: '2025-01-01',
      holds: [],
      register: null
    })
    const filing = await app.call('settings.getFiling', {}, manager)
    const longer = filing.data.retentionPeriods.map((p) => (p.code === 'D10' ? { ...p, years: 15 } : p))
    const saved = await app.call('settings.saveFiling', { ...filing.data, retentionPeriods: longer }, manager)
    expect(saved.version).toBe(filing.version + 1)
    expect((await app.call('disposal.record', ref('item', letter.id), manager)).expiresOn).toBe('2025-01-01')
  })

  it('the due list holds expired loose items and volumes, never permanent, unexpired or filed-in-volume items, and filters', async () => {
    const { manager, contract, letter, volume } = await archive()
    const due = await app.call('disposal.due', {}, manager)
    expect(due.rows.map((r) => `${r.subject}:${r.id}`).sort()).toEqual(
      [`item:${contract.id}`, `item:${letter.id}`, `volume:${volume.id}`].sort()
    )
    expect(due.rows.every((r) => r.expiresOn === '2025-01-01')).toBe(true)
    expect((await app.call('disposal.due', { subject: 'volume' }, manager)).rows.map((r) => r.id)).toEqual([volume.id])
    expect((await app.call('disposal.due', { year: [2015] }, manager)).total).toBe(0)
    expect((await app.call('disposal.due', { departmentCode: ['ZS'], categoryCode: ['KH'] }, manager)).total).toBe(3)
    app.clock.now = new Date('2024-12-31T09:00:00.000Z')
    expect((await app.call('disposal.due', {}, manager)).total).toBe(0)
  })

  it('refuses to list permanent, unexpired and filed-in-volume records, each with its rule, and writes nothing', async () => {
    const { archivist, thirty, permanent, filed, ref } = await archive()
    const cases = [
      [ref('item', permanent.id), 'R-DISP-1', 'policy.disposal.permanent'],
      [ref('item', thirty.id), 'R-DISP-2', 'policy.disposal.notExpired'],
      [ref('item', filed.id), 'R-DISP-4', 'policy.disposal.inVolume']
    ] as const
    for (const [record, ruleId, message] of cases) {
      const result = await app.dispatch('appraisal.create', { title: '2014年到期档案', records: [record] }, archivist)
      expect(refusal(result)).toMatchObject({ code: 'POLICY_DENIED', ruleId, message })
    }
    expect((await app.call('appraisal.list', {}, archivist)).total).toBe(0)
  })
})

describe('R-DISP-4 the listing exports to Excel', () => {
  it('has the listing columns, real dates and one row per due record, and is logged', async () => {
    const { archivist, contract, volume } = await archive()
    const result = await app.call('export.dueList', { categoryCode: ['KH'] }, archivist)
    expect(result.rows).toBe(3)
    const workbook = new ExcelJS.Workbook()
    await workbook.xlsx.load(Buffer.from(result.base64, 'base64') as unknown as ArrayBuffer)
    const sheet = workbook.worksheets[0]
    expect((sheet.getRow(1).values as unknown[]).slice(1)).toEqual([
      '档号',
      '题名',
      '文号',
      '责任者',
      '形成时间',
      '年度',
      '门类',
      '机构',
      '保管期限',
      '到期日期',
      '备注'
    ])
    const codes = [2, 3, 4].map((row) => sheet.getRow(row).getCell(1).value)
    expect(codes).toEqual(expect.arrayContaining([contract.archivalCode, volume.archivalCode]))
    expect(sheet.getRow(2).getCell(10).value).toEqual(new Date('2025-01-01T00:00:00Z'))
    const logged = await app.database.query(`SELECT action FROM audit_log WHERE entity = 'disposal'`)
    expect(logged).toEqual([{ action: 'export' }])
  })
})

describe('R-DISP-3 holds', () => {
  it('a customer hold covers its items; held records are refused until the hold is released, both audited', async () => {
    const { archivist, manager, customer, contract, letter, ref } = await archive()
    const hold = await app.call(
      'holds.place',
      { name: '合同纠纷', reason: '顺达物流仓储费争议未结', customerIds: [customer.id] },
      archivist
    )
    expect(hold.subjects).toEqual([{ subject: 'customer', id: customer.id, label: customer.name }])
    const due = await app.call('disposal.due', {}, manager)
    expect(due.rows.find((r) => r.id === contract.id && r.subject === 'item')?.holds).toEqual(['合同纠纷'])
    const refused = await app.dispatch(
      'appraisal.create',
      { title: '批次', records: [ref('item', letter.id), ref('item', contract.id)] },
      archivist
    )
    expect(refusal(refused)).toMatchObject({
      code: 'POLICY_DENIED',
      ruleId: 'R-DISP-3',
      message: 'policy.disposal.held',
      params: { holds: '合同纠纷' }
    })
    expect((await app.call('appraisal.list', {}, archivist)).total).toBe(0)

    expect(refusal(await app.dispatch('holds.release', { id: hold.id, reason: '争议已结' }, archivist))).toMatchObject({
      code: 'FORBIDDEN'
    })
    const released = await app.call('holds.release', { id: hold.id, reason: '争议已结' }, manager)
    expect(released).toMatchObject({ releasedBy: 'wangjl', releaseReason: '争议已结' })
    expect(refusal(await app.dispatch('holds.release', { id: hold.id, reason: '再次' }, manager))).toMatchObject({
      code: 'CONFLICT'
    })
    expect(
      (await app.call('appraisal.create', { title: '批次', records: [ref('item', contract.id)] }, archivist)).entries
    ).toBe(1)
    const audit = await app.database.query(`SELECT action FROM audit_log WHERE entity = 'hold' ORDER BY id`)
    expect(audit.map((a: { action: string }) => a.action)).toEqual(['place', 'release'])
  })

  it('a hold needs at least one record or customer', async () => {
    const { archivist } = await archive()
    expect(refusal(await app.dispatch('holds.place', { name: '审计', reason: '年度审计' }, archivist))).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'records', message: 'validation.atLeastOne' }]
    })
  })
})

describe('R-DISP-4..8 a batch from listing to destruction', () => {
  it('lists, appraises jointly, waits out the hold period, verifies and is destroyed before two supervisors', async () => {
    const { archivist, manager, contract, letter, filed, volume, ref } = await archive()
    const batch = await app.call(
      'appraisal.create',
      {
        title: '2014年到期档案鉴定',
        records: [ref('item', contract.id), ref('item', letter.id), ref('volume', volume.id)]
      },
      archivist
    )
    expect(batch).toMatchObject({ state: 'listed', entries: 3 })
    const again = await app.dispatch(
      'appraisal.create',
      { title: '重复', records: [ref('item', contract.id)] },
      archivist
    )
    expect(refusal(again)).toMatchObject({
      ruleId: 'R-DISP-5',
      message: 'policy.disposal.inOpenBatch',
      params: { batchId: batch.id }
    })

    const entryOf = (id: number, subject = 'item') =>
      batch.entriesDetail.find((e) => e.record.id === id && e.record.subject === subject)!.id
    let version = batch.version
    const decide = async (
      entryId: number,
      decision: 'destroy' | 'keep',
      extra: { newRetentionCode?: string; reason?: string } = {}
    ) => {
      const result = await app.dispatch(
        'appraisal.decide',
        { batchId: batch.id, version, entryId, decision, ...extra },
        manager
      )
      if (result.ok) version = (result.data as AppraisalBatch).version
      return result
    }
    expect(
      refusal(
        await app.dispatch(
          'appraisal.decide',
          { batchId: batch.id, version, entryId: entryOf(contract.id), decision: 'destroy' },
          archivist
        )
      )
    ).toMatchObject({ code: 'FORBIDDEN' })
    expect(refusal(await decide(entryOf(letter.id), 'keep', { reason: '仍有参考价值' }))).toMatchObject({
      ruleId: 'R-DISP-5',
      message: 'policy.disposal.keepNeedsPeriod'
    })
    expect(
      refusal(await decide(entryOf(letter.id), 'keep', { newRetentionCode: 'D10', reason: '仍有参考价值' }))
    ).toMatchObject({ ruleId: 'R-DISP-5', message: 'policy.disposal.keepPeriodEnded' })
    expect(refusal(await decide(entryOf(letter.id), 'keep', { newRetentionCode: 'D30' }))).toMatchObject({
      ruleId: 'R-DISP-5',
      message: 'policy.disposal.keepNeedsReason'
    })
    expect(refusal(await decide(entryOf(letter.id), 'keep', { newRetentionCode: 'ZZ', reason: 'x' }))).toMatchObject({
      code: 'VALIDATION'
    })
    expect(refusal(await decide(entryOf(letter.id), 'keep', { newRetentionCode: 'D30', reason: '合作仍在继续' }))).toBe(
      'accepted'
    )
    expect(refusal(await decide(entryOf(contract.id), 'destroy'))).toBe('accepted')

    const complete = (extra: Partial<ChannelInput<'appraisal.complete'>>) =>
      app.dispatch(
        'appraisal.complete',
        {
          batchId: batch.id,
          version,
          managerName: '王经理',
          departmentLeaderName: '李主任',
          appraisedOn: '2026-03-02',
          ...extra
        },
        manager
      )
    expect(refusal(await complete({}))).toMatchObject({
      ruleId: 'R-DISP-5',
      message: 'policy.disposal.undecided',
      params: { count: 1 }
    })
    expect(refusal(await decide(entryOf(volume.id, 'volume'), 'destroy'))).toBe('accepted')
    expect(refusal(await complete({ departmentLeaderName: '' }))).toMatchObject({
      ruleId: 'R-DISP-5',
      message: 'policy.disposal.appraisersRequired'
    })
    expect(refusal(await complete({ departmentLeaderName: '王经理' }))).toMatchObject({
      ruleId: 'R-DISP-5',
      message: 'policy.disposal.appraisersDistinct'
    })
    const stale = await app.dispatch(
      'appraisal.complete',
      {
        batchId: batch.id,
        version: version - 1,
        managerName: '王经理',
        departmentLeaderName: '李主任',
        appraisedOn: '2026-03-02'
      },
      manager
    )
    expect(refusal(stale)).toMatchObject({ code: 'CONFLICT', message: 'errors.staleVersion' })
    const appraised = await app.call(
      'appraisal.complete',
      { batchId: batch.id, version, managerName: '王经理', departmentLeaderName: '李主任', appraisedOn: '2026-03-02' },
      manager
    )
    expect(appraised).toMatchObject({ state: 'awaiting', holdUntil: '2026-09-02', toDestroy: 2 })
    version = appraised.version

    // Kept: a new expiry, out of the due list. To go: set apart.
    expect(await app.call('disposal.record', ref('item', letter.id), manager)).toMatchObject({
      expiresOn: '2045-01-01'
    })
    const [setApart, apartVolume, filedItem] = await app.call(
      'records.summaries',
      { records: [ref('item', contract.id), ref('volume', volume.id), ref('item', filed.id)] },
      archivist
    )
    expect([setApart.custody, apartVolume.custody, filedItem.effectiveCustody]).toEqual([
      'awaiting_destruction',
      'awaiting_destruction',
      'awaiting_destruction'
    ])
    expect((await app.call('disposal.due', {}, archivist)).rows.map((r) => r.id)).not.toContain(letter.id)

    // R-DISP-6: nothing is verified or destroyed before the hold period ends.
    await moveClockTo(app, '2026-09-01T09:00:00.000Z', archivist, manager)
    const verify = async (entryId: number, stillToGo: boolean, note = '') => {
      const result = await app.dispatch(
        'appraisal.verify',
        { batchId: batch.id, version, entryId, stillToGo, note },
        archivist
      )
      if (result.ok) version = (result.data as AppraisalBatch).version
      return result
    }
    expect(refusal(await verify(entryOf(contract.id), true))).toMatchObject({
      ruleId: 'R-DISP-6',
      message: 'policy.disposal.holdPeriod',
      params: { until: '2026-09-02' }
    })
    const early = {
      batchId: batch.id,
      version,
      place: '公司碎纸间',
      destroyedOn: '2026-09-01',
      method: '碎纸机粉碎',
      supervisors: ['张监销', '赵监销'],
      countConfirmed: 2
    }
    expect(refusal(await app.dispatch('destruction.create', early, archivist))).toMatchObject({
      ruleId: 'R-DISP-6',
      message: 'policy.disposal.holdPeriod'
    })

    await moveClockTo(app, '2026-09-02T09:00:00.000Z', archivist, manager)
    expect(
      refusal(await app.dispatch('destruction.create', { ...early, destroyedOn: '2026-09-02' }, archivist))
    ).toMatchObject({ ruleId: 'R-DISP-6', message: 'policy.disposal.notVerified', params: { count: 2 } })

    // A record on loan (an item of the volume, set directly: loans are built elsewhere) or found missing cannot go.
    await app.database.query(`UPDATE items SET custody = 'on_loan' WHERE id = ?`, [filed.id])
    expect(refusal(await verify(entryOf(volume.id, 'volume'), true))).toMatchObject({
      ruleId: 'R-DISP-7',
      message: 'policy.disposal.onLoan'
    })
    await app.database.query(`UPDATE items SET custody = 'in_store' WHERE id = ?`, [filed.id])
    const missing = await app.call(
      'incidents.report',
      { record: ref('item', contract.id), kind: 'missing', note: '盘点未找到' },
      archivist
    )
    expect(refusal(await verify(entryOf(contract.id), true))).toMatchObject({
      ruleId: 'R-KEEP-3',
      message: 'policy.disposal.missing'
    })
    await app.call(
      'incidents.resolve',
      { id: missing.id, resolution: 'found', note: '在待销毁柜找到', resolvedOn: '2026-09-02' },
      archivist
    )
    expect(refusal(await verify(entryOf(contract.id), false))).toMatchObject({
      code: 'VALIDATION',
      details: [{ path: 'note' }]
    })
    expect(refusal(await verify(entryOf(contract.id), true))).toBe('accepted')
    expect(refusal(await verify(entryOf(volume.id, 'volume'), true))).toBe('accepted')

    const destroy = {
      batchId: batch.id,
      place: '公司碎纸间',
      destroyedOn: '2026-09-02',
      method: '碎纸机粉碎',
      approvedBy: '刘副总',
      countConfirmed: 2
    }
    const attempt = (extra: Partial<ChannelInput<'destruction.create'>>) =>
      app.dispatch(
        'destruction.create',
        { ...destroy, version, supervisors: ['张监销', '赵监销'], ...extra },
        archivist
      )
    expect(refusal(await attempt({ supervisors: ['张监销'] }))).toMatchObject({
      ruleId: 'R-DISP-7',
      message: 'policy.disposal.tooFewSupervisors',
      params: { min: 2, count: 1 }
    })
    expect(refusal(await attempt({ supervisors: ['张监销', '王经理'] }))).toMatchObject({
      ruleId: 'R-DISP-7',
      message: 'policy.disposal.supervisorConflict',
      params: { name: '王经理' }
    })
    expect(refusal(await attempt({ supervisors: ['张监销', 'liwen'] }))).toMatchObject({
      ruleId: 'R-DISP-7',
      message: 'policy.disposal.supervisorConflict'
    })
    expect(refusal(await attempt({ countConfirmed: 3 }))).toMatchObject({
      ruleId: 'R-DISP-7',
      message: 'policy.disposal.countMismatch'
    })
    expect(refusal(await attempt({ destroyedOn: '2026-09-01' }))).toMatchObject({
      ruleId: 'R-DISP-6',
      message: 'policy.disposal.beforeHoldEnd'
    })
    expect(await app.database.query('SELECT id FROM destruction_registers')).toEqual([])
    const drawn = await app.call(
      'destruction.create',
      { ...destroy, version, supervisors: ['张监销', '赵监销'] },
      archivist
    )
    expect(drawn.register).toMatchObject({ signedOn: null, supervisors: ['张监销', '赵监销'], countConfirmed: 2 })
    expect(drawn.register!.lines.map((l) => [l.archivalCode, l.yearsKept, l.destroyedOn, l.retentionName])).toEqual([
      [contract.archivalCode, 11, '2026-09-02', '定期10年'],
      [volume.archivalCode, 11, '2026-09-02', '定期10年']
    ])
    version = drawn.version
    const signed = await app.call('destruction.sign', { batchId: batch.id, version, signedOn: '2026-09-02' }, archivist)
    expect(signed).toMatchObject({ state: 'destroyed', register: { signedOn: '2026-09-02', signedBy: 'liwen' } })
    expect(signed.entriesDetail.map((e) => e.registerLine)).toEqual([1, null, 2])

    // R-DISP-8: destroyed records leave the everyday lists but stay in the catalogue, by id, and link to their line.
    const listed = await app.call('items.list', { pageSize: 50 }, archivist)
    expect(listed.total).toBe(listed.rows.length)
    const filedOrCoded = await app.call('items.list', { pageSize: 50, status: ['catalogued', 'filed'] }, archivist)
    expect(filedOrCoded.total).toBe(filedOrCoded.rows.length)
    expect(listed.rows.map((r) => r.id)).not.toContain(contract.id)
    expect(listed.rows.map((r) => r.id)).not.toContain(filed.id)
    const destroyedOnly = await app.call('items.list', { custody: ['destroyed'] }, archivist)
    expect(destroyedOnly.rows.map((r) => r.id).sort()).toEqual([contract.id, filed.id].sort())
    expect(await app.call('records.lookup', { search: '仓储合同' }, archivist)).toEqual([])
    expect((await app.call('volumes.get', { id: volume.id }, archivist)).items.map((i) => i.id)).toEqual([filed.id])
    expect(await app.call('items.get', { id: contract.id }, archivist)).toMatchObject({
      custody: 'destroyed',
      title: '顺达物流仓储合同'
    })
    expect(await app.call('disposal.record', ref('item', filed.id), archivist)).toMatchObject({
      register: { registerId: drawn.register!.id, lineNo: 2, destroyedOn: '2026-09-02' }
    })
    expect((await app.call('destruction.list', {}, archivist)).rows.map((r) => r.id)).toEqual([drawn.register!.id])
  })
})

describe('R-DISP-7 the signed register is permanent', () => {
  it('every channel that could touch it is refused, and raw SQL cannot change or delete it', async () => {
    const { archivist, manager, contract, ref } = await archive()
    let batch = await app.call(
      'appraisal.create',
      { title: '2014年到期档案鉴定', records: [ref('item', contract.id)] },
      archivist
    )
    const entryId = batch.entriesDetail[0].id
    batch = await app.call(
      'appraisal.decide',
      { batchId: batch.id, version: batch.version, entryId, decision: 'destroy' },
      manager
    )
    batch = await app.call(
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
    await moveClockTo(app, '2026-10-08T09:00:00.000Z', archivist, manager)
    batch = await app.call(
      'appraisal.verify',
      { batchId: batch.id, version: batch.version, entryId, stillToGo: true },
      archivist
    )
    const register = {
      place: '公司碎纸间',
      destroyedOn: '2026-10-08',
      method: '碎纸机粉碎',
      supervisors: ['张监销', '赵监销'],
      countConfirmed: 1
    }
    batch = await app.call(
      'destruction.create',
      { batchId: batch.id, version: batch.version, ...register, place: '旧址' },
      archivist
    )
    // An unsigned draft may be drawn up again; the old draft goes.
    batch = await app.call('destruction.create', { batchId: batch.id, version: batch.version, ...register }, archivist)
    expect(await app.database.query('SELECT place FROM destruction_registers')).toEqual([{ place: '公司碎纸间' }])
    expect(
      refusal(
        await app.dispatch(
          'destruction.sign',
          { batchId: batch.id, version: batch.version, signedOn: '2026-10-07' },
          archivist
        )
      )
    ).toMatchObject({ message: 'policy.disposal.signBeforeDestroyed' })
    batch = await app.call(
      'destruction.sign',
      { batchId: batch.id, version: batch.version, signedOn: '2026-10-08' },
      archivist
    )
    const registerId = batch.register!.id
    const before = JSON.stringify(await app.call('destruction.get', { id: registerId }, archivist))

    const permanent = { ruleId: 'R-DISP-7', message: 'policy.disposal.registerPermanent' }
    const v = batch.version
    for (const key of [archivist, manager]) {
      expect(
        refusal(
          await app.dispatch('destruction.create', { batchId: batch.id, version: v, ...register, place: '改' }, key)
        )
      ).toMatchObject(permanent)
      expect(
        refusal(await app.dispatch('destruction.sign', { batchId: batch.id, version: v, signedOn: '2026-10-08' }, key))
      ).toMatchObject(permanent)
      expect(
        refusal(
          await app.dispatch(
            'appraisal.verify',
            { batchId: batch.id, version: v, entryId, stillToGo: false, note: '撤回' },
            key
          )
        )
      ).toMatchObject(permanent)
    }
    expect(
      refusal(
        await app.dispatch(
          'appraisal.decide',
          { batchId: batch.id, version: v, entryId, decision: 'keep', newRetentionCode: 'Y', reason: '改判' },
          manager
        )
      )
    ).toMatchObject(permanent)
    expect(
      refusal(
        await app.dispatch(
          'appraisal.complete',
          { batchId: batch.id, version: v, managerName: 'a', departmentLeaderName: 'b', appraisedOn: '2026-10-08' },
          manager
        )
      )
    ).toMatchObject(permanent)
    const item = await app.call('items.get', { id: contract.id }, archivist)
    const { id: _id, version: itemVersion, ...fields } = item
    const edit = itemInput({
      ...Object.fromEntries(Object.keys(itemInput()).map((k) => [k, fields[k as keyof typeof fields]])),
      title: '改过的题名'
    })
    expect(
      refusal(await app.dispatch('items.update', { ...edit, id: contract.id, version: itemVersion }, archivist))
    ).toMatchObject({ ruleId: 'R-DISP-8', message: 'policy.disposal.destroyedFrozen' })

    for (const sql of [
      `UPDATE destruction_registers SET place = '改' WHERE id = ${registerId}`,
      `UPDATE destruction_registers SET signed_at = NULL WHERE id = ${registerId}`,
      `DELETE FROM destruction_registers WHERE id = ${registerId}`,
      `UPDATE destruction_lines SET title = '改' WHERE register_id = ${registerId}`,
      `DELETE FROM destruction_lines WHERE register_id = ${registerId}`,
      `INSERT INTO destruction_lines (register_id, line_no, entry_id, subject, subject_id, archival_code, document_number, responsible_party, title, date_formed, retention_name, years_kept, destroyed_on)
       VALUES (${registerId}, 9, ${entryId}, 'item', ${contract.id}, 'x', '', '', 'x', '2014-01-01', 'x', 1, '2026-10-08')`
    ]) {
      await expect(app.database.query(sql), sql).rejects.toThrow(/destruction register is permanent/)
    }
    // The register is a snapshot: changing the record underneath does not change it.
    await app.database.query(`UPDATE items SET title = '改过的题名' WHERE id = ?`, [contract.id])
    expect(JSON.stringify(await app.call('destruction.get', { id: registerId }, archivist))).toBe(before)
  })
})
