import { afterEach, describe, expect, it } from 'vitest'
import { itemInput as item } from '../support/records'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

async function setUp() {
  app = await makeApp()
  return app.signInAs('archivist', 'liwen')
}

async function filedPair(key: string) {
  const contract = await app.call(
    'items.create',
    item({ title: '仓储合同', dateFormed: '2025-03-10', pageCount: 6 }),
    key
  )
  const attachment = await app.call(
    'items.create',
    item({ title: '仓储合同附件：库位清单', dateFormed: '2025-03-09', pageCount: 3 }),
    key
  )
  await app.call('items.link', { kind: 'main_attachment', fromId: contract.id, toId: attachment.id }, key)
  const letter = await app.call(
    'items.create',
    item({ title: '合作意向书', dateFormed: '2025-02-01', pageCount: 2 }),
    key
  )
  for (const one of [contract, attachment, letter]) await app.call('items.catalogue', { id: one.id }, key)
  return { contract, attachment, letter }
}

describe('R-FILE-4 filing year', () => {
  it('files a request with its reply in the reply’s year, and says why', async () => {
    const key = await setUp()
    const request = await app.call(
      'items.create',
      item({ title: '关于续签仓储合同的请示', documentKind: 'request', dateFormed: '2024-12-20' }),
      key
    )
    expect(request.year).toBe(2024)
    const reply = await app.call(
      'items.create',
      item({ title: '关于续签仓储合同的批复', documentKind: 'reply', dateFormed: '2025-01-08' }),
      key
    )
    await app.call('items.link', { kind: 'request_reply', fromId: request.id, toId: reply.id }, key)
    const moved = await app.call('items.get', { id: request.id }, key)
    expect(moved.year).toBe(2025)
    expect(moved.yearReason).toMatchObject({
      ruleId: 'R-FILE-4',
      reason: 'policy.filingYear.replyYear',
      params: { year: 2025 }
    })
  })

  it('keeps a whole linked group in one year: the request’s attachment follows the request to the reply’s year', async () => {
    const key = await setUp()
    const request = await app.call('items.create', item({ documentKind: 'request', dateFormed: '2024-12-20' }), key)
    const attachment = await app.call('items.create', item({ title: '请示附件', dateFormed: '2024-12-18' }), key)
    await app.call('items.link', { kind: 'main_attachment', fromId: request.id, toId: attachment.id }, key)
    const reply = await app.call('items.create', item({ documentKind: 'reply', dateFormed: '2025-01-08' }), key)
    await app.call('items.link', { kind: 'request_reply', fromId: request.id, toId: reply.id }, key)
    const years = await Promise.all(
      [request, attachment, reply].map(async (one) => (await app.call('items.get', { id: one.id }, key)).year)
    )
    expect(years).toEqual([2025, 2025, 2025])
    const auditor = await app.signInAs('auditor', 'shenji')
    const refiled = await app.call('audit.list', { action: 'refile' }, auditor)
    expect(refiled.rows.map((r) => [r.entityId, r.before, (r.after as { year: number }).year])).toEqual(
      expect.arrayContaining([
        [String(attachment.id), { year: 2024 }, 2025],
        [String(request.id), { year: 2024 }, 2025]
      ])
    )
    await app.call('items.unlink', { kind: 'request_reply', fromId: request.id, toId: reply.id }, key)
    expect((await app.call('items.get', { id: attachment.id }, key)).year).toBe(2024)
  })

  it('files a plan in its first year and a summary in its last', async () => {
    const key = await setUp()
    const plan = await app.call(
      'items.create',
      item({ documentKind: 'plan', dateFormed: '2023-12-01', periodStartYear: 2024, periodEndYear: 2026 }),
      key
    )
    const summary = await app.call(
      'items.create',
      item({ documentKind: 'summary', dateFormed: '2026-01-15', periodStartYear: 2023, periodEndYear: 2025 }),
      key
    )
    expect([plan.year, summary.year]).toEqual([2024, 2025])
  })

  it('refuses a change of year once the code is assigned (R-FILE-10 codes are stable)', async () => {
    const key = await setUp()
    const request = await app.call('items.create', item({ documentKind: 'request', dateFormed: '2024-12-20' }), key)
    await app.call('items.catalogue', { id: request.id }, key)
    const reply = await app.call('items.create', item({ documentKind: 'reply', dateFormed: '2025-01-08' }), key)
    const refused = await app.dispatch('items.link', { kind: 'request_reply', fromId: request.id, toId: reply.id }, key)
    expect(refused).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-10' } })
    expect((await app.call('items.get', { id: request.id }, key)).links).toEqual([])
  })
})

describe('R-FILE-10 archival codes', () => {
  it('assigns gap-free codes per series from the template, and keeps them', async () => {
    const key = await setUp()
    const codes: string[] = []
    for (const [index, retentionCode] of ['D30', 'D30', 'Y', 'D30'].entries()) {
      const created = await app.call('items.create', item({ title: `文件${index}`, retentionCode }), key)
      codes.push((await app.call('items.catalogue', { id: created.id }, key)).archivalCode!)
    }
    expect(codes).toEqual([
      'J001-KH·2025-D30-ZS-0001',
      'J001-KH·2025-D30-ZS-0002',
      'J001-KH·2025-Y-ZS-0001',
      'J001-KH·2025-D30-ZS-0003'
    ])
    const first = await app.call('items.get', { id: 1 }, key)
    const again = await app.call('items.catalogue', { id: 1 }, key)
    expect(again.archivalCode).toBe(first.archivalCode)
    const moved = await app.dispatch(
      'items.update',
      { ...item({ title: '文件0', retentionCode: 'Y' }), id: 1, version: first.version },
      key
    )
    expect(moved).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-10' } })
  })

  it('R-FILE-11 refuses to code an item whose description is incomplete', async () => {
    const key = await setUp()
    const missing = await app.dispatch('items.create', item({ title: '', responsibleParty: '', pageCount: 0 }), key)
    expect(missing).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })
    if (!missing.ok)
      expect(missing.error.details?.map((d) => d.path).sort()).toEqual(['pageCount', 'responsibleParty', 'title'])
  })

  it('refuses codes the reference data does not know, and a template that cannot number', async () => {
    const key = await setUp()
    const unknown = await app.dispatch('items.create', item({ categoryCode: 'XX' }), key)
    expect(unknown).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'categoryCode', message: 'validation.unknownCode' }] }
    })
    const manager = await app.signInAs('archive_manager', 'wang')
    const current = await app.call('settings.getFiling', {}, manager)
    const broken = await app.dispatch(
      'settings.saveFiling',
      { ...current.data, itemCodeTemplate: '{fonds}-{year}' },
      manager
    )
    expect(broken).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'itemCodeTemplate' }] } })
    const saved = await app.call(
      'settings.saveFiling',
      { ...current.data, departments: [...current.data.departments, { code: 'CW', name: '财务部' }] },
      manager
    )
    // Version 1 is the built-in defaults; the first saved change is version 2.
    expect(saved.version).toBe(2)
    expect((await app.call('items.create', item({ departmentCode: 'CW' }), key)).policyVersion).toBe(2)
  })
})

describe('volumes', () => {
  it('R-FILE-5/6 orders items (main before attachment, otherwise by date) and numbers pages continuously', async () => {
    const key = await setUp()
    const { contract, attachment, letter } = await filedPair(key)
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '2025年客户合同' },
      key
    )
    expect(volume.archivalCode).toBe('J001-1-0001')
    for (const one of [attachment, contract, letter])
      await app.call('volumes.addItem', { volumeId: volume.id, itemId: one.id }, key)
    const { items, volume: filled } = await app.call('volumes.get', { id: volume.id }, key)
    expect(items.map((i) => [i.title, i.startPage, i.endPage])).toEqual([
      ['合作意向书', 1, 2],
      ['仓储合同', 3, 8],
      ['仓储合同附件：库位清单', 9, 11]
    ])
    expect(filled).toMatchObject({ itemCount: 3, pageCount: 11 })
    expect((await app.call('items.get', { id: contract.id }, key)).status).toBe('filed')

    const pinned = await app.call('volumes.setPosition', { volumeId: volume.id, itemId: letter.id, position: 3 }, key)
    expect(pinned.items.map((i) => i.title)).toEqual(['仓储合同', '仓储合同附件：库位清单', '合作意向书'])
  })

  it('R-FILE-2/7 refuses another year and a 绝密 item in an ordinary volume, with the rule and reason', async () => {
    const key = await setUp()
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '2025年客户合同' },
      key
    )
    const old = await app.call('items.create', item({ dateFormed: '2024-05-01' }), key)
    const secret = await app.call('items.create', item({ classification: 'top_secret' }), key)
    const draft = await app.call('items.create', item(), key)
    for (const one of [old, secret]) await app.call('items.catalogue', { id: one.id }, key)
    expect(await app.dispatch('volumes.addItem', { volumeId: volume.id, itemId: old.id }, key)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-2' }
    })
    expect(await app.dispatch('volumes.addItem', { volumeId: volume.id, itemId: secret.id }, key)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-7' }
    })
    expect(await app.dispatch('volumes.addItem', { volumeId: volume.id, itemId: draft.id }, key)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-1' }
    })
    expect((await app.call('volumes.get', { id: volume.id }, key)).items).toEqual([])
  })

  it('R-FILE-3 refuses to split an attachment from its main document across volumes', async () => {
    const key = await setUp()
    const { contract, attachment } = await filedPair(key)
    const first = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '卷一' },
      key
    )
    const second = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '卷二' },
      key
    )
    expect(second.archivalCode).toBe('J001-1-0002')
    await app.call('volumes.addItem', { volumeId: first.id, itemId: contract.id }, key)
    expect(await app.dispatch('volumes.addItem', { volumeId: second.id, itemId: attachment.id }, key)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-3' }
    })
  })

  it('R-FILE-6/7 lays the volume out again when a member changes, and refuses making it 绝密 in an ordinary volume', async () => {
    const key = await setUp()
    const { contract, attachment, letter } = await filedPair(key)
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '卷一' },
      key
    )
    for (const one of [contract, attachment, letter])
      await app.call('volumes.addItem', { volumeId: volume.id, itemId: one.id }, key)
    const current = await app.call('items.get', { id: letter.id }, key)
    await app.call(
      'items.update',
      {
        ...item({ title: '合作意向书', dateFormed: '2025-02-01', pageCount: 5 }),
        id: letter.id,
        version: current.version
      },
      key
    )
    const { items } = await app.call('volumes.get', { id: volume.id }, key)
    expect(items.map((i) => [i.startPage, i.endPage])).toEqual([
      [1, 5],
      [6, 11],
      [12, 14]
    ])
    const latest = await app.call('items.get', { id: letter.id }, key)
    const secret = await app.dispatch(
      'items.update',
      {
        ...item({ title: '合作意向书', dateFormed: '2025-02-01', pageCount: 5, classification: 'top_secret' }),
        id: letter.id,
        version: latest.version
      },
      key
    )
    expect(secret).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-7' } })
  })

  it('R-FILE-3 refuses a link that would split a group across volumes, and closing a volume whose member has a partner outside', async () => {
    const key = await setUp()
    const { contract, attachment, letter } = await filedPair(key)
    const loose = await app.call('items.create', item({ title: '补充说明' }), key)
    await app.call('items.catalogue', { id: loose.id }, key)
    const first = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '卷一' },
      key
    )
    const second = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '卷二' },
      key
    )
    await app.call('volumes.addItem', { volumeId: first.id, itemId: contract.id }, key)
    const added = await app.call('volumes.addItem', { volumeId: second.id, itemId: letter.id }, key)
    await app.call('items.link', { kind: 'main_attachment', fromId: letter.id, toId: loose.id }, key)
    const split = await app.dispatch(
      'items.link',
      { kind: 'original_copy', fromId: loose.id, toId: attachment.id },
      key
    )
    expect(split).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-3' } })
    const closing = await app.dispatch(
      'volumes.close',
      { id: second.id, version: (await app.call('volumes.get', { id: second.id }, key)).volume.version },
      key
    )
    expect(closing).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-FILE-3', message: 'policy.linkedOutsideVolume' }
    })
    expect(added.volume.itemCount).toBe(1)
  })

  it('R-KEEP-1 refuses to file an item that is away from its shelf, and logs every print', async () => {
    const key = await setUp()
    const auditor = await app.signInAs('auditor', 'shenji')
    const { letter } = await filedPair(key)
    const room = await app.call('locations.create', { parentId: null, kind: 'room', code: 'A', name: '库房' }, key)
    const rack = await app.call('locations.create', { parentId: room.id, kind: 'rack', code: '01', name: '架' }, key)
    const shelf = await app.call('locations.create', { parentId: rack.id, kind: 'shelf', code: '1', name: '层' }, key)
    const reading = await app.call('locations.create', { parentId: null, kind: 'room', code: 'R', name: '阅览室' }, key)
    await app.call(
      'locations.place',
      { subject: 'item', id: letter.id, locationId: shelf.id, home: true, note: '' },
      key
    )
    await app.call(
      'locations.place',
      { subject: 'item', id: letter.id, locationId: reading.id, home: false, note: '查阅' },
      key
    )
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '卷一' },
      key
    )
    expect(await app.dispatch('volumes.addItem', { volumeId: volume.id, itemId: letter.id }, key)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED', ruleId: 'R-KEEP-1', params: { path: 'R' } }
    })
    await app.call('locations.returnHome', { subject: 'item', id: letter.id, note: '' }, key)
    await app.call('volumes.addItem', { volumeId: volume.id, itemId: letter.id }, key)
    await app.call('print.volume', { id: volume.id, document: 'cover' }, key)
    const prints = await app.call('audit.list', { action: 'print' }, auditor)
    expect(prints.rows.map((r) => [r.entity, r.entityId, r.after])).toEqual([
      ['volume', String(volume.id), { document: 'cover' }]
    ])
  })

  it('freezes a closed volume: no additions, removals or edits of its items', async () => {
    const key = await setUp()
    const { contract, letter } = await filedPair(key)
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '卷一' },
      key
    )
    expect(await app.dispatch('volumes.close', { id: volume.id, version: volume.version }, key)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED' }
    })
    const added = await app.call('volumes.addItem', { volumeId: volume.id, itemId: letter.id }, key)
    const closed = await app.call('volumes.close', { id: volume.id, version: added.volume.version }, key)
    expect(closed.status).toBe('closed')
    expect(await app.dispatch('volumes.addItem', { volumeId: volume.id, itemId: contract.id }, key)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED' }
    })
    expect(await app.dispatch('volumes.removeItem', { volumeId: volume.id, itemId: letter.id }, key)).toMatchObject({
      ok: false,
      error: { code: 'POLICY_DENIED' }
    })
    const current = await app.call('items.get', { id: letter.id }, key)
    expect(
      await app.dispatch('items.update', { ...item({ title: '改动' }), id: letter.id, version: current.version }, key)
    ).toMatchObject({ ok: false, error: { code: 'POLICY_DENIED' } })
  })
})

describe('search and overdue', () => {
  it('finds items by a fragment of the title, the document number or the customer name', async () => {
    const key = await setUp()
    const customer = await app.call('customers.create', sampleCustomer(), key)
    await app.call(
      'items.create',
      item({
        title: '关于仓储费用调整的函',
        documentNumber: '招商〔2025〕12号',
        customerId: customer.id,
        customerDocType: 'agreement'
      }),
      key
    )
    await app.call('items.create', item({ title: '年度工作总结' }), key)
    const titles = async (search: string) => (await app.call('items.list', { search }, key)).rows.map((r) => r.title)
    expect(await titles('仓储费用')).toEqual(['关于仓储费用调整的函'])
    expect(await titles('〔2025〕12')).toEqual(['关于仓储费用调整的函'])
    expect(await titles('顺达物流')).toEqual(['关于仓储费用调整的函'])
    expect(await titles('总结')).toEqual(['年度工作总结'])
  })

  it('R-KEEP-1 filters by location: a room finds the items of the volumes shelved anywhere inside it', async () => {
    const key = await setUp()
    const { contract, attachment, letter } = await filedPair(key)
    const room = await app.call('locations.create', { parentId: null, kind: 'room', code: 'A', name: '一号库房' }, key)
    const rack = await app.call(
      'locations.create',
      { parentId: room.id, kind: 'rack', code: '01', name: '一号架' },
      key
    )
    const shelf = await app.call(
      'locations.create',
      { parentId: rack.id, kind: 'shelf', code: '3', name: '第三层' },
      key
    )
    const box = await app.call(
      'locations.create',
      { parentId: shelf.id, kind: 'box', code: '05', name: '五号盒', capacity: 2 },
      key
    )
    expect(box.path).toBe('A-01-3-05')
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '卷一' },
      key
    )
    for (const one of [contract, attachment])
      await app.call('volumes.addItem', { volumeId: volume.id, itemId: one.id }, key)
    await app.call(
      'locations.place',
      { subject: 'volume', id: volume.id, locationId: box.id, home: true, note: '' },
      key
    )
    await app.call(
      'locations.place',
      { subject: 'item', id: letter.id, locationId: shelf.id, home: true, note: '' },
      key
    )
    const titles = async (locationId: number) =>
      (await app.call('items.list', { locationId, sortBy: 'title', sortOrder: 'ascend' }, key)).rows.map((r) => r.title)
    expect(await titles(room.id)).toEqual(['仓储合同', '仓储合同附件：库位清单', '合作意向书'].sort())
    expect(await titles(box.id)).toEqual(['仓储合同', '仓储合同附件：库位清单'].sort())
    expect((await app.call('volumes.get', { id: volume.id }, key)).volume.homePath).toBe('A-01-3-05')
  })

  it('R-CUST-3/R-FILE-9 lists customer materials not filed within a week', async () => {
    const key = await setUp()
    const customer = await app.call('customers.create', sampleCustomer(), key)
    await app.call(
      'items.create',
      item({
        customerId: customer.id,
        customerDocType: 'contract',
        dateFormed: '2026-02-10',
        receivedOn: '2026-02-20'
      }),
      key
    )
    await app.call(
      'items.create',
      item({ customerId: customer.id, customerDocType: 'intent', dateFormed: '2026-02-28', receivedOn: '2026-02-28' }),
      key
    )
    const overdue = await app.call('dashboard.overdue', {}, key)
    expect(overdue.map((o) => [o.dueOn, o.ruleId])).toEqual([['2026-02-27', 'R-CUST-3']])
  })
})

describe('printing', () => {
  it('R-FILE-8 prints the in-volume catalogue of a volume in its order', async () => {
    const key = await setUp()
    const { contract, attachment } = await filedPair(key)
    const volume = await app.call(
      'volumes.create',
      { fondsCode: 'J001', categoryCode: 'KH', year: 2025, retentionCode: 'D30', title: '2025年客户合同' },
      key
    )
    for (const one of [attachment, contract])
      await app.call('volumes.addItem', { volumeId: volume.id, itemId: one.id }, key)
    const { html } = await app.call('print.volume', { id: volume.id, document: 'catalogue' }, key)
    expect(html).toContain('卷内文件目录')
    expect(html).toContain('J001-1-0001')
    expect(html.indexOf('仓储合同</')).toBeLessThan(html.indexOf('仓储合同附件'))
  })
})
