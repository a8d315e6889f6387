/*
 * What a spreadsheet column means for an import: the field its header names, and the per-cell normalisation the
 * dry run needs before a row meets the same schemas as the forms. Pure: no store, no files (read.ts reads them);
 * the import service decides what a row becomes and reports what fails.
 */
import { CLASSIFICATIONS, CUSTOMER_GRADES, OPEN_STATUSES } from '@preload/contract'
import type { customerFields, itemFields } from '@preload/contract'

export type Encoding = 'utf-8' | 'gb18030'
export type ImportTarget = 'items' | 'customers'

type ItemField = keyof typeof itemFields | 'archivalCode'
type CustomerField = Exclude<keyof typeof customerFields, 'contacts'> | 'contactName' | 'contactPhone'

/*
 * Header synonyms per field, in any case, spacing or punctuation; the app's own export headers are among
 * them so an exported list imports again. Items leave out what the form derives or links (document kind,
 * plan/meeting dates, customer link, copies); customers leave out the two declarations (agreement signed,
 * consent obtained), which someone must attest per customer rather than copy from a sheet.
 */
const ITEM_SYNONYMS = {
  title: ['题名', '标题', '文件题名', '文件标题', 'title', 'document title'],
  responsibleParty: ['责任者', '责任单位', '发文单位', 'author', 'responsible', 'responsible party'],
  documentNumber: ['文号', '发文字号', '文件编号', 'doc no', 'document number', 'document no'],
  dateFormed: ['日期', '形成时间', '形成日期', '成文日期', '文件日期', 'date', 'date formed'],
  pageCount: ['页数', '页', 'pages', 'page count'],
  archivalCode: ['档号', 'archival code', 'reference code'],
  classification: ['密级', 'classification'],
  retentionCode: ['保管期限', '期限', 'retention', 'retention period'],
  remarks: ['备注', 'remarks', 'notes'],
  categoryCode: ['门类', '门类代码', 'category'],
  fondsCode: ['全宗号', '全宗', 'fonds'],
  departmentCode: ['机构', '机构代码', '机构（问题）', '部门', 'department'],
  openStatus: ['开放标识', '开放状态', 'open status', 'access'],
  receivedOn: ['接收日期', '归档日期', 'received', 'received on', 'date received']
} satisfies Partial<Record<ItemField, readonly string[]>>

const CUSTOMER_SYNONYMS = {
  name: ['客户名称', '单位名称', '公司名称', '名称', 'customer', 'name', 'customer name'],
  legalRepresentative: ['法定代表人', '法人', '法人代表', 'legal representative'],
  address: ['地址', '通讯地址', 'address'],
  postcode: ['邮编', '邮政编码', 'postcode', 'postal code'],
  phone: ['电话', '联系电话', 'phone', 'tel'],
  fax: ['传真', 'fax'],
  registeredCapital: ['注册资本', '注册资金', 'registered capital'],
  industry: ['行业', '所属行业', 'industry'],
  region: ['地区', '区域', '所在地区', 'region'],
  grade: ['等级', '客户等级', '级别', 'grade'],
  dateOpened: ['建档日期', '开户日期', '登记日期', 'date opened'],
  businessScope: ['经营范围', 'business scope'],
  businessScale: ['经营规模', '规模', 'business scale'],
  creditStanding: ['信用', '信用状况', '信用等级', 'credit standing'],
  economicStrength: ['经济实力', 'economic strength'],
  dealingsRecord: ['往来记录', '业务往来', '与本公司主要业务往来记录', 'main dealings with the company'],
  background: ['背景', '客户背景', 'background'],
  collectionPurpose: ['收集目的', '信息收集目的', 'purpose of collection'],
  contactName: ['联系人', '主要联系人', 'contact', 'main contact', 'contact name'],
  contactPhone: ['联系人电话', '联系人手机', 'contact phone']
} satisfies Partial<Record<CustomerField, readonly string[]>>

export const IMPORT_FIELDS: Record<ImportTarget, readonly string[]> = {
  items: Object.keys(ITEM_SYNONYMS),
  customers: Object.keys(CUSTOMER_SYNONYMS)
}

/** NFKC first, so full-width letters and brackets (（）) compare as their ASCII forms. */
const normaliseHeader = (header: string) =>
  header
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, '')

/** A unit or note in brackets (注册资本（万元）, 形成时间(年月日)) does not change what a column holds. */
const withoutNotes = (header: string) => header.normalize('NFKC').replace(/[([【〔][^()[\]【】〔〕]*[)\]】〕]/g, '')

/** The field's own name counts as a synonym, so a sheet headed with field names maps as it is. */
function synonymLookup(synonyms: Record<string, readonly string[]>): Map<string, string> {
  const lookup = new Map<string, string>()
  for (const [field, names] of Object.entries(synonyms))
    for (const name of [field, ...names]) lookup.set(normaliseHeader(name), field)
  return lookup
}

const LOOKUP: Record<ImportTarget, Map<string, string>> = {
  items: synonymLookup(ITEM_SYNONYMS),
  customers: synonymLookup(CUSTOMER_SYNONYMS)
}

/**
 * Proposes header → field (or null), each field at most once, first column first. Whole headers are
 * matched before headers stripped of a bracketed note, so '日期' beats '日期（收文）' wherever it stands.
 * Never by substring: 页号 (start page) must not become 页数, nor 联系人职务 the contact's name.
 */
export function proposeMapping(target: ImportTarget, headers: string[]): (string | null)[] {
  const lookup = LOOKUP[target]
  const mapping: (string | null)[] = headers.map(() => null)
  const used = new Set<string>()
  for (const form of [normaliseHeader, (header: string) => normaliseHeader(withoutNotes(header))]) {
    headers.forEach((header, index) => {
      const field = lookup.get(form(header))
      if (mapping[index] !== null || field === undefined || used.has(field)) return
      mapping[index] = field
      used.add(field)
    })
  }
  return mapping
}

/**
 * A stable key for a layout, so a remembered mapping is reused for the same kind of file. Trailing blank
 * headers are dropped: a stray value far to the right should not make a familiar file look new.
 */
export function layoutKey(target: ImportTarget, headers: string[]): string {
  const names = headers.map(normaliseHeader)
  while (names.length > 0 && names[names.length - 1] === '') names.pop()
  // '|' cannot occur in a normalised header (punctuation is stripped), so the join is unambiguous.
  return `${target}:${names.join('|')}`
}

const isLeapYear = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31]

function calendarDate(year: number, month: number, day: number): string | null {
  if (year < 1 || month < 1 || month > 12 || day < 1) return null
  if (day > MONTH_DAYS[month - 1] + (month === 2 && isLeapYear(year) ? 1 : 0)) return null
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`
}

// The time Excel appends when a date-time cell is saved as CSV (2023/5/6 0:00) is dropped.
const SEPARATED = /^(\d{4})([./-])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$/
const COMPACT = /^(\d{4})(\d{2})(\d{2})$/
const CHINESE = /^(\d{4})年(\d{1,2})月(\d{1,2})日$/
const SERIAL = /^(\d{5})(?:\.\d+)?$/
/** Day 0 of the 1900 date system as Excel counts from March 1900 on, past its phantom 1900-02-29. */
const EXCEL_EPOCH = Date.UTC(1899, 11, 30)
const DAY_MS = 86_400_000
// 1954-10-03 … 2119-01-11: wide enough for any archive's dates, narrow enough that a count is not a date.
const SERIAL_MIN = 20_000
const SERIAL_MAX = 80_000

/** Normalises the date forms people type or Excel stores to 'YYYY-MM-DD'; null when not a real calendar date. */
export function normaliseDate(value: string): string | null {
  const text = value.normalize('NFKC').trim()
  const parts = SEPARATED.exec(text)
  if (parts) return calendarDate(Number(parts[1]), Number(parts[3]), Number(parts[4]))
  const dated = COMPACT.exec(text) ?? CHINESE.exec(text)
  if (dated) return calendarDate(Number(dated[1]), Number(dated[2]), Number(dated[3]))
  const serial = SERIAL.exec(text)
  if (serial) {
    const days = Number(serial[1])
    if (days < SERIAL_MIN || days > SERIAL_MAX) return null
    return new Date(EXCEL_EPOCH + days * DAY_MS).toISOString().slice(0, 10)
  }
  return null
}

const labelKey = (label: string) => label.normalize('NFKC').trim().toLowerCase().replace(/\s+/g, ' ')

function enumLabels<Code extends string>(codes: readonly Code[], labels: Record<Code, string[]>): Map<string, string> {
  const lookup = new Map<string, string>()
  for (const code of codes) for (const label of [code, ...labels[code]]) lookup.set(labelKey(label), code)
  return lookup
}

/** Labels as the forms and exports show them (Chinese and English), plus the codes themselves. */
const ENUM_LABELS = new Map<string, Map<string, string>>([
  [
    'classification',
    enumLabels(CLASSIFICATIONS, {
      none: ['普通', '无', '公开', 'ordinary'],
      internal: ['内部'],
      secret: ['秘密'],
      confidential: ['机密'],
      top_secret: ['绝密', 'top secret']
    })
  ],
  [
    'openStatus',
    enumLabels(OPEN_STATUSES, { open: ['开放'], restricted: ['控制', '控制使用', '限制'], closed: ['不开放', '封闭'] })
  ],
  [
    'grade',
    enumLabels(CUSTOMER_GRADES, { important: ['重要', '紧要', 'a'], special: ['特殊', 'b'], general: ['一般', 'c'] })
  ]
])

const compact = (text: string) => text.normalize('NFKC').replace(/\s+/g, '')

/**
 * Maps the labels people write to the codes the forms store. Unrecognised values come back unchanged
 * (trimmed) for validation to report. Retention periods are configurable, so their names come from the
 * caller (name → code, e.g. {'永久': 'Y', '30年': 'D30'}); a code is accepted in any case.
 */
export function normaliseEnum(field: string, value: string, retentionNames: Record<string, string>): string {
  const text = value.trim()
  if (field === 'retentionCode') {
    const byName = Object.entries(retentionNames).find(([name]) => compact(name) === compact(text))
    const byCode = Object.values(retentionNames).find((code) => code.toLowerCase() === text.toLowerCase())
    return byName?.[1] ?? byCode ?? text
  }
  return ENUM_LABELS.get(field)?.get(labelKey(text)) ?? text
}
