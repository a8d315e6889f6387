import ExcelJS from 'exceljs'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { zh } from '@main/reports/zh'
import { makeApp, type TestApp } from '../support/app'
import { workbookAsCsv } from '../support/libreoffice'
import { itemInput as item } from '../support/records'
import { signerFor, useDesk } from '../support/use'

let app: TestApp
let key: string
let desk: ReturnType<typeof useDesk>

/** Moves the clock to a day of the year (10:00 local). */
const on = (day: string) => desk.at(`${day}T10:00:00`)

const STAFF = {
  zhangsan: { applicantName: '张三', departmentCode: 'ZS' },
  lisi: { applicantName: '李四', departmentCode: 'BGS' },
  zhaoliu: { applicantName: '赵六', departmentCode: 'ZS' }
}
const OUTSIDER = {
  applicantKind: 'external',
  applicantName: '王五',
  externalUnit: '市审计局',
  introductionLetter: '审字〔2025〕3号'
} as const

/**
 * A known year of activity in 2025, with records and events just before and after it that must not be counted:
 * five items received (one later destroyed), three catalogued, one volume made and closed, two rooms, two completed
 * inspections and a draft, five incidents (two from returns), five readings (three out of range), 2026 activity, and
 * use: two letters of 2024 (kept out of the holdings), one lent in December 2024 and come back lost and late in
 * January, a copy of the other asked for on New Year's Eve and made on 2 January, consultations, loans (one refused,
 * one returned late, one damaged, one overdue at year end and renewed in 2026, one out over New Year), copies for 22
 * purposes.
 */
async function buildYear() {
  app = await makeApp()
  app.clock.now = new Date('2024-12-20T10:00:00')
  key = await app.signInAs('archivist', 'liwen')
  desk = useDesk(app, key)
  const { at, request, signAll, grant, giveBack, feedback } = desk
  const zhangsan = await app.createAccount({
    username: 'zhangsan',
    displayName: '张三',
    role: 'staff_viewer',
    department: 'ZS'
  })
  const staff = (who: keyof typeof STAFF) => ({
    ...STAFF[who],
    ...(who === 'zhangsan' ? { applicantUserId: zhangsan.id } : {})
  })
  const letter = await app.call(
    'items.create',
    item({ title: '往来函件', pageCount: 5, dateFormed: '2024-12-18', receivedOn: '2024-12-19' }),
    key
  )
  const reply = await app.call(
    'items.create',
    item({ title: '复函', pageCount: 2, dateFormed: '2024-12-18', receivedOn: '2024-12-19' }),
    key
  )
  for (const one of [letter, reply]) await app.call('items.catalogue', { id: one.id }, key)
  const letterRef = { subject: 'item', id: letter.id } as const
  const lentLetter = await grant(request('loan', [letterRef], '核对往来', staff('zhangsan')))
  await at('2024-12-31T23:30:00')
  const copyAsked = await signAll(
    await app.call('use.create', request('excerpt', [{ subject: 'item', id: reply.id }], '审计取证', OUTSIDER), key)
  )

  await on('2025-01-02')
  const copied = await app.call('use.checkout', { id: copyAsked.id, version: copyAsked.version }, key)
  await feedback(await giveBack(copied), 'evidence')
  await on('2025-01-06')
  await feedback(await giveBack(lentLetter, { [letter.id]: 'lost' }), 'other')

  await on('2025-03-15')
  const i1 = await app.call('items.create', item({ title: '仓储合同', pageCount: 4 }), key)
  const i2 = await app.call('items.create', item({ title: '保密协议', pageCount: 6, classification: 'secret' }), key)
  const i3 = await app.call(
    'items.create',
    item({
      categoryCode: 'WS',
      retentionCode: 'Y',
      departmentCode: 'BGS',
      title: '年度工作计划',
      pageCount: 10,
      dateFormed: '2025-04-01',
      receivedOn: '2025-04-02'
    }),
    key
  )
  for (const one of [i1, i2, i3]) await app.call('items.catalogue', { id: one.id }, key)
  const volume = await app.call(
    'volumes.create',
    {
      fondsCode: 'J001',
      categoryCode: 'KH',
      year: 2025,
      retentionCode: 'D30',
      departmentCode: 'ZS',
      title: '顺达物流合同'
    },
    key
  )
  for (const one of [i1, i2]) await app.call('volumes.addItem', { volumeId: volume.id, itemId: one.id }, key)
  const roomA = await app.call('locations.create', { parentId: null, kind: 'room', code: 'A', name: '一号库房' }, key)
  const rackA = await app.call(
    'locations.create',
    { parentId: roomA.id, kind: 'rack', code: '01', name: '密集架' },
    key
  )
  const shelf = await app.call(
    'locations.create',
    { parentId: rackA.id, kind: 'shelf', code: '1', name: '第1层', capacity: 20 },
    key
  )
  const box = await app.call(
    'locations.create',
    { parentId: shelf.id, kind: 'box', code: '01', name: '1号盒', capacity: 5 },
    key
  )
  const roomB = await app.call('locations.create', { parentId: null, kind: 'room', code: 'B', name: '二号库房' }, key)
  await app.call('locations.create', { parentId: roomB.id, kind: 'rack', code: '01', name: '铁皮柜' }, key)
  await app.call('locations.place', { subject: 'volume', id: volume.id, locationId: box.id, home: true }, key)
  await app.call('locations.place', { subject: 'item', id: i3.id, locationId: shelf.id, home: true }, key)
  const [volumeRef, i2Ref, i3Ref] = [
    { subject: 'volume', id: volume.id },
    { subject: 'item', id: i2.id },
    { subject: 'item', id: i3.id }
  ] as const
  const manager = await app.signInAs('archive_manager', 'zhaozhu')
  // R-STAT-1: the staff sheet names people as the reports print them, not by their sign-in names.
  await app.database.query(`UPDATE users SET display_name = '李文' WHERE username = 'liwen'`)
  await app.database.query(`UPDATE users SET display_name = '周经理' WHERE username = 'zhaozhu'`)
  await app.call(
    'settings.saveUse',
    { ...(await app.call('settings.getUse', {}, manager)).data, renewable: true },
    manager
  )

  await on('2025-03-20')
  await feedback(
    await giveBack(await grant(request('consultation', [volumeRef], '核对合同条款', staff('zhangsan')))),
    'evidence'
  )
  await on('2025-04-10')
  const lentToLisi = await grant(request('loan', [i3Ref], '年度审计', staff('lisi'), 4))
  await on('2025-04-18')
  await feedback(await giveBack(lentToLisi), 'reference')

  await on('2025-05-06')
  const i6 = await app.call(
    'items.create',
    item({
      categoryCode: 'KJ',
      retentionCode: 'D10',
      departmentCode: 'BGS',
      title: '记账凭证',
      pageCount: 3,
      dateFormed: '2025-05-05',
      receivedOn: '2025-05-05'
    }),
    key
  )
  await app.database.query(`UPDATE items SET custody = 'destroyed' WHERE id = ?`, [i6.id])
  await on('2025-05-12')
  const refused = await app.call('use.create', request('loan', [volumeRef], '核对合同条款', staff('zhangsan')), key)
  await app.call(
    'use.approve',
    {
      id: refused.id,
      version: refused.version,
      step: refused.chain[0].step,
      signerUserId: await signerFor(app, refused, refused.chain[0].step),
      signedOn: '2025-05-12',
      decision: 'refused',
      reason: '可查阅，不必借出'
    },
    key
  )
  // R-STAT-1: withdrawn by the applicant, never a use of the archives.
  const withdrawn = await app.call(
    'use.create',
    request('consultation', [volumeRef], '核对合同条款', staff('zhangsan')),
    key
  )
  await app.call('use.cancel', { id: withdrawn.id, version: withdrawn.version, reason: '申请人撤回' }, key)
  await on('2025-05-20')
  await giveBack(await grant(request('consultation', [i2Ref, i3Ref], '年度审计', OUTSIDER)))

  await on('2025-06-10')
  await app.call(
    'volumes.close',
    { id: volume.id, version: (await app.call('volumes.get', { id: volume.id }, key)).volume.version },
    key
  )

  await on('2025-06-20')
  const periodic = await app.call(
    'inspections.create',
    {
      kind: 'periodic',
      inspectedOn: '2025-06-20',
      inspectors: '李文',
      locationIds: [rackA.id],
      roomId: roomA.id,
      temperature: 26,
      humidity: 52
    },
    key
  )
  const ticked = await app.call(
    'inspections.mark',
    { id: periodic.id, findings: [{ subject: 'volume', id: volume.id, state: 'found' }] },
    key
  )
  await app.call('inspections.complete', { id: periodic.id, version: ticked.version, confirmMissing: true }, key)
  await on('2025-06-21')
  await app.call('environment.record', { roomId: roomA.id, readOn: '2025-06-21', temperature: 20, humidity: 50 }, key)
  await on('2025-06-22')
  await app.call('environment.record', { roomId: roomA.id, readOn: '2025-06-22', temperature: 20, humidity: 65 }, key)
  await on('2025-07-01')
  await app.call('environment.record', { roomId: roomB.id, readOn: '2025-07-01', temperature: 13, humidity: 50 }, key)
  const [missingI3] = (await app.call('incidents.list', {}, key)).rows
  await app.call(
    'incidents.resolve',
    { id: missingI3.id, resolution: 'found', note: '在阅览室找到', resolvedOn: '2025-07-01' },
    key
  )
  await on('2025-07-15')
  const copies = await grant({ ...request('excerpt', [i3Ref], '编写大事记', staff('zhangsan')), copies: 2 })
  await on('2025-07-16')
  await feedback(await giveBack(copies), 'history')
  await on('2025-08-01')
  await giveBack(await grant(request('consultation', [volumeRef, i3Ref], '核对合同条款', staff('zhaoliu'))))

  await on('2025-09-01')
  const adhoc = await app.call(
    'inspections.create',
    {
      kind: 'adhoc',
      reason: 'fire',
      inspectedOn: '2025-09-01',
      inspectors: '李文',
      records: [{ subject: 'item', id: i1.id }]
    },
    key
  )
  const damaged = await app.call(
    'inspections.mark',
    { id: adhoc.id, findings: [{ subject: 'item', id: i1.id, state: 'damaged', note: '烟熏' }] },
    key
  )
  await app.call('inspections.complete', { id: adhoc.id, version: damaged.version }, key)
  await app.call(
    'inspections.create',
    {
      kind: 'adhoc',
      reason: 'in_doubt',
      inspectedOn: '2025-09-01',
      inspectors: '李文',
      records: [{ subject: 'item', id: i2.id }]
    },
    key
  )

  await on('2025-10-15')
  for (let n = 1; n <= 20; n += 1)
    await grant(request('excerpt', [i3Ref], `专题汇编${String(n).padStart(2, '0')}`, staff('zhangsan')))
  await on('2025-10-20')
  const damagedOnLoan = await grant(request('loan', [i3Ref], '核对合同条款', staff('zhangsan'), 4))
  await on('2025-10-24')
  await feedback(await giveBack(damagedOnLoan, { [i3.id]: 'damaged' }), 'economic')

  await on('2025-11-01')
  const i4 = await app.call(
    'items.create',
    item({
      categoryCode: 'KJ',
      retentionCode: 'D10',
      departmentCode: 'BGS',
      title: '银行对账单',
      pageCount: 2,
      dateFormed: '2025-10-30',
      receivedOn: '2025-10-31'
    }),
    key
  )
  const lost = await app.call(
    'incidents.report',
    { record: { subject: 'item', id: i4.id }, kind: 'missing', note: '未找到' },
    key
  )

  await on('2025-11-15')
  const damage = (await app.call('incidents.list', {}, key)).rows.find(
    (incident) => incident.source === 'loan' && incident.kind === 'damaged'
  )!
  await app.call(
    'incidents.resolve',
    { id: damage.id, resolution: 'repaired', note: '已托裱修复', resolvedOn: '2025-11-15' },
    key
  )
  await on('2025-12-22')
  const overdueAtYearEnd = await grant(request('loan', [i2Ref], '诉讼举证', staff('zhangsan'), 4))
  await on('2025-12-29')
  const overNewYear = await grant(request('loan', [i3Ref], '年度审计', staff('lisi'), 4))

  await on('2026-01-05')
  // Renewed after the year: at year end it was still due on 26 December, so it was overdue then.
  const renewed = await app.call(
    'use.renew',
    { id: overdueAtYearEnd.id, version: overdueAtYearEnd.version, newDueOn: '2026-01-02' },
    key
  )
  await giveBack(overNewYear)
  await on('2026-01-08')
  await giveBack(renewed)
  // The letters of 2024 served only to show use across New Year; they stay out of the holdings figures.
  await app.database.query(`UPDATE items SET custody = 'destroyed' WHERE id IN (?, ?)`, [letter.id, reply.id])

  await on('2026-01-10')
  await app.call(
    'incidents.resolve',
    { id: lost.id, resolution: 'written_off', note: '确认遗失', resolvedOn: '2026-01-10' },
    key
  )
  const nextYear = await app.call(
    'items.create',
    item({ title: '2026 年合同', pageCount: 8, dateFormed: '2026-01-05', receivedOn: '2026-01-05' }),
    key
  )
  await app.call('environment.record', { roomId: roomA.id, readOn: '2026-01-10', temperature: 30, humidity: 80 }, key)
  const next = await app.call(
    'inspections.create',
    { kind: 'periodic', inspectedOn: '2026-01-10', inspectors: '李文', records: [{ subject: 'item', id: i2.id }] },
    key
  )
  await app.call('inspections.complete', { id: next.id, version: next.version, confirmMissing: true }, key)
  await app.call('items.catalogue', { id: nextYear.id }, key)
  await on('2026-01-12')
  await feedback(
    await giveBack(
      await grant(request('consultation', [{ subject: 'item', id: nextYear.id }], '核对合同条款', staff('zhangsan')))
    ),
    'evidence'
  )
}

type Expected = Record<string, { rows: [string, ...(number | null)[]][]; totals: (number | null)[] | null }>
const [KH, WS, KJ] = ['客户档案（KH）', '文书（WS）', '会计（KJ）']
const classification = (code: string) => zh(`classifications.${code}`)
const useKind = (kind: string) => zh(`use.kinds.${kind}`)
const months = (filled: Record<string, [number, number]>) =>
  Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}`).map(
    (month) => [month, ...(filled[month] ?? [0, 0])] as [string, number, number]
  )

/** Every figure of 2025, worked out by hand from buildYear: sheet → table caption → rows and totals. */
const EXPECTED: Record<string, Expected> = {
  holdings: {
    byCategory: {
      rows: [
        [WS, 0, 1, 10],
        [KJ, 0, 1, 2],
        [KH, 1, 2, 10]
      ],
      totals: [1, 4, 22]
    },
    byYear: { rows: [['2025', 1, 4, 22]], totals: [1, 4, 22] },
    byRetention: {
      rows: [
        ['永久（Y）', 0, 1, 10],
        ['定期30年（D30）', 1, 2, 10],
        ['定期10年（D10）', 0, 1, 2]
      ],
      totals: [1, 4, 22]
    },
    byClassification: {
      rows: [
        [classification('none'), 0, 3, 16],
        [classification('internal'), 0, 0, 0],
        [classification('secret'), 1, 1, 6],
        [classification('confidential'), 0, 0, 0],
        [classification('top_secret'), 0, 0, 0]
      ],
      totals: [1, 4, 22]
    }
  },
  intake: {
    byCategory: {
      rows: [
        [WS, 1, 10],
        [KJ, 2, 5],
        [KH, 2, 10]
      ],
      totals: [5, 25]
    },
    byMonth: {
      rows: months({ '2025-03': [2, 10], '2025-04': [1, 10], '2025-05': [1, 3], '2025-10': [1, 2] }),
      totals: [5, 25]
    }
  },
  organising: {
    byCategory: {
      rows: [
        [WS, 1, 0, 0, 0, 0],
        [KH, 2, 1, 1, 2, 10]
      ],
      totals: [3, 1, 1, 2, 10]
    }
  },
  custody: {
    inspections: {
      rows: [
        [zh('inspections.kinds.periodic'), 1, 2, 1, 1, 0],
        [zh('inspections.kinds.adhoc'), 1, 1, 0, 0, 1]
      ],
      totals: [2, 3, 1, 1, 1]
    },
    // The letter lost on loan (6 Jan) and the contract damaged on loan (24 Oct, repaired 15 Nov) join the inspections' findings.
    incidents: {
      rows: [
        [zh('incidents.kinds.missing'), 3, 1, 0, 0, 2],
        [zh('incidents.kinds.damaged'), 2, 0, 1, 0, 1]
      ],
      totals: [5, 1, 1, 0, 3]
    },
    environment: {
      rows: [
        ['A', 3, 2, 20, 26, 50, 65],
        ['B', 1, 1, 13, 13, 50, 50]
      ],
      totals: [4, 3, null, null, null, null]
    }
  },
  use: {
    // Requests entered in 2025 and not refused or withdrawn (R-STAT-1: neither is a use) / granted (out) in 2025 /
    // refused in 2025 / their records / distinct people / outsiders.
    byKind: {
      rows: [
        [useKind('consultation'), 3, 3, 0, 5, 3, 1],
        [useKind('loan'), 4, 4, 1, 4, 2, 0],
        [useKind('excerpt'), 21, 22, 0, 22, 2, 1]
      ],
      totals: [28, 29, 1, 31, null, null]
    },
    people: {
      rows: [
        [zh('use.applicantKinds.internal'), 3, 27, 28],
        [zh('use.applicantKinds.external'), 1, 2, 3]
      ],
      totals: [4, 29, 31]
    },
    byDepartment: {
      rows: [
        ['招商运营部（ZS）', 25, 25, 26],
        ['办公室（BGS）', 2, 2, 2],
        [zh('use.applicantKinds.external'), 1, 2, 3]
      ],
      totals: [28, 29, 31]
    },
    // Most requests first, then by text: 年度审计 and 核对合同条款 three each, then the first 18 of the single ones.
    byPurpose: {
      rows: [
        ['年度审计', 3, 4],
        ['核对合同条款', 3, 4],
        ...Array.from(
          { length: 18 },
          (_, i) => [`专题汇编${String(i + 1).padStart(2, '0')}`, 1, 1] as [string, number, number]
        ),
        [zh('statistics.otherPurposes'), 5, 5]
      ],
      totals: [29, 31]
    },
    byEffect: {
      rows: [
        ['evidence', 1, 0, 1],
        ['history', 0, 0, 1],
        ['reference', 0, 1, 0],
        ['economic', 0, 1, 0],
        ['other', 0, 0, 0]
      ].map(([effect, ...n]) => [zh(`use.effects.${effect}`), ...(n as number[])] as [string, ...number[]]),
      totals: [1, 2, 2]
    },
    returns: {
      rows: [
        [useKind('consultation'), 3, 0, 0, 0, 0],
        [useKind('loan'), 3, 2, 1, 1, 1],
        [useKind('excerpt'), 2, 0, 0, 0, 0]
      ],
      totals: [8, 2, 1, 1, 1]
    }
  },
  disposal: {
    appraisal: {
      rows: [
        [zh('recordKinds.volume'), 0, 0, 0, 0],
        [zh('recordKinds.item'), 0, 0, 0, 0]
      ],
      totals: [0, 0, 0, 0]
    },
    destruction: { rows: [[zh('statistics.noData'), null, null, null]], totals: null },
    holds: { rows: [[zh('statistics.rows.holds'), 0, 0, 0]], totals: [0, 0, 0] }
  },
  // R-ELEC: a year without electronic files still lists every type and both scopes of fixity check, at zero.
  electronic: {
    holdings: {
      rows: (['pdf', 'ofd', 'jpeg', 'tiff', 'png', 'other'] as const).map((type) => [
        zh(`electronic.types.${type}`),
        0,
        0,
        0,
        0
      ]),
      totals: [0, 0, 0, 0]
    },
    fixity: {
      rows: [
        [zh('statistics.fixityScopes.all'), 0, 0, 0, 0, 0],
        [zh('statistics.fixityScopes.sample'), 0, 0, 0, 0, 0]
      ],
      totals: [0, 0, 0, 0, 0]
    }
  },
  storage: {
    byRoom: {
      rows: [
        ['A', 1, 1, 1, 25, 2],
        ['B', 1, 0, 0, 0, 0]
      ],
      totals: [2, 1, 1, 25, 2]
    }
  },
  staff: {
    // R-STAT-1: the archive's people by name with their role (赵主任 signs the requests); the administrator and the
    // reader are not staff.
    people: {
      rows: [
        ['周经理', 0, 1],
        ['李文', 1, 0],
        ['赵主任', 0, 1]
      ],
      totals: [1, 2]
    },
    work: { rows: [['李文', 5, 3, 1, 2, 4]], totals: [5, 3, 1, 2, 4] }
  }
}

interface SheetTable {
  header: string[]
  rows: (string | number | null)[][]
  totals: (number | null)[] | null
}

const plain = (value: ExcelJS.CellValue): string | number | null => {
  if (value === null || value === undefined) return null
  // exceljs reads a cached result of 0 back as no result although the file holds <v>0</v>; LibreOffice's read below sees it.
  if (typeof value === 'object' && 'formula' in value) return (value.result as number | undefined) ?? 0
  return value as string | number
}

/** Reads a sheet back into its tables, keyed by caption: header row after the caption, data rows, the totals row. */
function readTables(sheet: ExcelJS.Worksheet): Map<string, SheetTable> {
  const tables = new Map<string, SheetTable>()
  const label = zh('statistics.label')
  let current: SheetTable | null = null
  for (let r = 1; r <= sheet.rowCount; r += 1) {
    const row = sheet.getRow(r)
    const cells = Array.from({ length: row.cellCount }, (_, c) => plain(row.getCell(c + 1).value))
    if (cells[0] === label) {
      current = { header: cells.slice(1) as string[], rows: [], totals: null }
      tables.set(String(plain(sheet.getRow(r - 1).getCell(1).value)), current)
    } else if (current && cells[0] === zh('statistics.total')) {
      current.totals = cells.slice(1) as (number | null)[]
      current = null
    } else if (current && cells.length > 0 && cells[0] !== null) {
      current.rows.push(cells)
    } else current = null
  }
  return tables
}

let workbook: ExcelJS.Workbook
let buffer: Buffer

beforeAll(async () => {
  await buildYear()
  const exported = await app.call('statistics.export', { year: 2025 }, key)
  expect(exported.fileName).toBe('档案工作统计-2025.xlsx')
  buffer = Buffer.from(exported.base64, 'base64')
  workbook = new ExcelJS.Workbook()
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer)
}, 60_000)
afterAll(async () => app?.close())

describe('R-STAT-1 annual statistics agree with a known year of activity', () => {
  it('has one sheet per topic, each with a title row, the year, frozen panes and styled headers', () => {
    expect(workbook.worksheets.map((sheet) => sheet.name)).toEqual(
      Object.keys(EXPECTED).map((topic) => zh(`statistics.topics.${topic}`))
    )
    for (const sheet of workbook.worksheets) {
      expect(sheet.getRow(1).getCell(1).value).toBe(zh('statistics.sheetTitle', { year: 2025, topic: sheet.name }))
      expect(sheet.getRow(1).font?.bold).toBe(true)
      expect(sheet.getRow(2).getCell(2).value).toBe(2025)
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 5 })
      expect(sheet.getRow(5).getCell(1).value).toBe(zh('statistics.label'))
      expect(sheet.getRow(5).getCell(2).font?.bold).toBe(true)
      expect(sheet.getRow(5).getCell(2).fill).toMatchObject({ type: 'pattern', pattern: 'solid' })
    }
  })

  for (const [topic, tables] of Object.entries(EXPECTED)) {
    it(`R-STAT-1 ${topic}: every figure and total, numbers stored as numbers`, () => {
      const sheet = workbook.getWorksheet(zh(`statistics.topics.${topic}`))!
      const read = readTables(sheet)
      expect([...read.keys()]).toEqual(Object.keys(tables).map((table) => zh(`statistics.tables.${topic}.${table}`)))
      for (const [table, expected] of Object.entries(tables)) {
        const found = read.get(zh(`statistics.tables.${topic}.${table}`))!
        expect(found.rows, `${topic}.${table}`).toEqual(expected.rows)
        expect(found.totals, `${topic}.${table} totals`).toEqual(expected.totals)
        for (const row of found.rows)
          for (const value of row.slice(1)) expect(typeof value === 'number' || value === null).toBe(true)
      }
    })
  }

  it('R-STAT-1 the totals are SUM formulas over the rows above them, carrying their results', () => {
    const sheet = workbook.getWorksheet(zh('statistics.topics.holdings'))!
    const totalsRow = [...Array(sheet.rowCount).keys()]
      .map((i) => sheet.getRow(i + 1))
      .find((row) => row.getCell(1).value === zh('statistics.total'))!
    expect(totalsRow.getCell(3).value).toEqual({
      formula: `SUM(C${totalsRow.number - 3}:C${totalsRow.number - 1})`,
      result: 4
    })
  })

  it('R-STAT-1 the channel answers the same figures the workbook shows', async () => {
    const statistics = await app.call('statistics.year', { year: 2025 }, key)
    const custody = statistics.topics.find((topic) => topic.key === 'custody')!
    expect(custody.tables.find((table) => table.key === 'inspections')!.totals).toEqual({
      inspections: 2,
      records: 3,
      found: 1,
      missing: 1,
      damaged: 1
    })
    const holdings2026 = (await app.call('statistics.year', { year: 2026 }, key)).topics[0].tables[0].totals
    expect(holdings2026).toEqual({ volumes: 1, items: 5, pages: 30 })
  })

  it('R-STAT-1, R-USE-8 while the year runs, loans overdue at year end are those overdue today', async () => {
    const overdueOn = async (day: string) => {
      await on(day)
      const use = (await app.call('statistics.year', { year: 2025 }, key)).topics.find((topic) => topic.key === 'use')!
      return use.tables.find((table) => table.key === 'returns')!.totals!.overdueAtYearEnd
    }
    // The December loan was due on the 26th.
    expect(await overdueOn('2025-12-26')).toBe(0)
    expect(await overdueOn('2025-12-27')).toBe(1)
    await on('2026-03-01')
  })

  it('R-STAT-1 an independent read with LibreOffice finds the same totals', async () => {
    const sheets = await workbookAsCsv(buffer)
    expect([...sheets.keys()].sort()).toEqual(workbook.worksheets.map((sheet) => sheet.name).sort())
    const number = (text: string) => (text === '' ? null : Number(text.replace(/,/g, '')))
    for (const [topic, tables] of Object.entries(EXPECTED)) {
      const rows = sheets.get(zh(`statistics.topics.${topic}`))!
      const totals = rows.filter((row) => row[0] === zh('statistics.total')).map((row) => row.slice(1).map(number))
      const expected = Object.values(tables)
        .filter((table) => table.totals)
        .map((table) => table.totals!)
      expect(totals.map((row) => row.slice(0, expected[0]?.length ?? 0)).length, topic).toBe(expected.length)
      expected.forEach((row, index) =>
        expect(totals[index].slice(0, row.length), `${topic} totals ${index}`).toEqual(row)
      )
      expect(rows[1].slice(0, 2), topic).toEqual([zh('statistics.yearLabel'), '2025'])
    }
  }, 120_000)

  it('refuses a year that is not a year', async () => {
    expect(await app.dispatch('statistics.year', { year: 20250 }, key)).toMatchObject({
      ok: false,
      error: { code: 'VALIDATION', details: [{ path: 'year', message: 'validation.year' }] }
    })
  })
})
