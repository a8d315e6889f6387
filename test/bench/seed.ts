import crypto from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import Database from 'better-sqlite3'
import { DATABASE_FILE, migrate, pendingMigrations } from '@main/db/data-source'
import { keepTitleBucketsSmall } from '@main/db/item-search'
import { makeApp, REPOSITORY, tempDir, USER_PASSWORD, type TestApp } from '../support/app'

/**
 * The benches' archive room: `count` items over 20 years (company names in titles, customers, volumes on shelves in
 * four rooms, use requests, inspections, incidents, a destruction), generated once per count into a cached database
 * file and copied for each run. Change GENERATOR_VERSION when the generator changes; a new migration changes the key too.
 */
const GENERATOR_VERSION = 1
const CACHE = path.join(os.tmpdir(), 'archive-room-bench')

export const FIRST_YEAR = 2005
export const LAST_YEAR = 2024
const VOLUME_CAPACITY = 50
const FONDS = 'J001'
const CATALOGUE = '1'
/** Bench users: the archivist who signs in, and colleagues whose work the staff statistics count. */
export const BENCH_USER = 'bench'
const COLLEAGUES = ['liwen', 'zhaomin', 'wangfang']

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
let rnd = random(20_240_601)
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

export interface Customer {
  id: number
  name: string
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

/** One customer per 50 items: city × brand × trade, e.g. 上海顺达物流有限公司. */
function makeCustomers(count: number, firstId: number): Customer[] {
  return Array.from({ length: count }, (_, c) => {
    const brand = BRAND_HEADS[Math.floor(c / 20) % 10] + BRAND_TAILS[Math.floor(c / 200) % 10]
    const trade = TRADES[Math.floor(c / 2000) % 10]
    const series = c >= 20_000 ? `第${Math.floor(c / 20_000) + 1}` : ''
    return { id: firstId + c, name: `${CITIES[c % 20]}${brand}${trade}${series}${c % 7 === 0 ? '股份' : ''}有限公司` }
  })
}

/** The rooms' shelving: 4 rooms × 10 racks × 6 shelves × 8 boxes, all there since the first year. */
function seedLocations(db: Database.Database, userId: number): number[] {
  const stamp = `${FIRST_YEAR}-01-01T08:00:00.000Z`
  const insert = db.prepare(
    `INSERT INTO locations (kind, parent_id, code, name, path, capacity, created_at, updated_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`
  )
  const add = (kind: string, parent: number | null, code: string, path: string, capacity: number | null) =>
    (insert.get(kind, parent, code, `${kind}${code}`, path, capacity, stamp, stamp, userId) as { id: number }).id
  const boxes: number[] = []
  for (let r = 1; r <= 4; r += 1) {
    const room = add('room', null, `R${r}`, `R${r}`, null)
    for (let k = 1; k <= 10; k += 1) {
      const rack = add('rack', room, pad(k, 2), `R${r}-${pad(k, 2)}`, null)
      for (let s = 1; s <= 6; s += 1) {
        const shelf = add('shelf', rack, pad(s, 2), `R${r}-${pad(k, 2)}-${pad(s, 2)}`, 120)
        for (let b = 1; b <= 8; b += 1)
          boxes.push(add('box', shelf, pad(b, 2), `R${r}-${pad(k, 2)}-${pad(s, 2)}-${pad(b, 2)}`, 15))
      }
    }
  }
  return boxes
}

/**
 * `count` items in chronological id order, catalogued and filed into volumes as the room would have done it, each
 * written with its search row as it is generated, so a million never sit in memory.
 */
function seedItems(
  db: Database.Database,
  count: number,
  customers: Customer[],
  users: number[],
  boxes: number[]
): void {
  const perYear = Math.round(count / (LAST_YEAR - FIRST_YEAR + 1))
  const insertVolume = db.prepare(
    `INSERT INTO volumes (fonds_code, catalogue_code, category_code, year, retention_code, department_code, series_key, volume_number,
       archival_code, title, classification, top_secret, status, closed_at, policy_version, created_at, updated_at, created_by,
       home_location_id, current_location_id)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?) RETURNING id`
  )
  const insertItem = db.prepare(
    `INSERT INTO items (fonds_code, category_code, year, year_reason, retention_code, department_code, series_key, item_number,
       archival_code, title, responsible_party, document_number, date_formed, page_count, classification, open_status,
       document_kind, period_start_year, period_end_year, meeting_opened_on, customer_id, customer_doc_type, sealed_original,
       received_on, status, volume_id, position, order_reason, start_page, end_page, policy_version, retention_years, expires_on,
       version, created_at, updated_at, created_by)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?, ?) RETURNING id`
  )
  const insertSearch = db.prepare('INSERT INTO items_fts (rowid, body) VALUES (?, ?)')
  const customerName = new Map(customers.map((c) => [c.id, c.name]))
  const seriesCounters = new Map<string, number>()
  const numberCounters = new Map<string, number>()
  const openVolumes = new Map<string, { id: number; count: number; pages: number }>()
  const volumeSequences = new Map<string, number>()
  let volumeNumber = 0
  for (let year = FIRST_YEAR; year <= LAST_YEAR; year += 1) {
    const days = Array.from({ length: perYear }, () => isoDay(addDays(`${year}-01-01`, between(0, 364))))
    days.sort()
    for (const dateFormed of days) {
      const d = describeItem(year, dateFormed, customers, numberCounters)
      const classification = weighted({ none: 0.93, internal: 0.02, secret: 0.04, top_secret: 0.01 })
      const status =
        year === LAST_YEAR
          ? weighted({ filed: 0.4, catalogued: 0.3, received: 0.3 })
          : weighted({ filed: 0.96, catalogued: 0.03, received: 0.01 })
      const receivedOn = isoDay(addDays(dateFormed, between(0, 14)))
      let seriesKey: string | null = null
      let itemNumber: number | null = null
      let archivalCode: string | null = null
      if (status !== 'received') {
        seriesKey = `${FONDS}-${d.category}·${year}-${d.retention}-${d.department}-`
        itemNumber = (seriesCounters.get(seriesKey) ?? 0) + 1
        seriesCounters.set(seriesKey, itemNumber)
        archivalCode = `${seriesKey}${pad(itemNumber, 4)}`
      }
      const years = d.retention === 'D30' ? 30 : d.retention === 'D10' ? 10 : null
      const pageCount = rnd() < 0.7 ? between(1, 8) : between(9, 60)
      const createdAt = stampAfter(receivedOn, 0)
      let volume: { id: number; count: number; pages: number } | null = null
      if (status === 'filed') {
        // R-FILE-1/2/7: a volume holds one year, class and period; top-secret items get volumes of their own.
        const topSecret = classification === 'top_secret'
        const group = `${seriesKey}${topSecret ? 'TS' : ''}`
        volume = openVolumes.get(group) ?? null
        if (!volume || volume.count >= VOLUME_CAPACITY) {
          volumeNumber += 1
          const sequence = (volumeSequences.get(group) ?? 0) + 1
          volumeSequences.set(group, sequence)
          const closedAt = year < LAST_YEAR ? `${year + 1}-06-${pad(between(1, 28), 2)}T09:00:00.000Z` : null
          const box = boxes[volumeNumber % boxes.length]
          const { id } = insertVolume.get(
            FONDS,
            CATALOGUE,
            d.category,
            year,
            d.retention,
            d.department,
            `${FONDS}-${CATALOGUE}-`,
            volumeNumber,
            `${FONDS}-${CATALOGUE}-${pad(volumeNumber, 5)}`,
            `${year}年${DEPARTMENT_NAMES[d.department]}${CATEGORY_NAMES[d.category]}（${RETENTION_NAMES[d.retention]}）第${sequence}卷${topSecret ? '（绝密）' : ''}`,
            topSecret ? 'top_secret' : 'none',
            topSecret ? 1 : 0,
            closedAt ? 'closed' : 'open',
            closedAt,
            `${year}-12-31T09:00:00.000Z`,
            closedAt ?? `${year}-12-31T09:00:00.000Z`,
            pick(users),
            box,
            box
          ) as { id: number }
          volume = { id, count: 0, pages: 0 }
          openVolumes.set(group, volume)
        }
        volume.count += 1
        volume.pages += pageCount
      }
      const { id } = insertItem.get(
        FONDS,
        d.category,
        year,
        JSON.stringify({ ruleId: 'R-FILE-4', reason: d.yearReasonKey, params: { year } }),
        d.retention,
        d.department,
        seriesKey,
        itemNumber,
        archivalCode,
        d.title,
        d.responsibleParty,
        d.documentNumber,
        dateFormed,
        pageCount,
        classification,
        classification === 'none' && year < 2015 && rnd() < 0.5 ? 'open' : 'restricted',
        d.documentKind,
        d.periodStartYear,
        d.periodEndYear,
        d.meetingOpenedOn,
        d.customerId,
        d.customerDocType,
        d.customerDocType === 'contract' || d.customerDocType === 'agreement' ? 1 : 0,
        receivedOn,
        status,
        volume?.id ?? null,
        volume?.count ?? null,
        volume ? JSON.stringify({ ruleId: 'R-FILE-5', reason: 'policy.order.dateFormed' }) : null,
        volume ? volume.pages - pageCount + 1 : null,
        volume?.pages ?? null,
        archivalCode ? years : null,
        archivalCode && years ? `${year + years + 1}-01-01` : null,
        status === 'received' ? 1 : 2,
        createdAt,
        status === 'received' ? createdAt : stampAfter(receivedOn, between(5, 200)),
        pick(users)
      ) as { id: number }
      // The same body refreshItemSearch writes.
      insertSearch.run(
        id,
        [
          d.title,
          d.documentNumber,
          d.responsibleParty,
          archivalCode ?? '',
          d.customerId ? customerName.get(d.customerId) : ''
        ].join('\n')
      )
    }
  }
  // Each catalogued item has its audit entry, which the organising and staff statistics count.
  db.prepare(
    `INSERT INTO audit_log (at, user_id, username, entity, entity_id, action, before, after, prev_hash, hash)
     SELECT i.updated_at, i.created_by, u.username, 'item', CAST(i.id AS TEXT), 'catalogue', '{}', '{}', '', ''
     FROM items i JOIN users u ON u.id = i.created_by WHERE i.archival_code IS NOT NULL`
  ).run()
}

/**
 * Use requests, evenly over the 20 years: half consultations, 40 % loans, 10 % copies; one in seven from outside; one in
 * 23 refused, one in 97 still out; 1–3 records each, a few damaged or lost; two signatures each; one loan in 31 renewed.
 */
function seedUse(db: Database.Database, requests: number, items: number, userId: number): void {
  const numbers = `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${requests})`
  const years = LAST_YEAR - FIRST_YEAR + 2
  const day = `date('${FIRST_YEAR}-01-01', '+' || (i * ${years * 365} / ${requests}) || ' days')`
  db.prepare(
    `${numbers}, g AS (SELECT i, ${day} AS d, CASE WHEN i % 10 < 5 THEN 'consultation' WHEN i % 10 < 9 THEN 'loan' ELSE 'excerpt' END AS kind,
       CASE WHEN i % 23 = 0 THEN 'refused' WHEN i % 97 = 0 THEN 'out' ELSE 'returned' END AS status FROM n)
     INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_user_id, applicant_name, department_code, external_unit, introduction_letter, purpose, reason,
       start_on, due_on, loan_days, excerpt_answer, chain, policy_version, out_on, returned_on, effect, created_at, created_by, updated_at)
     SELECT CASE kind WHEN 'loan' THEN 'JY' WHEN 'consultation' THEN 'CY' ELSE 'FZ' END || '-' || substr(d, 1, 4) || '-' || printf('%06d', i),
       kind, status, CASE WHEN i % 7 = 0 THEN 'external' ELSE 'internal' END, NULL,
       CASE WHEN i % 7 = 0 THEN '来访者' || (i % 300) ELSE '职工' || (i % 800) END,
       CASE WHEN i % 7 = 0 THEN '' WHEN i % 2 = 0 THEN 'ZS' ELSE 'BGS' END, CASE WHEN i % 7 = 0 THEN '单位' || (i % 40) ELSE '' END, CASE WHEN i % 7 = 0 THEN '介绍信' ELSE '' END,
       '用途' || (i % 60), '工作需要', d, CASE WHEN kind = 'loan' THEN date(d, '+5 days') END, CASE WHEN kind = 'loan' THEN 5 END,
       CASE kind WHEN 'loan' THEN 'original_needed' WHEN 'excerpt' THEN 'excerpt_suffices' END, '[]', 1,
       CASE WHEN status <> 'refused' THEN d END, CASE WHEN status = 'returned' THEN date(d, '+' || CASE WHEN i % 13 = 0 THEN 9 ELSE i % 5 END || ' days') END,
       CASE i % 4 WHEN 0 THEN 'evidence' WHEN 1 THEN 'reference' END, d || 'T08:00:00.000Z', ?, d || 'T08:00:00.000Z' FROM g`
  ).run(userId)
  db.prepare(
    `WITH k(k) AS (VALUES (1), (2), (3))
     INSERT INTO use_request_records (request_id, position, subject, subject_id, condition, pages_checked)
     SELECT u.id, k.k, 'item', (u.id * 4 + k.k) % ${items} + 1,
       CASE WHEN u.status <> 'returned' THEN NULL WHEN (u.id + k.k) % 101 = 0 THEN 'damaged' WHEN (u.id + k.k) % 307 = 0 THEN 'lost' ELSE 'complete' END,
       CASE WHEN u.status = 'returned' THEN 1 + (u.id + k.k) % 40 END
     FROM use_requests u JOIN k ON k.k <= 1 + u.id % 3`
  ).run()
  db.prepare(
    `INSERT INTO use_approvals (request_id, step, signer_name, signed_on, decision, reason, entered_by, entered_at)
     SELECT u.id, s.step, s.name, u.start_on, CASE WHEN u.status = 'refused' AND s.step = 'department_head' THEN 'refused' ELSE 'approved' END,
       CASE WHEN u.status = 'refused' AND s.step = 'department_head' THEN '不宜借出' ELSE '' END, ?, u.created_at
     FROM use_requests u JOIN (SELECT 'department_head' AS step, '王部长' AS name UNION ALL SELECT 'archive_manager', '赵主任') s
       ON u.status <> 'refused' OR s.step = 'department_head'`
  ).run(userId)
  db.prepare(
    `INSERT INTO use_renewals (request_id, previous_due_on, new_due_on, renewed_on, entered_by, entered_at)
     SELECT id, date(due_on, '-5 days'), due_on, date(due_on, '-1 days'), ?, created_at FROM use_requests WHERE kind = 'loan' AND id % 31 = 0 AND status <> 'refused'`
  ).run(userId)
}

/** Inspections, incidents, a daily reading per room, and one destruction: 2 % of the D10 items of the first year. */
function seedCustody(db: Database.Database, userId: number): void {
  const stamp = `${FIRST_YEAR}-01-01T08:00:00.000Z`
  const numbers = (count: number) =>
    `WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ${count})`
  const years = LAST_YEAR - FIRST_YEAR + 1
  db.prepare(
    `${numbers(400)} INSERT INTO inspections (kind, reason, inspected_on, inspectors, temperature, humidity, status, policy_version, created_at, updated_at,
       created_by, completed_at, completed_by)
     SELECT CASE WHEN i % 4 = 0 THEN 'adhoc' ELSE 'periodic' END, CASE WHEN i % 4 = 0 THEN 'in_doubt' END,
       printf('%04d-%02d-%02d', ${FIRST_YEAR} + i % ${years}, 1 + i % 12, 1 + i % 28), '李文', 14 + i % 12, 40 + i % 25, 'completed', 0,
       ${`'${stamp}'`}, ${`'${stamp}'`}, ?, printf('%04d-%02d-%02dT16:00:00.000Z', ${FIRST_YEAR} + i % ${years}, 1 + i % 12, 1 + i % 28), ? FROM n`
  ).run(userId, userId)
  db.prepare(
    `INSERT INTO inspection_findings (inspection_id, subject, subject_id, state)
     SELECT s.id, 'volume', v.id, CASE WHEN v.id % 97 = 0 THEN 'missing' WHEN v.id % 89 = 0 THEN 'damaged' ELSE 'found' END
     FROM inspections s JOIN volumes v ON v.id % 400 = s.id % 400 AND v.id <= 20000`
  ).run()
  db.prepare(
    `${numbers(2000)} INSERT INTO incidents (subject, subject_id, kind, source, note, opened_on, opened_at, opened_by, resolution, resolved_on, resolved_at, resolved_by)
     SELECT 'item', i * 97, CASE WHEN i % 3 = 0 THEN 'damaged' ELSE 'missing' END, 'manual', '', printf('%04d-%02d-%02d', ${FIRST_YEAR} + i % ${years}, 1 + i % 12, 1 + i % 28),
       '${stamp}', ?, CASE WHEN i % 5 = 0 THEN NULL ELSE 'found' END, CASE WHEN i % 5 = 0 THEN NULL ELSE printf('%04d-12-30', ${FIRST_YEAR} + i % ${years}) END,
       CASE WHEN i % 5 = 0 THEN NULL ELSE '${stamp}' END, CASE WHEN i % 5 = 0 THEN NULL ELSE ? END FROM n`
  ).run(userId, userId)
  db.prepare(
    `WITH RECURSIVE d(day) AS (SELECT date('${FIRST_YEAR}-01-01') UNION ALL SELECT date(day, '+1 day') FROM d WHERE day < '${LAST_YEAR}-12-31')
     INSERT INTO environment_readings (room_id, read_on, temperature, humidity, recorded_at, recorded_by)
     SELECT r.id, d.day, 12 + (julianday(d.day) + r.id) % 14, 40 + (julianday(d.day) * 7 + r.id) % 25, d.day || 'T09:00:00.000Z', ? FROM d, locations r WHERE r.kind = 'room'`
  ).run(userId)
  const destroyedOn = `${FIRST_YEAR + 11}-11-20`
  const { batch } = db
    .prepare(
      `INSERT INTO appraisal_batches (title, state, manager_name, department_leader_name, appraised_on, hold_until, disposal_policy_version, created_at, created_by, completed_at, completed_by)
       VALUES ('到期鉴定', 'destroyed', '赵主任', '王部长', '${FIRST_YEAR + 11}-03-01', '${FIRST_YEAR + 11}-09-01', 0, '${FIRST_YEAR + 11}-03-01T08:00:00.000Z', ?, '${destroyedOn}T08:00:00.000Z', ?) RETURNING id AS batch`
    )
    .get(userId, userId) as { batch: number }
  db.prepare(
    `INSERT INTO appraisal_entries (batch_id, subject, subject_id, expires_on, decision, decided_at, decided_by, verification, verified_at, verified_by)
     SELECT ?, 'item', id, expires_on, 'destroy', '${FIRST_YEAR + 11}-03-01T08:00:00.000Z', ?, 'confirmed', '${FIRST_YEAR + 11}-09-02T08:00:00.000Z', ?
     FROM items WHERE year = ${FIRST_YEAR} AND retention_code = 'D10' AND archival_code IS NOT NULL AND id % 50 = 0`
  ).run(batch, userId, userId)
  const { register } = db
    .prepare(
      `INSERT INTO destruction_registers (batch_id, place, destroyed_on, method, supervisors, count_confirmed, disposal_policy_version, created_at, created_by)
       VALUES (?, '销毁中心', '${destroyedOn}', '粉碎', '["李文","赵敏"]', 1, 0, '${destroyedOn}T08:00:00.000Z', ?) RETURNING id AS register`
    )
    .get(batch, userId) as { register: number }
  db.prepare(
    `INSERT INTO destruction_lines (register_id, line_no, entry_id, subject, subject_id, archival_code, document_number, responsible_party, title, date_formed,
       retention_name, years_kept, destroyed_on)
     SELECT ?, ROW_NUMBER() OVER (ORDER BY e.id), e.id, 'item', i.id, i.archival_code, i.document_number, i.responsible_party, i.title, i.date_formed, '定期10年', 11, '${destroyedOn}'
     FROM appraisal_entries e JOIN items i ON i.id = e.subject_id WHERE e.batch_id = ?`
  ).run(register, batch)
  db.prepare(
    `UPDATE items SET custody = 'destroyed', register_line_id = (SELECT l.id FROM destruction_lines l WHERE l.subject = 'item' AND l.subject_id = items.id)
     WHERE id IN (SELECT subject_id FROM appraisal_entries WHERE batch_id = ?)`
  ).run(batch)
  db.prepare(
    `UPDATE destruction_registers SET signed_on = '${destroyedOn}', signed_at = '${destroyedOn}T10:00:00.000Z', signed_by = ? WHERE id = ?`
  ).run(userId, register)
}

/** The cache file for a count: generator version, count and the migrations it was built with. */
function cacheFile(count: number): string {
  const folder = path.join(REPOSITORY, 'src-main/db/migrations')
  const hash = crypto.createHash('sha256')
  for (const name of fs.readdirSync(folder).sort()) hash.update(fs.readFileSync(path.join(folder, name)))
  const schema = hash.digest('hex').slice(0, 10)
  return path.join(CACHE, `room-v${GENERATOR_VERSION}-${count}-${schema}.sqlite`)
}

async function generate(file: string, count: number, useRequests: number): Promise<void> {
  const started = performance.now()
  const app = await makeApp()
  console.log(`generating ${count} items: app opened in ${Math.round(performance.now() - started)} ms`)
  try {
    await app.signInAs('archivist', BENCH_USER)
    for (const name of COLLEAGUES) await app.signInAs('archivist', name)
    const users = (await app.database.query<{ id: number }>(`SELECT id FROM users WHERE role = 'archivist'`)).map(
      (u) => u.id
    )
    const db = app.database.connection
    // Two dozen indexes take rows in random order: with SQLite's 2 MB default cache each insert goes to disk, and
    // seeding grows with the square of the count (200 000 items took 15 minutes); 2 GB keeps the indexes in memory.
    db.pragma('cache_size = -2000000')
    db.exec('BEGIN IMMEDIATE')
    try {
      const customers = makeCustomers(Math.round(count / 50), 1)
      rnd = random(20_240_601)
      const insertCustomer = db.prepare(
        `INSERT INTO customers (id, name, legal_representative, grade, industry, region, date_opened, created_at, updated_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
      )
      const customerSearch = db.prepare('INSERT INTO customers_fts (rowid, body) VALUES (?, ?)')
      customers.forEach((c, index) => {
        const opened = `${between(FIRST_YEAR - 3, LAST_YEAR)}-${pad(between(1, 12), 2)}-${pad(between(1, 28), 2)}`
        const person = pick(SURNAMES) + pick(GIVEN)
        const trade = TRADES[Math.floor(index / 2000) % 10]
        const region = CITIES[index % 20]
        insertCustomer.run(
          c.id,
          c.name,
          person,
          weighted({ general: 0.7, important: 0.2, special: 0.1 }),
          trade,
          region,
          opened,
          `${opened}T02:00:00.000Z`,
          `${opened}T02:00:00.000Z`,
          users[0]
        )
        customerSearch.run(c.id, [c.name, person, trade, region].join('\n'))
      })
      const phase = (name: string, work: () => void) => {
        const at = performance.now()
        work()
        console.log(`  ${name}: ${Math.round(performance.now() - at)} ms`)
      }
      let boxes: number[] = []
      phase('locations', () => (boxes = seedLocations(db, users[0])))
      phase(`${count} items`, () => seedItems(db, count, customers, users, boxes))
      phase(`${useRequests} use requests`, () => seedUse(db, useRequests, count, users[0]))
      phase('custody and destruction', () => seedCustody(db, users[0]))
      // Seeded behind the services, every item is in the first bucket of title order until it is cut, as an import
      // cuts the buckets its rows fall in.
      const cutAt = performance.now()
      const ids = (await app.database.query<{ id: number }>('SELECT id FROM items')).map((row) => row.id)
      await keepTitleBucketsSmall(app.database, ids)
      console.log(`  title order: ${Math.round(performance.now() - cutAt)} ms`)
      db.exec('COMMIT')
    } catch (error) {
      db.exec('ROLLBACK')
      throw error
    }
    db.pragma('wal_checkpoint(TRUNCATE)')
  } finally {
    await app.close()
  }
  fs.mkdirSync(CACHE, { recursive: true })
  fs.copyFileSync(path.join(app.dataDir, DATABASE_FILE), `${file}.partial`)
  fs.renameSync(`${file}.partial`, file)
  fs.rmSync(app.dataDir, { recursive: true, force: true })
  console.log(`generated ${count} items into ${file} in ${Math.round((performance.now() - started) / 1000)} s`)
}

/**
 * A room of `count` items built for an older schema, brought up to this one by the app's own migrations: what a user
 * with that many records goes through on upgrading, timed, and much quicker than generating anew. The copy taken
 * before migrating is timed as the app takes it (SQLite's backup API). False when there is no such room, or it does
 * not migrate (a migration renamed during development): then the room is generated.
 */
async function upgradeOlder(file: string, count: number): Promise<boolean> {
  const older = fs.existsSync(CACHE)
    ? fs
        .readdirSync(CACHE)
        .filter((name) => name.startsWith(`room-v${GENERATOR_VERSION}-${count}-`) && name.endsWith('.sqlite'))
        .map((name) => path.join(CACHE, name))
        .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs)[0]
    : undefined
  if (!older) return false
  const working = `${file}.partial`
  fs.copyFileSync(older, working)
  const pending = pendingMigrations(working)
  try {
    const backup = `${working}.pre-migration`
    const copied = await timedAsync(async () => {
      const source = new Database(working, { fileMustExist: true })
      try {
        await source.backup(backup)
      } finally {
        source.close()
        fs.rmSync(backup, { force: true })
      }
    })
    const migrated = await timedAsync(() => migrate(working))
    console.log(
      `upgraded the room of ${count} items from ${path.basename(older)} (${pending.join(', ')}): ` +
        `copy before migrating ${copied.wallMs} ms wall / ${copied.cpuMs} ms CPU, ` +
        `migrations ${migrated.wallMs} ms wall / ${migrated.cpuMs} ms CPU`
    )
  } catch (error) {
    console.log(`the room from ${path.basename(older)} does not migrate (${String(error)}); generating anew`)
    fs.rmSync(working, { force: true })
    return false
  }
  fs.renameSync(working, file)
  return true
}

async function timedAsync(work: () => Promise<void>): Promise<{ wallMs: number; cpuMs: number }> {
  const started = performance.now()
  const usage = process.cpuUsage()
  await work()
  const used = process.cpuUsage(usage)
  return { wallMs: Math.round(performance.now() - started), cpuMs: Math.round((used.user + used.system) / 1000) }
}

/** The cached room of `count` items, generated on first use: a path to copy from, never to open for writing. */
export async function roomFile(count: number, useRequests = count / 5): Promise<string> {
  const file = cacheFile(count)
  if (!fs.existsSync(file) && !(await upgradeOlder(file, count))) await generate(file, count, useRequests)
  return file
}

/** A copy of the cached room of `count` items, opened as the app, with the bench archivist signed in. */
export async function openRoom(
  count: number,
  useRequests = count / 5
): Promise<{ app: TestApp; key: string; file: string }> {
  const file = await roomFile(count, useRequests)
  const dataDir = tempDir('archive-room-bench-')
  fs.copyFileSync(file, path.join(dataDir, DATABASE_FILE))
  const app = await makeApp(dataDir)
  // The copy is as large as the room (1.8 GB at a million items): closing the app removes it.
  const close = app.close
  app.close = async () => {
    await close()
    fs.rmSync(dataDir, { recursive: true, force: true })
  }
  const key = `bench-${count}`
  await app.call('auth.login', { username: BENCH_USER, password: USER_PASSWORD }, key)
  return { app, key, file: path.join(dataDir, DATABASE_FILE) }
}
