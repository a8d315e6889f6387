/**
 * Chinese screens speak Chinese: every audited object and action, every list of names in the contract and every
 * backup count has words in both catalogues, and an audit entry reads as "字段：旧值 → 新值", never as JSON.
 */
import fs from 'node:fs'
import path from 'node:path'
import i18next from 'i18next'
import { describe, expect, it } from 'vitest'
import { AUDIT_ACTIONS, AUDIT_ENTITIES } from '@preload/audit-vocabulary'
import * as contract from '@preload/contract'
import en from '@preload/i18n/en'
import zhCN from '@preload/i18n/zh-CN'
import { COUNTED_TABLES } from '@main/services/backup'
import { actionText, changeLines, entityText, type Words } from '@renderer/auditText'
import { policyVersionText } from '@renderer/labels'

const CATALOGUES = { 'zh-CN': zhCN, en } as const

function lookup(tree: object, key: string): unknown {
  return key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown> | undefined)?.[part], tree)
}

/** Keys of the form prefix.value that have no sentence, in either language. */
function untranslated(prefix: string, values: readonly string[]): string[] {
  return Object.entries(CATALOGUES).flatMap(([language, tree]) =>
    values
      .filter(
        (value) =>
          typeof lookup(tree, prefix.includes('*') ? prefix.replace('*', value) : `${prefix}.${value}`) !== 'string'
      )
      .map((value) => `${language}:${value}`)
  )
}

/** Where the words of each list of names in the contract are. */
const WORDS_OF: Record<string, string> = {
  SIGNER_ROLES: 'roles',
  OFFICER_ROLES: 'roles',
  TWO_PERSON_ROLES: 'roles',
  FIRST_RUN_GAPS: 'firstRun.gaps',
  ADHOC_REASONS: 'inspections.reasons',
  APPLICANT_KINDS: 'use.applicantKinds',
  APPROVERS: 'use.approvers',
  BATCH_STATES: 'disposal.states',
  CLASSIFICATIONS: 'classifications',
  CONTACT_CHANNELS: 'customerUpkeep.log.channels',
  CREDIT_GRADES: 'customerUpkeep.credit.grades',
  CREDIT_REVIEW_REASONS: 'customerUpkeep.credit.reviewReasons',
  ALARM_KINDS: 'customerPrivacy.alarms.kinds',
  CONSENT_CHANNELS: 'customerPrivacy.channels',
  CONSENT_FIELDS: 'customerPrivacy.fields',
  DISCLOSURE_APPROVERS: 'customerPrivacy.approvers',
  DISCLOSURE_METHODS: 'customerPrivacy.disclosure.methods',
  DISCLOSURE_STATES: 'customerPrivacy.disclosure.states',
  RECIPIENT_KINDS: 'customerPrivacy.disclosure.kinds',
  RETENTION_CLASSES: 'customerPrivacy.retention.classes',
  RETENTION_UNITS: 'customerPrivacy.retention.units',
  RIGHTS_KINDS: 'customerPrivacy.rights.kinds',
  RIGHTS_OUTCOMES: 'customerPrivacy.rights.outcomes',
  SHARING_RULES: 'customerPrivacy.sharingRules',
  SENSITIVE_FIELDS: 'customerPrivacy.fields',
  SENSITIVITY_CLASSES: 'customerPrivacy.classes',
  CUSTODY_STATES: 'custody',
  CUSTOMER_DOC_TYPES: 'customerDocTypes',
  CUSTOMER_GRADES: 'grades',
  IMPORTANT_CUSTOMER_FIELDS: 'customers.fields',
  CUSTOMER_FIELD_NAMES: 'customers.fields',
  PENDING_CHANGE_STATUSES: 'customers.changes.statuses',
  DOCUMENT_KINDS: 'documentKinds',
  EXCERPT_ANSWERS: 'use.excerptAnswers',
  FILE_ROLES: 'electronic.roles',
  FILE_TYPES: 'electronic.types',
  SCAN_MATCH_STATUSES: 'electronic.batch.statuses',
  FINDING_STATES: 'inspections.states',
  HOLD_SUBJECTS: 'audit.entities',
  INCIDENT_KINDS: 'incidents.kinds',
  INCIDENT_RESOLUTIONS: 'incidents.resolutions',
  INCIDENT_SOURCES: 'incidents.sources',
  INSPECTION_KINDS: 'inspections.kinds',
  ITEM_STATUSES: 'itemStatuses',
  LINK_KINDS: 'linkKinds.*.name',
  LOCATION_KINDS: 'locationKinds',
  LOCATION_SUBJECTS: 'storage.subjects',
  OPEN_STATUSES: 'openStatuses',
  RECORD_KINDS: 'recordKinds',
  REPORT_APPROVERS: 'roles',
  REGISTRATION_STATUSES: 'customerUpkeep.registration.statuses',
  RETURN_CONDITIONS: 'use.conditions',
  ROLES: 'roles',
  UPKEEP_KINDS: 'customerUpkeep.log.kinds',
  USE_EFFECTS: 'use.effects',
  USE_KINDS: 'use.kinds',
  USE_REGISTERS: 'use.registers',
  USE_STATUSES: 'use.statuses'
}

/** Lists that never reach a screen as a word: channel names, error codes (the message is shown), role groups … */
const NOT_SHOWN = new Set([
  'BACKUP_ROLES',
  'CHANNELS',
  'ERROR_CODES',
  'EXPORT_VIEWS',
  'HIGHLIGHTED_ITEM_FIELDS',
  'IMPORT_TARGETS',
  'LABEL_SUBJECTS',
  'PERSONAL_DATA_ROLES',
  'RECORD_READERS',
  'RECORD_WRITERS',
  'SORTABLE_CUSTOMER_FIELDS',
  'SORTABLE_ITEM_FIELDS',
  'SORTABLE_USE_FIELDS'
])

const contractLists = (Object.entries(contract) as [string, unknown][]).filter(
  (entry): entry is [string, readonly string[]] =>
    Array.isArray(entry[1]) && entry[1].every((value: unknown) => typeof value === 'string')
)

async function wordsIn(language: keyof typeof CATALOGUES): Promise<Words> {
  const instance = i18next.createInstance()
  await instance.init({
    resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } },
    lng: language,
    interpolation: { escapeValue: false },
    showSupportNotice: false
  })
  return instance
}

interface Sample {
  entity: string
  action: string
  before: unknown
  after: unknown
}

/** One entry of every object and action the integration tests write, as the services stored them. */
const SAMPLES = JSON.parse(fs.readFileSync(path.join(__dirname, 'audit-samples.json'), 'utf8')) as Sample[]

describe('every audited object and action has words', () => {
  it('in both languages', () => {
    expect(untranslated('audit.entities', AUDIT_ENTITIES)).toEqual([])
    expect(untranslated('audit.actions', AUDIT_ACTIONS)).toEqual([])
  })

  it('and the samples name only the vocabulary the services are typed to', () => {
    expect(SAMPLES.length).toBeGreaterThan(50)
    expect(SAMPLES.map((s) => s.entity).filter((e) => !(AUDIT_ENTITIES as readonly string[]).includes(e))).toEqual([])
    expect(SAMPLES.map((s) => s.action).filter((a) => !(AUDIT_ACTIONS as readonly string[]).includes(a))).toEqual([])
  })
})

describe('every list of names in the contract has words', () => {
  it('is either shown in words or known never to be shown', () => {
    expect(contractLists.length).toBeGreaterThan(30)
    expect(contractLists.map(([name]) => name).filter((name) => !(name in WORDS_OF) && !NOT_SHOWN.has(name))).toEqual(
      []
    )
  })

  it.each(Object.entries(WORDS_OF))('%s in both languages', (name, prefix) => {
    const values = contractLists.find(([list]) => list === name)?.[1]
    expect(values, name).toBeDefined()
    expect(untranslated(prefix, values!)).toEqual([])
  })

  it('backup counts name their tables', () => {
    expect(untranslated('backup.tables', COUNTED_TABLES)).toEqual([])
  })
})

describe('an audit entry in words', () => {
  it.each(['zh-CN', 'en'] as const)(
    'no sample shows a field, state or object by its internal name (%s)',
    async (lng) => {
      const words = await wordsIn(lng)
      for (const sample of SAMPLES) {
        const where = `${sample.entity}.${sample.action}`
        expect(entityText(words, sample.entity), where).not.toBe(sample.entity)
        expect(actionText(words, sample.action), where).not.toBe(sample.action)
        for (const line of changeLines(words, sample)) {
          // a field label that is still a camelCase or snake_case key, or JSON
          expect(line, where).not.toMatch(/(^|[；;（(,，]\s*)[a-z]+([A-Z_][a-z]+)+\s*[:：]/)
          expect(line, where).not.toMatch(/[{}"]/)
          for (const internal of [
            'in_store',
            'on_loan',
            'top_secret',
            'department_head',
            'badPassword',
            'true',
            'false'
          ])
            expect(line, where).not.toContain(internal)
        }
      }
    }
  )

  it('a change reads field: old → new, with the words of the states', async () => {
    const zh = await wordsIn('zh-CN')
    const custody = { entity: 'item', before: { custody: 'in_store' }, after: { custody: 'on_loan', step: 'checkout' } }
    expect(changeLines(zh, custody)).toEqual(['保管状态：在库 → 借出', '环节：（空） → 出借'])
    const english = await wordsIn('en')
    expect(changeLines(english, custody)[0]).toBe('Custody: In store → On loan')
  })

  it('only changed fields are listed; a new record lists what it was given, empty fields left out', async () => {
    const zh = await wordsIn('zh-CN')
    expect(
      changeLines(zh, {
        entity: 'customer',
        before: { name: '甲公司', grade: 'general', fax: '' },
        after: { name: '甲公司', grade: 'important', fax: '021-1' }
      })
    ).toEqual(['客户等级：一般 → 重要', '传真：（空） → 021-1'])
    expect(
      changeLines(zh, {
        entity: 'use_request',
        before: undefined,
        after: { kind: 'loan', offSite: true, remarks: '', records: [{ subject: 'item', id: 3 }] }
      })
    ).toEqual(['类型：借阅', '带出办公楼：是', '档案：（类别：文件；编号：3）'])
  })

  it('the same field name takes the words of its object', async () => {
    const zh = await wordsIn('zh-CN')
    expect(changeLines(zh, { entity: 'inspection', before: null, after: { kind: 'adhoc', reason: 'fire' } })).toEqual([
      '类型：临时检查',
      '理由：火灾'
    ])
    expect(
      changeLines(zh, { entity: 'user', before: null, after: { reason: 'badPassword', failedLogins: 2 } })
    ).toEqual(['理由：密码错误', '连续登录失败次数：2'])
  })

  it('long lists of records are counted, and an entry with no facts has no lines', async () => {
    const zh = await wordsIn('zh-CN')
    const many = Array.from({ length: 5 }, (_, id) => ({ subject: 'item', id }))
    expect(changeLines(zh, { entity: 'hold', before: null, after: { subjects: many } })).toEqual(['范围：5 项'])
    expect(changeLines(zh, { entity: 'user', before: null, after: null })).toEqual([])
  })

  it('a contact’s title is a position, and an import mapping names the fields it maps to', async () => {
    const zh = await wordsIn('zh-CN')
    expect(
      changeLines(zh, { entity: 'customer', before: null, after: { contacts: [{ name: '李娜', title: '经理' }] } })
    ).toEqual(['联系人：（名称：李娜；职务：经理）'])
    expect(
      changeLines(zh, { entity: 'policy', before: {}, after: { 'items:题名|页数': ['title', 'pageCount'] } })
    ).toEqual(['items:题名|页数：（空） → 题名；页数'])
  })
})

describe('versions are counted as people count them', () => {
  it('rules never saved are the defaults, not version 0; the first saved version is 1', async () => {
    const zh = await wordsIn('zh-CN')
    const t = zh.t.bind(zh) as unknown as Parameters<typeof policyVersionText>[0]
    expect(policyVersionText(t, 0)).toBe('依据默认借阅规则（尚未修改过）')
    expect(policyVersionText(t, 1)).toBe('依据借阅规则第 1 版')
    expect(changeLines(zh, { entity: 'use_request', before: null, after: { policyVersion: 0 } })).toEqual([
      '规则版本：默认规则'
    ])
    for (const [language, tree] of Object.entries(CATALOGUES))
      expect(JSON.stringify(tree), language).not.toMatch(/第 0 版|version 0\b/)
  })
})
