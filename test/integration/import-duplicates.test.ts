import { afterEach, describe, expect, it } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { makeApp, type TestApp } from '../support/app'
import { ITEM_IMPORT_DEFAULTS, runImport as follow } from '../support/imports'

/*
 * The duplicate rules of an import at their edges, with files long enough to be read in two batches (2 000 rows a
 * batch): rows already in the database are looked up a batch at a time, and the file's own keys are remembered
 * across batches.
 */

let app: TestApp
afterEach(async () => app?.close())

const HEADER = '档号,文号,责任者,题名,日期,页数'
const MAPPING = ['archivalCode', 'documentNumber', 'responsibleParty', 'title', 'dateFormed', 'pageCount']
const FILLER = 2100

const items = (lines: string[]): ChannelInput<'import.dryRun'> => ({
  target: 'items',
  fileName: 'dup.csv',
  base64: Buffer.from([HEADER, ...lines].join('\n'), 'utf8').toString('base64'),
  mapping: MAPPING,
  defaults: ITEM_IMPORT_DEFAULTS
})

const runImport = (input: ChannelInput<'import.start'>, key: string) => follow(app, input, key)

describe('import duplicates', () => {
  it('items: by code, title and date for a row with a code, by document for a row without; equal rows in two batches; rows written by this import are not the database', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    // In the database: A with a code, B without.
    const seed = await runImport(
      {
        ...items(['LEG-A,发〔2020〕1号,办公室,甲文件,2020-01-01,1', ',,办公室,乙文件,2020-01-02,1']),
        mode: 'allOrNothing'
      },
      key
    )
    expect(seed.result).toMatchObject({ imported: 2, skippedDuplicates: 0 })

    const lines = [
      /* row 2 */ 'LEG-A,,财务部,另一个题名,2021-05-05,1', // A's code on another document: a conflict naming A
      /* row 3 */ ',发〔2020〕1号,办公室,甲文件,2020-01-01,1', // no code, A's document: a duplicate of A
      /* row 4 */ 'LEG-N,发〔2020〕1号,办公室,甲文件,2020-01-01,1', // a new code on A's document: a row with a code is matched by its code
      /* row 5 */ ',,办公室,乙文件,2020-01-02,1', // B's document: a duplicate
      /* row 6 */ 'LEG-C,,人事部,丙文件,2022-03-03,1', // new, with a code; its document comes again below without one
      /* row 7 */ 'LEG-A,,财务部,甲文件,2020-01-01,9' // A's code, title and date: A imported before, whatever was corrected since
    ]
    for (let i = 1; i <= FILLER; i += 1) lines.push(`,,办公室,填充${i},2022-01-01,1`)
    // Second batch (the first holds rows 2 to 2001).
    lines.push(',,办公室,填充7,2022-01-01,1') // row 2108: equal to row 14 in the first batch
    lines.push(',,人事部,丙文件,2022-03-03,1') // row 2109: row 6's document without a code: not the same key, and row 6 is this import's own
    lines.push('LEG-C,,人事部,别的,2022-03-03,1') // row 2110: row 6's code on another document of the file
    lines.push('LEG-C,,财务部,丙文件,2022-03-03,2') // row 2111: row 6 again (code, title and date)
    const input = items(lines)

    const report = await app.call('import.dryRun', input, key)
    const total = 6 + FILLER + 4
    expect(report).toMatchObject({ total, duplicates: 3, valid: total - 3 - 4 })
    expect(report.errors).toEqual([
      {
        row: 2,
        field: 'archivalCode',
        message: 'import.codeTaken',
        params: { code: 'LEG-A', title: '甲文件', date: '2020-01-01' }
      },
      { row: 2108, field: 'archivalCode', message: 'import.duplicateInFile', params: { row: 14 } },
      {
        row: 2110,
        field: 'archivalCode',
        message: 'import.codeTakenInFile',
        params: { row: 6, code: 'LEG-C', title: '丙文件' }
      },
      { row: 2111, field: 'archivalCode', message: 'import.duplicateInFile', params: { row: 6 } }
    ])

    const done = await runImport({ ...input, mode: 'validOnly' }, key)
    expect(done.result).toEqual({ imported: total - 7, skippedDuplicates: 3, skippedInvalid: 4 })
    expect((await app.call('items.list', { search: '丙文件' }, key)).total).toBe(2)
    expect((await app.call('items.list', { search: '甲文件' }, key)).total).toBe(2)
    expect((await app.call('items.list', { search: '另一个题名' }, key)).total).toBe(0)

    // The same file again: every row but the two codes on other documents is in the database now (the database is
    // asked first), and those two are refused by the database's items.
    const again = await app.call('import.dryRun', input, key)
    expect(again).toMatchObject({ total, valid: 0, duplicates: total - 2 })
    expect(again.errors.map((e) => [e.row, e.message, e.params?.title])).toEqual([
      [2, 'import.codeTaken', '甲文件'],
      [2110, 'import.codeTaken', '丙文件']
    ])
  })

  it('R-FILE-10: a code padded wider than its series takes a number the series already has; the dry run says so and the import skips it', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    // In the database: number 1 of the 2023 series, as the room's template writes it (four digits).
    const seed = await runImport(
      { ...items(['J001-WS·2023-Y-BGS-0001,,办公室,甲文件,2023-05-06,1']), mode: 'validOnly' },
      key
    )
    expect(seed.result).toMatchObject({ imported: 1 })

    const lines = [
      /* row 2 */ 'J001-WS·2023-Y-BGS-000001,,办公室,乙文件,2023-05-07,1', // number 1 again, padded to six digits
      /* row 3 */ 'J001-WS·2023-Y-BGS-0002,,办公室,丙文件,2023-05-08,1' // number 2: new
    ]
    for (let i = 1; i <= FILLER; i += 1) lines.push(`,,办公室,填充${i},2023-01-01,1`)
    lines.push('J001-WS·2023-Y-BGS-00002,,办公室,丁文件,2023-05-09,1') // row 2104, second batch: row 3's number
    const input = items(lines)

    const report = await app.call('import.dryRun', input, key)
    expect(report).toMatchObject({ total: FILLER + 3, valid: FILLER + 1, duplicates: 0 })
    expect(report.errors).toEqual([
      {
        row: 2,
        field: 'archivalCode',
        message: 'import.numberTaken',
        params: { code: 'J001-WS·2023-Y-BGS-000001', existing: 'J001-WS·2023-Y-BGS-0001' }
      },
      {
        row: 2104,
        field: 'archivalCode',
        message: 'import.numberTakenInFile',
        params: { row: 3, code: 'J001-WS·2023-Y-BGS-00002', existing: 'J001-WS·2023-Y-BGS-0002' }
      }
    ])

    const refused = await runImport({ ...input, mode: 'allOrNothing' }, key)
    expect(refused).toMatchObject({ state: 'failed', error: { message: 'import.hasErrors', ruleId: 'R-FILE-11' } })
    expect((await app.call('items.list', {}, key)).total).toBe(1)

    const done = await runImport({ ...input, mode: 'validOnly' }, key)
    expect(done).toMatchObject({ state: 'done', result: { imported: FILLER + 1, skippedInvalid: 2 } })
    const coded = await app.call('items.list', { search: '丙文件' }, key)
    expect(coded.rows.map((row) => row.archivalCode)).toEqual(['J001-WS·2023-Y-BGS-0002'])
  })

  it("R-FILE-10: a legacy code that reads as another series' code is kept as text, and the next code the app gives in that series goes past it", async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const done = await runImport(
      {
        ...items([
          'J001-WS·2023-Y-BGS-0001,,办公室,二三年第一件,2023-05-06,1',
          // Dated 2022, so filed under 2022 (R-FILE-2): its 2023-shaped code is no number of the 2023 series.
          'J001-WS·2023-Y-BGS-0002,,办公室,跨年归档的旧文件,2022-12-28,1'
        ]),
        mode: 'allOrNothing'
      },
      key
    )
    expect(done.result).toMatchObject({ imported: 2 })
    const next = await app.call(
      'items.create',
      {
        ...ITEM_IMPORT_DEFAULTS,
        title: '新登记的文件',
        responsibleParty: '办公室',
        dateFormed: '2023-08-01',
        pageCount: 1
      },
      key
    )
    // Number 2 of the 2023 series would print as the legacy code; it is skipped, not refused as a duplicate.
    expect((await app.call('items.catalogue', { id: next.id }, key)).archivalCode).toBe('J001-WS·2023-Y-BGS-0003')
    const after = await app.call(
      'items.create',
      { ...ITEM_IMPORT_DEFAULTS, title: '再一件', responsibleParty: '办公室', dateFormed: '2023-08-02', pageCount: 1 },
      key
    )
    expect((await app.call('items.catalogue', { id: after.id }, key)).archivalCode).toBe('J001-WS·2023-Y-BGS-0004')
  })

  it("R-FILE-10: a running number beyond the template (a 4-digit counter) is refused in the dry run: taken as the series' last, it would block numbering there", async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const input = items([
      'J001-WS·2023-Y-BGS-10000,,办公室,超出甲,2023-05-06,1',
      'J001-WS·2023-Y-BGS-99999999999999999999,,办公室,超出乙,2023-05-06,1',
      'J001-WS·2023-Y-BGS-9999,,办公室,最大,2023-05-06,1'
    ])
    const report = await app.call('import.dryRun', input, key)
    expect(report.errors).toEqual([
      {
        row: 2,
        field: 'archivalCode',
        message: 'import.numberOutOfRange',
        params: { code: 'J001-WS·2023-Y-BGS-10000', max: 9999 }
      },
      {
        row: 3,
        field: 'archivalCode',
        message: 'import.numberOutOfRange',
        params: { code: 'J001-WS·2023-Y-BGS-99999999999999999999', max: 9999 }
      }
    ])
    expect(await runImport({ ...input, mode: 'validOnly' }, key)).toMatchObject({ result: { imported: 1 } })
    const coded = await app.call('items.list', { search: '最大' }, key)
    expect(coded.rows.map((row) => row.archivalCode)).toEqual(['J001-WS·2023-Y-BGS-9999'])
  })

  it('customers: names equal after folding white space and case, in the database and across batches', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const customers = (names: string[]): ChannelInput<'import.start'> => ({
      target: 'customers',
      fileName: 'c.csv',
      base64: Buffer.from(
        ['客户名称,法定代表人,客户等级', ...names.map((name) => `${name},王建国,一般`)].join('\n'),
        'utf8'
      ).toString('base64'),
      mapping: ['name', 'legalRepresentative', 'grade'],
      defaults: { dateOpened: '2024-01-01' },
      mode: 'validOnly'
    })
    expect((await runImport(customers(['上海 顺达 ABC 公司']), key)).result).toMatchObject({ imported: 1 })
    const names = ['上海顺达abc公司', '北京\u3000华信']
    for (let i = 1; i <= FILLER; i += 1) names.push(`客户${i}`)
    names.push('北京华信') // row 2104: row 3 again, once the ideographic space is folded
    const { mode: _mode, ...dryRun } = customers(names)
    const report = await app.call('import.dryRun', dryRun, key)
    expect(report).toMatchObject({ total: FILLER + 3, duplicates: 1, valid: FILLER + 1 })
    expect(report.errors).toEqual([
      { row: FILLER + 4, field: 'name', message: 'import.duplicateInFile', params: { row: 3 } }
    ])
  })
})
