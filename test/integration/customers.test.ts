import { afterEach, describe, expect, it } from 'vitest'
import { INDUSTRY_SECTIONS } from '@preload/reference-lists'
import { makeApp, sampleCustomer, type TestApp } from '../support/app'

let app: TestApp
afterEach(async () => app?.close())

const COMPANIES: [string, string, 'important' | 'special' | 'general', string, string][] = [
  ['上海顺达物流有限公司', '王建国', 'important', '物流', '上海'],
  ['北京华信贸易有限公司', '赵敏', 'general', '贸易', '北京'],
  ['广州南方物流集团', '陈志强', 'special', '物流', '广州'],
  ['杭州西湖软件有限公司', '周琳', 'general', '软件', '杭州'],
  ['深圳前海供应链管理有限公司', '黄海', 'important', '物流', '深圳']
]

async function seed(key: string) {
  for (const [index, [name, legalRepresentative, grade, industry, region]] of COMPANIES.entries()) {
    await app.call(
      'customers.create',
      sampleCustomer({
        name,
        legalRepresentative,
        grade,
        industry,
        region,
        dateOpened: `2025-0${index + 1}-15`,
        contacts: [{ name: `联系人${index}`, phone: '13900001111' }]
      }),
      key
    )
  }
}

const names = (rows: { name: string }[]) => rows.map((r) => r.name)

describe('R-CUST-1 customers', () => {
  it('saves every field and contact, and reads them back', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const input = sampleCustomer({
      businessScale: '大型',
      businessScope: '仓储、运输',
      economicStrength: '较强',
      dealingsRecord: '2024 年签订仓储合同',
      creditStanding: 'AA',
      background: '国有控股',
      hasAgreement: true,
      consentObtained: true,
      collectionPurpose: '合同管理',
      registeredCapital: 1234.5678
    })
    const created = await app.call('customers.create', input, key)
    const read = await app.call('customers.get', { id: created.id }, key)
    expect(read).toMatchObject({ ...input, version: 1 })
    expect(read.contacts).toEqual([
      { name: '李娜', title: '采购经理', phone: '13812345678', email: 'lina@shunda.example' }
    ])
  })

  it('finds customers by Chinese substrings of two or more characters (FTS5 trigram)', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    await seed(key)
    const search = async (text: string) =>
      names((await app.call('customers.list', { search: text, sortBy: 'name', sortOrder: 'ascend' }, key)).rows).sort()
    expect(await search('物流')).toEqual(
      ['上海顺达物流有限公司', '广州南方物流集团', '深圳前海供应链管理有限公司'].sort()
    )
    expect(await search('南方物流')).toEqual(['广州南方物流集团'])
    expect(await search('顺达物流')).toEqual(['上海顺达物流有限公司'])
    expect(await search('有限公司')).toHaveLength(4)
    expect(await search('赵敏')).toEqual(['北京华信贸易有限公司'])
    expect(await search('联系人3')).toEqual(['杭州西湖软件有限公司'])
    expect(await search('不存在的公司')).toEqual([])
    expect(await search('%')).toEqual([])
    expect(await search('"')).toEqual([])
  })

  it('filters by grade, industry and region; sorts; pages', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    await seed(key)
    const important = await app.call('customers.list', { grade: ['important'] }, key)
    expect(names(important.rows).sort()).toEqual(['上海顺达物流有限公司', '深圳前海供应链管理有限公司'].sort())
    const logistics = await app.call('customers.list', { industry: ['物流'], region: ['上海', '广州'] }, key)
    expect(logistics.total).toBe(2)
    const byDate = await app.call(
      'customers.list',
      { sortBy: 'dateOpened', sortOrder: 'ascend', pageSize: 2, page: 2 },
      key
    )
    expect(byDate.total).toBe(5)
    expect(byDate.rows.map((r) => r.dateOpened)).toEqual(['2025-03-15', '2025-04-15'])
    const byGrade = await app.call('customers.list', { sortBy: 'grade', sortOrder: 'ascend' }, key)
    expect(byGrade.rows.map((r) => r.grade)).toEqual(['important', 'important', 'special', 'general', 'general'])
    const facets = await app.call('customers.facets', {}, key)
    // Issue 13, S23: the GB/T 4754 sections first, then the free-text values typed before the list, still filterable.
    expect(facets.industries).toEqual([
      ...INDUSTRY_SECTIONS.map((entry) => entry.zh),
      ...['物流', '贸易', '软件'].sort()
    ])
    expect(facets.regions.slice(0, 2)).toEqual(['北京市', '天津市'])
    const freeText = await app.call('customers.list', { industry: ['物流'] }, key)
    expect(freeText.total).toBe(3)
  })

  it('R-CUST-4 keeps each change with who, when, old and new, newest first', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'zhangsan')
    const created = await app.call('customers.create', sampleCustomer(), key)
    app.clock.advanceMinutes(10)
    const updated = await app.call(
      'customers.update',
      {
        ...sampleCustomer({ legalRepresentative: '王建华', postcode: '200120', contacts: [] }),
        id: created.id,
        version: 1
      },
      key
    )
    expect(updated.version).toBe(2)
    const history = await app.call('customers.history', { id: created.id }, key)
    expect(history.map((h) => [h.action, h.field, h.before, h.after])).toEqual([
      ['update', 'legalRepresentative', '王建国', '王建华'],
      ['update', 'postcode', '201203', '200120'],
      ['update', 'contacts', '李娜 采购经理 13812345678 lina@shunda.example', ''],
      ['create', 'name', '', '上海顺达物流有限公司']
    ])
    expect(history[0]).toMatchObject({ username: 'zhangsan', at: '2026-03-02T09:10:00.000Z' })
    const found = await app.call('customers.list', { search: '李娜' }, key)
    expect(found.total).toBe(0)
  })

  it('refuses an edit based on an outdated copy, so nobody overwrites another’s change', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const created = await app.call('customers.create', sampleCustomer(), key)
    await app.call('customers.update', { ...sampleCustomer({ fax: '' }), id: created.id, version: 1 }, key)
    const stale = await app.dispatch(
      'customers.update',
      { ...sampleCustomer({ region: '浦东' }), id: created.id, version: 1 },
      key
    )
    expect(stale).toMatchObject({ ok: false, error: { code: 'CONFLICT', message: 'errors.staleVersion' } })
    expect((await app.call('customers.get', { id: created.id }, key)).region).toBe('上海')
  })

  it('warns about a duplicate name and saves it only when confirmed', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    await app.call('customers.create', sampleCustomer(), key)
    expect(await app.call('customers.findByName', { name: '上海顺达 物流有限公司' }, key)).toHaveLength(1)
    const duplicate = await app.dispatch('customers.create', sampleCustomer({ name: ' 上海顺达物流有限公司 ' }), key)
    expect(duplicate).toMatchObject({
      ok: false,
      error: {
        code: 'CONFLICT',
        message: 'errors.duplicateCustomerName',
        details: [{ path: 'name' }],
        params: { name: '上海顺达物流有限公司' }
      }
    })
    await app.call('customers.create', sampleCustomer({ confirmDuplicateName: true }), key)
    expect((await app.call('customers.list', {}, key)).total).toBe(2)
  })

  it('refuses bad input with field errors and saves nothing', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const result = await app.dispatch(
      'customers.create',
      sampleCustomer({ name: '', postcode: '1234', phone: 'abc', registeredCapital: -3 }),
      key
    )
    expect(result.ok).toBe(false)
    if (!result.ok) {
      expect(result.error.code).toBe('VALIDATION')
      expect(result.error.details?.map((d) => d.path).sort()).toEqual([
        'name',
        'phone',
        'postcode',
        'registeredCapital'
      ])
    }
    expect((await app.call('customers.list', {}, key)).total).toBe(0)
    expect(await app.dispatch('customers.get', { id: 999 }, key)).toMatchObject({
      ok: false,
      error: { code: 'NOT_FOUND' }
    })
  })
})

describe('R-CUST-5 privacy', () => {
  it('masks contact phones and e-mails for roles that may not see personal data', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist')
    const viewer = await app.signInAs('staff_viewer')
    const head = await app.signInAs('department_head')
    const created = await app.call('customers.create', sampleCustomer(), archivist)
    expect((await app.call('customers.list', {}, archivist)).rows[0].primaryContactPhone).toBe('13812345678')
    for (const key of [viewer, head]) {
      expect((await app.call('customers.list', {}, key)).rows[0].primaryContactPhone).toBe('138******78')
      const full = await app.call('customers.get', { id: created.id }, key)
      expect(full.contacts[0]).toMatchObject({ phone: '138******78', email: 'l***@shunda.example' })
    }
  })

  it('logs every view of a full customer record with who and when', async () => {
    app = await makeApp()
    const archivist = await app.signInAs('archivist', 'zhangsan')
    const viewer = await app.signInAs('staff_viewer', 'chakan')
    const auditor = await app.signInAs('auditor', 'shenji')
    const created = await app.call('customers.create', sampleCustomer(), archivist)
    await app.call('customers.get', { id: created.id }, viewer)
    await app.call('customers.get', { id: created.id }, archivist)
    const views = await app.call('audit.list', { entity: 'customer', action: 'view' }, auditor)
    expect(views.rows.map((r) => [r.username, r.entityId])).toEqual([
      ['zhangsan', String(created.id)],
      ['chakan', String(created.id)]
    ])
  })

  it('lets readers read but not write', async () => {
    app = await makeApp()
    const viewer = await app.signInAs('staff_viewer')
    expect(await app.dispatch('customers.create', sampleCustomer(), viewer)).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    const admin = await app.signInAs('sysadmin')
    expect(await app.dispatch('customers.list', {}, admin)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
