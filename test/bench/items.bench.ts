import { afterAll, beforeAll, describe, it } from 'vitest'
import type { ChannelInput } from '../../src-preload/contract'
import { makeApp, seedInTransaction, type TestApp } from '../support/app'
import type { Db } from '../../src-main/db/connection'
import { measure, report, type Figure } from './measure'

const ITEMS = 200_000
const CUSTOMERS = 20_000
const FIRST_YEAR = 2005
const LAST_YEAR = 2024
const VOLUME_CAPACITY = 50
const FONDS = 'J001'
const CATALOGUE = '1'

const CITIES = [
  '上海',
  '北京',
  '广州',
  '深圳',
  '杭州',
  '南京',
  '苏州',
  '成都',
  '武汉',
  '西安',
  '天津',
  '重庆',
  '宁波',
  '无锡',
  '青岛',
  '厦门',
  '长沙',
  '郑州',
  '合肥',
  '济南'
]
const BRAND_HEADS = ['顺', '恒', '华', '鑫', '宏', '金', '瑞', '盛', '泰', '联']
const BRAND_TAILS = ['达', '通', '信', '源', '丰', '安', '远', '昌', '兴', '和']
const TRADES = ['物流', '贸易', '科技', '制造', '建设', '医药', '食品', '纺织', '能源', '咨询']
const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林']
const GIVEN = [
  '建国',
  '伟',
  '芳',
  '娜',
  '敏',
  '静',
  '强',
  '磊',
  '军',
  '洋',
  '勇',
  '艳',
  '杰',
  '涛',
  '明',
  '超',
  '秀英',
  '海燕'
]

/** Subjects of requests, replies, notices, reports and letters. */
const SUBJECTS = [
  '仓储设施改造',
  '园区道路修缮',
  '办公楼物业服务外包',
  '招商引资优惠政策调整',
  '年度预算调整',
  '固定资产报废处置',
  '员工招聘计划',
  '安全生产检查',
  '消防设施更新',
  '信息系统升级',
  '档案数字化加工',
  '客户走访工作安排',
  '租金减免',
  '合同管理制度修订',
  '财务报销流程优化',
  '节假日值班安排',
  '办公用品集中采购',
  '车辆管理规定',
  '培训计划',
  '绩效考核办法',
  '招商推介会筹备',
  '展厅布展',
  '土地使用权续期',
  '污水处理设施建设',
  '供电线路增容',
  '食堂承包经营',
  '保安服务采购',
  '宣传册印制',
  '网站改版',
  '党建工作安排',
  '工会经费使用',
  '职工体检',
  '防汛防台准备',
  '疫情防控措施',
  '重点客户服务保障',
  '厂房出租',
  '增资扩股',
  '内部审计整改',
  '印章使用管理',
  '保密工作检查'
]
const CONTRACT_SUBJECTS = [
  '办公楼物业服务',
  '保安服务',
  '保洁服务',
  '仓储设施改造工程',
  '信息系统运维',
  '车辆租赁',
  '食堂承包经营',
  '广告发布',
  '档案数字化加工',
  '绿化养护'
]
const DEPARTMENTS: { code: string; parties: string[]; prefix: string }[] = [
  { code: 'ZS', parties: ['招商运营部'], prefix: '招商' },
  { code: 'BGS', parties: ['办公室', '财务部', '人力资源部', '工程管理部', '法务部'], prefix: '办' }
]
const PARTY_PREFIX: Record<string, string> = {
  招商运营部: '招商',
  办公室: '办',
  财务部: '财',
  人力资源部: '人',
  工程管理部: '工',
  法务部: '法'
}
const SUPERIORS = [
  { party: '市商务委员会', prefix: '沪商务' },
  { party: '集团公司', prefix: '集团' },
  { party: '区发展和改革委员会', prefix: '区发改' },
  { party: '市国有资产监督管理委员会', prefix: '沪国资委' }
]
const RANK: Record<string, number> = { none: 0, internal: 1, secret: 2, confidential: 3, top_secret: 4 }
const CATEGORY_NAMES: Record<string, string> = { WS: '文书', KH: '客户档案', KJ: '会计' }
const RETENTION_NAMES: Record<string, string> = { Y: '永久', D30: '定期30年', D10: '定期10年' }
const DEPARTMENT_NAMES: Record<string, string> = { ZS: '招商运营部', BGS: '办公室' }
const KH_DOCUMENTS: { type: string; title: (year: number) => string; byCustomer: boolean; numbered: boolean }[] = [
  { type: 'basic_info', title: () => '客户基本信息登记表', byCustomer: true, numbered: false },
  { type: 'intent', title: () => '入驻合作意向书', byCustomer: true, numbered: false },
  { type: 'agreement', title: () => '招商合作协议', byCustomer: false, numbered: true },
  { type: 'contract', title: () => '厂房租赁合同', byCustomer: false, numbered: true },
  { type: 'contract', title: () => '仓储服务合同', byCustomer: false, numbered: true },
  { type: 'annual_report', title: (year) => `${year}年度经营情况报告`, byCustomer: true, numbered: false },
  { type: 'other', title: () => '资信证明材料', byCustomer: true, numbered: false }
]

let app: TestApp
let key: string

/** Deterministic pseudo-random numbers (mulberry32), so every run seeds the same room. */
function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
const rnd = random(20_240_601)
const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)]
const between = (low: number, high: number) => low + Math.floor(rnd() * (high - low + 1))
/** Picks a key by weight: `weighted({ a: 0.9, b: 0.1 })`. */
function weighted<K extends string>(weights: Record<K, number>): K {
  let r = rnd()
  const entries = Object.entries(weights) as [K, number][]
  for (const [value, weight] of entries) {
    if (r < weight) return value
    r -= weight
  }
  return entries[entries.length - 1][0]
}
const pad = (n: number, width: number) => String(n).padStart(width, '0')
const isoDay = (date: Date) => date.toISOString().slice(0, 10)
const addDays = (day: string, days: number) => new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000)
const LAST_STAMP = Date.parse('2026-03-01T00:00:00Z')
const stampAfter = (day: string, days: number) =>
  new Date(Math.min(LAST_STAMP, addDays(day, days).getTime() + between(8 * 3600, 18 * 3600) * 1000)).toISOString()

interface Customer {
  id: number
  name: string
}

interface SeedItem {
  id: number
  category: string
  year: number
  yearReason: string
  retention: string
  department: string
  seriesKey: string | null
  itemNumber: number | null
  archivalCode: string | null
  title: string
  responsibleParty: string
  documentNumber: string
  dateFormed: string
  pageCount: number
  classification: string
  openStatus: string
  documentKind: string
  periodStartYear: number | null
  periodEndYear: number | null
  meetingOpenedOn: string | null
  customerId: number | null
  customerDocType: string | null
  sealedOriginal: number
  receivedOn: string
  status: string
  volumeId: number | null
  position: number | null
  orderReason: string | null
  startPage: number | null
  endPage: number | null
  version: number
  createdAt: string
  updatedAt: string
}

interface SeedVolume {
  id: number
  category: string
  year: number
  retention: string
  department: string
  volumeNumber: number
  archivalCode: string
  title: string
  classification: string
  topSecret: number
  status: string
  closedAt: string | null
  createdAt: string
  pages: number
  count: number
}

/** Writes `rows` in multi-row INSERTs (SQLite allows 32 766 bound values per statement). */
async function insertRows(db: Db, table: string, columns: string[], rows: unknown[][]): Promise<void> {
  const batch = Math.floor(30_000 / columns.length)
  const tuple = `(${columns.map(() => '?').join(', ')})`
  for (let from = 0; from < rows.length; from += batch) {
    const slice = rows.slice(from, from + batch)
    await db.query(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${slice.map(() => tuple).join(', ')}`,
      slice.flat()
    )
  }
}

function makeCustomers(firstId: number): Customer[] {
  // city × brand × trade: 20 × 100 × 10 distinct names, e.g. 上海顺达物流有限公司.
  return Array.from({ length: CUSTOMERS }, (_, c) => {
    const brand = BRAND_HEADS[Math.floor(c / 20) % 10] + BRAND_TAILS[Math.floor(c / 200) % 10]
    const trade = TRADES[Math.floor(c / 2000) % 10]
    return { id: firstId + c, name: `${CITIES[c % 20]}${brand}${trade}${c % 7 === 0 ? '股份' : ''}有限公司` }
  })
}

/** One year's documents, in the order they were received: a title, its issuer and number, dates and kind. */
function describeItem(year: number, dateFormed: string, customers: Customer[], counters: Map<string, number>) {
  const nextNumber = (prefix: string) => {
    const n = (counters.get(`${prefix}${year}`) ?? 0) + 1
    counters.set(`${prefix}${year}`, n)
    return `${prefix}〔${year}〕${n}号`
  }
  const category = weighted({ WS: 0.5, KH: 0.35, KJ: 0.15 })
  const base = {
    category,
    documentKind: 'ordinary',
    periodStartYear: null as number | null,
    periodEndYear: null as number | null,
    meetingOpenedOn: null as string | null,
    customerId: null as number | null,
    customerDocType: null as string | null,
    yearReasonKey: 'policy.filingYear.dateFormed'
  }
  if (category === 'KH') {
    const customer = pick(customers)
    const document = pick(KH_DOCUMENTS)
    return {
      ...base,
      retention: weighted({ D30: 0.7, D10: 0.2, Y: 0.1 }),
      department: 'ZS',
      title: `${customer.name}${document.title(year)}`,
      responsibleParty: document.byCustomer ? customer.name : '招商运营部',
      documentNumber: document.numbered ? nextNumber('招商合') : '',
      customerId: customer.id,
      customerDocType: document.type
    }
  }
  if (category === 'KJ') {
    const month = Number(dateFormed.slice(5, 7))
    const kind = weighted({ voucher: 0.6, statement: 0.15, payroll: 0.1, quarterly: 0.1, annual: 0.05 })
    const first = between(1, 400)
    const titles = {
      voucher: `${year}年${month}月记账凭证（第${first}—${first + between(20, 80)}号）`,
      statement: `${year}年${month}月银行存款对账单`,
      payroll: `${year}年${month}月职工工资发放表`,
      quarterly: `${year}年第${Math.ceil(month / 3)}季度财务报表`,
      annual: `${year}年度财务决算报告`
    }
    return {
      ...base,
      retention: kind === 'annual' ? 'Y' : weighted({ D30: 0.7, D10: 0.3 }),
      department: 'BGS',
      title: titles[kind],
      responsibleParty: '财务部',
      documentNumber: kind === 'annual' || kind === 'quarterly' ? nextNumber('财') : ''
    }
  }
  const department = pick(DEPARTMENTS)
  const party = pick(department.parties)
  const retention = weighted({ Y: 0.3, D30: 0.4, D10: 0.3 })
  const kind = weighted({
    请示: 0.18,
    批复: 0.15,
    通知: 0.18,
    报告: 0.1,
    函: 0.07,
    会议纪要: 0.12,
    合同: 0.12,
    计划: 0.04,
    总结: 0.04
  })
  const subject = pick(SUBJECTS)
  switch (kind) {
    case '批复': {
      const superior = pick(SUPERIORS)
      return {
        ...base,
        retention,
        department: department.code,
        title: `关于${subject}的批复`,
        responsibleParty: superior.party,
        documentNumber: nextNumber(superior.prefix),
        documentKind: 'reply'
      }
    }
    case '会议纪要': {
      const meeting = rnd() < 0.6
      return {
        ...base,
        retention,
        department: department.code,
        title: meeting ? `${year}年第${between(1, 40)}次总经理办公会会议纪要` : `${subject}专题会议纪要`,
        responsibleParty: '办公室',
        documentNumber: nextNumber('纪要'),
        documentKind: 'meeting_papers',
        meetingOpenedOn: dateFormed,
        yearReasonKey: 'policy.filingYear.meetingOpened'
      }
    }
    case '合同':
      return {
        ...base,
        retention,
        department: department.code,
        title: `${pick(CONTRACT_SUBJECTS)}合同`,
        responsibleParty: party,
        documentNumber: rnd() < 0.7 ? `HT-${year}-${pad(between(1, 999), 3)}` : ''
      }
    case '计划':
    case '总结': {
      const plan = kind === '计划'
      return {
        ...base,
        retention,
        department: department.code,
        title: `${party}${year}年度工作${plan ? '计划' : '总结'}`,
        responsibleParty: party,
        documentNumber: nextNumber(PARTY_PREFIX[party]),
        documentKind: plan ? 'plan' : 'summary',
        periodStartYear: plan ? year : null,
        periodEndYear: plan ? null : year,
        yearReasonKey: plan ? 'policy.filingYear.planFirstYear' : 'policy.filingYear.summaryLastYear'
      }
    }
    default: {
      // 请示, 通知, 报告, 函 — a request now and then names the customer it is about.
      const customer = kind === '请示' && rnd() < 0.15 ? pick(customers) : null
      return {
        ...base,
        retention,
        department: department.code,
        title: customer ? `关于${customer.name}入驻园区的请示` : `关于${subject}的${kind}`,
        responsibleParty: party,
        documentNumber: nextNumber(PARTY_PREFIX[party]),
        documentKind: kind === '请示' ? 'request' : 'ordinary',
        customerId: customer?.id ?? null,
        customerDocType: customer ? 'other' : null,
        yearReasonKey: kind === '请示' ? 'policy.filingYear.requestWithoutReply' : 'policy.filingYear.dateFormed'
      }
    }
  }
}

/** 200 000 items in chronological id order, catalogued and filed into volumes as the room would have done it. */
function makeItems(
  firstItemId: number,
  firstVolumeId: number,
  customers: Customer[]
): { items: SeedItem[]; volumes: SeedVolume[] } {
  const perYear = ITEMS / (LAST_YEAR - FIRST_YEAR + 1)
  const items: SeedItem[] = []
  const volumes: SeedVolume[] = []
  const seriesCounters = new Map<string, number>()
  const numberCounters = new Map<string, number>()
  const openVolumes = new Map<string, SeedVolume>()
  const volumeSequences = new Map<string, number>()
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
    const days = Array.from({ length: perYear }, () => isoDay(addDays(`${year}-01-01`, between(0, 364))))
    days.sort()
    for (const dateFormed of days) {
      const described = describeItem(year, dateFormed, customers, numberCounters)
      const classification = weighted({ none: 0.93, internal: 0.02, secret: 0.04, top_secret: 0.01 })
      const status =
        year === LAST_YEAR
          ? weighted({ filed: 0.4, catalogued: 0.3, received: 0.3 })
          : weighted({ filed: 0.96, catalogued: 0.03, received: 0.01 })
      const receivedOn = isoDay(addDays(dateFormed, between(0, 14)))
      const id = firstItemId + items.length
      let seriesKey: string | null = null
      let itemNumber: number | null = null
      let archivalCode: string | null = null
      if (status !== 'received') {
        seriesKey = `${FONDS}-${described.category}·${year}-${described.retention}-${described.department}-`
        itemNumber = (seriesCounters.get(seriesKey) ?? 0) + 1
        seriesCounters.set(seriesKey, itemNumber)
        archivalCode = `${seriesKey}${pad(itemNumber, 4)}`
      }
      const pageCount = rnd() < 0.7 ? between(1, 8) : between(9, 60)
      const createdAt = stampAfter(receivedOn, 0)
      const item: SeedItem = {
        id,
        category: described.category,
        year,
        yearReason: JSON.stringify({ ruleId: 'R-FILE-4', reason: described.yearReasonKey, params: { year } }),
        retention: described.retention,
        department: described.department,
        seriesKey,
        itemNumber,
        archivalCode,
        title: described.title,
        responsibleParty: described.responsibleParty,
        documentNumber: described.documentNumber,
        dateFormed,
        pageCount,
        classification,
        openStatus: classification === 'none' && year < 2015 && rnd() < 0.5 ? 'open' : 'restricted',
        documentKind: described.documentKind,
        periodStartYear: described.periodStartYear,
        periodEndYear: described.periodEndYear,
        meetingOpenedOn: described.meetingOpenedOn,
        customerId: described.customerId,
        customerDocType: described.customerDocType,
        sealedOriginal: described.customerDocType === 'contract' || described.customerDocType === 'agreement' ? 1 : 0,
        receivedOn,
        status,
        volumeId: null,
        position: null,
        orderReason: null,
        startPage: null,
        endPage: null,
        version: status === 'received' ? 1 : 2,
        createdAt,
        updatedAt: status === 'received' ? createdAt : stampAfter(receivedOn, between(5, 200))
      }
      if (status === 'filed') {
        // R-FILE-1/2/7: a volume holds one year, class and period; top-secret items get volumes of their own.
        const topSecret = classification === 'top_secret'
        const group = `${seriesKey}${topSecret ? 'TS' : ''}`
        let volume = openVolumes.get(group)
        if (!volume || volume.count >= VOLUME_CAPACITY) {
          const volumeNumber = volumes.length + 1
          const sequence = (volumeSequences.get(group) ?? 0) + 1
          volumeSequences.set(group, sequence)
          volume = {
            id: firstVolumeId + volumes.length,
            category: item.category,
            year,
            retention: item.retention,
            department: item.department,
            volumeNumber,
            archivalCode: `${FONDS}-${CATALOGUE}-${pad(volumeNumber, 4)}`,
            title: `${year}年${DEPARTMENT_NAMES[item.department]}${CATEGORY_NAMES[item.category]}（${RETENTION_NAMES[item.retention]}）第${sequence}卷${topSecret ? '（绝密）' : ''}`,
            classification: topSecret ? 'top_secret' : 'none',
            topSecret: topSecret ? 1 : 0,
            status: year < LAST_YEAR ? 'closed' : 'open',
            closedAt: year < LAST_YEAR ? `${year + 1}-06-${pad(between(1, 28), 2)}T09:00:00.000Z` : null,
            createdAt: `${year}-12-31T09:00:00.000Z`,
            pages: 0,
            count: 0
          }
          volumes.push(volume)
          openVolumes.set(group, volume)
        }
        volume.count += 1
        item.volumeId = volume.id
        item.position = volume.count
        item.orderReason = JSON.stringify({ ruleId: 'R-FILE-5', reason: 'policy.order.dateFormed' })
        item.startPage = volume.pages + 1
        item.endPage = volume.pages + pageCount
        volume.pages += pageCount
        if (RANK[classification] > RANK[volume.classification]) volume.classification = classification
      }
      items.push(item)
    }
  }
  return { items, volumes }
}

/** Customers, volumes and items written straight into the tables, with the search rows the services would build. */
async function seed(): Promise<{ customers: Customer[]; items: SeedItem[] }> {
  const [{ userId }] = await app.database.query(`SELECT id AS userId FROM users WHERE username = 'bench'`)
  const [{ lastCustomer }] = await app.database.query('SELECT COALESCE(MAX(id), 0) AS lastCustomer FROM customers')
  const [{ lastItem }] = await app.database.query('SELECT COALESCE(MAX(id), 0) AS lastItem FROM items')
  const [{ lastVolume }] = await app.database.query('SELECT COALESCE(MAX(id), 0) AS lastVolume FROM volumes')
  const customers = makeCustomers(lastCustomer + 1)
  const { items, volumes } = makeItems(lastItem + 1, lastVolume + 1, customers)
  await seedInTransaction(app, async (db) => {
    await insertRows(
      db,
      'customers',
      [
        'id',
        'name',
        'legal_representative',
        'grade',
        'industry',
        'region',
        'date_opened',
        'created_at',
        'updated_at',
        'created_by'
      ],
      customers.map((c, index) => {
        const opened = `${between(FIRST_YEAR - 3, LAST_YEAR)}-${pad(between(1, 12), 2)}-${pad(between(1, 28), 2)}`
        return [
          c.id,
          c.name,
          pick(SURNAMES) + pick(GIVEN),
          weighted({ general: 0.7, important: 0.2, special: 0.1 }),
          TRADES[Math.floor(index / 2000) % 10],
          CITIES[index % 20],
          opened,
          `${opened}T02:00:00.000Z`,
          `${opened}T02:00:00.000Z`,
          userId
        ]
      })
    )
    await db.query(
      `INSERT INTO customers_fts (rowid, body)
       SELECT id, name || char(10) || legal_representative || char(10) || industry || char(10) || region FROM customers WHERE id > ?`,
      [lastCustomer]
    )
    await insertRows(
      db,
      'volumes',
      [
        'id',
        'fonds_code',
        'catalogue_code',
        'category_code',
        'year',
        'retention_code',
        'department_code',
        'series_key',
        'volume_number',
        'archival_code',
        'title',
        'classification',
        'top_secret',
        'status',
        'closed_at',
        'policy_version',
        'created_at',
        'updated_at',
        'created_by'
      ],
      volumes.map((v) => [
        v.id,
        FONDS,
        CATALOGUE,
        v.category,
        v.year,
        v.retention,
        v.department,
        `${FONDS}-${CATALOGUE}-`,
        v.volumeNumber,
        v.archivalCode,
        v.title,
        v.classification,
        v.topSecret,
        v.status,
        v.closedAt,
        0,
        v.createdAt,
        v.closedAt ?? v.createdAt,
        userId
      ])
    )
    await insertRows(
      db,
      'items',
      [
        'id',
        'fonds_code',
        'category_code',
        'year',
        'year_reason',
        'retention_code',
        'department_code',
        'series_key',
        'item_number',
        'archival_code',
        'title',
        'responsible_party',
        'document_number',
        'date_formed',
        'page_count',
        'classification',
        'open_status',
        'document_kind',
        'period_start_year',
        'period_end_year',
        'meeting_opened_on',
        'customer_id',
        'customer_doc_type',
        'sealed_original',
        'received_on',
        'status',
        'volume_id',
        'position',
        'order_reason',
        'start_page',
        'end_page',
        'policy_version',
        'version',
        'created_at',
        'updated_at',
        'created_by'
      ],
      items.map((i) => [
        i.id,
        FONDS,
        i.category,
        i.year,
        i.yearReason,
        i.retention,
        i.department,
        i.seriesKey,
        i.itemNumber,
        i.archivalCode,
        i.title,
        i.responsibleParty,
        i.documentNumber,
        i.dateFormed,
        i.pageCount,
        i.classification,
        i.openStatus,
        i.documentKind,
        i.periodStartYear,
        i.periodEndYear,
        i.meetingOpenedOn,
        i.customerId,
        i.customerDocType,
        i.sealedOriginal,
        i.receivedOn,
        i.status,
        i.volumeId,
        i.position,
        i.orderReason,
        i.startPage,
        i.endPage,
        0,
        i.version,
        i.createdAt,
        i.updatedAt,
        userId
      ])
    )
    // The same body refreshItemSearch writes, for every new item at once.
    await db.query(
      `INSERT INTO items_fts (rowid, body)
       SELECT i.id, i.title || char(10) || i.document_number || char(10) || i.responsible_party || char(10) ||
              COALESCE(i.archival_code, '') || char(10) || COALESCE(c.name, '')
       FROM items i LEFT JOIN customers c ON c.id = i.customer_id WHERE i.id > ?`,
      [lastItem]
    )
  })
  const [{ problems }] = await app.database.query('SELECT COUNT(*) AS problems FROM pragma_foreign_key_check')
  if (problems > 0) throw new Error(`seeding broke ${problems} foreign keys`)
  console.log(
    `seeded ${customers.length} customers, ${volumes.length} volumes, ${items.length} items (with search rows)`
  )
  return { customers, items }
}

describe(`item list over ${ITEMS.toLocaleString('en')} items`, () => {
  let seeded: { customers: Customer[]; items: SeedItem[] }

  beforeAll(async () => {
    app = await makeApp()
    key = await app.signInAs('archivist', 'bench')
    const started = performance.now()
    seeded = await seed()
    console.log(`seeded in ${Math.round(performance.now() - started)} ms`)
  }, 600_000)
  afterAll(async () => app.close())

  it('pages, searches and filters', async () => {
    const list = (input: ChannelInput<'items.list'>) => () => app.call('items.list', input, key)
    /** Measures one query and puts the number of matching items into its label. */
    const timed = async (label: string, input: ChannelInput<'items.list'>): Promise<Figure> => {
      const { total } = await app.call('items.list', input, key)
      return measure(`${label} → ${total}`, list(input))
    }
    const customer = seeded.customers[4242].name
    const code =
      seeded.items.find((i) => i.archivalCode?.startsWith(`${FONDS}-KH·2019-D30-ZS-`) && i.itemNumber === 42)
        ?.archivalCode ?? ''
    const firstPage = await timed('first page, newest first', { page: 1, pageSize: 20 })
    report(
      `items.list over ${ITEMS} items (through the dispatcher; "→ n" is the number of matching items)`,
      [
        firstPage,
        await timed('search 3+ chars, title: 仓储设施改造的批复', { search: '仓储设施改造的批复' }),
        await timed(`search 3+ chars, customer: ${customer.slice(0, 6)}`, { search: customer.slice(0, 6) }),
        await timed('search 3+ chars, common: 有限公司', { search: '有限公司' }),
        await timed('search 2 chars (scans the search table): 合同', { search: '合同' }),
        await timed('search archival-code fragment: KJ·2019-D10', { search: 'KJ·2019-D10' }),
        await timed(`search whole archival code: ${code}`, { search: code }),
        await timed('filter year + category + classification, by code, page 10', {
          year: [2019],
          categoryCode: ['KH'],
          classification: ['none'],
          sortBy: 'archivalCode',
          sortOrder: 'ascend',
          page: 10
        }),
        await timed('filter status=filed, by date formed, first page', {
          status: ['filed'],
          sortBy: 'dateFormed',
          sortOrder: 'descend'
        }),
        // Not in the list, but one click on a column header: neither column has an index.
        await timed('no filter, by title, first page', { sortBy: 'title', sortOrder: 'ascend' }),
        await timed('no filter, by date formed, first page', { sortBy: 'dateFormed', sortOrder: 'descend' })
      ],
      firstPage
    )
  }, 600_000)
})
