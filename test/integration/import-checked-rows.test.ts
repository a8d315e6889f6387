import { afterEach, describe, expect, it, vi } from 'vitest'
import type { ChannelInput } from '@preload/contract'
import { ImportsService } from '@main/services/imports'
import { makeApp, type TestApp } from '../support/app'
import { ITEM_IMPORT_DEFAULTS, runImport } from '../support/imports'

/*
 * Issue 19: the import that follows a dry run of the same file takes the rows that dry run checked rather than reading
 * and checking the file again; whatever could have changed since is not taken from it.
 */

let app: TestApp
afterEach(async () => {
  vi.restoreAllMocks()
  await app?.close()
})

const HEADER = '档号,文号,责任者,题名,日期,页数'
const MAPPING = ['archivalCode', 'documentNumber', 'responsibleParty', 'title', 'dateFormed', 'pageCount']
const FILLER = 2100

const items = (lines: string[], fileName = 'plan.csv'): ChannelInput<'import.dryRun'> => ({
  target: 'items',
  fileName,
  base64: Buffer.from([HEADER, ...lines].join('\n'), 'utf8').toString('base64'),
  mapping: MAPPING,
  defaults: ITEM_IMPORT_DEFAULTS
})

/** A file of two batches (2 000 rows a batch): two coded rows, filler, one row with a problem at the end. */
function twoBatches(): string[] {
  const lines = [
    'J001-WS·2023-Y-BGS-0001,,办公室,甲文件,2023-05-06,1',
    'J001-WS·2023-Y-BGS-0002,,办公室,乙文件,2023-05-07,1'
  ]
  for (let i = 1; i <= FILLER; i += 1) lines.push(`,,办公室,填充${i},2023-01-01,1`)
  lines.push(',,,没有责任者,2023-01-01,1')
  return lines
}

/** How often a file has been read since the spy was set. */
const readings = () => vi.spyOn(ImportsService.prototype as unknown as { parts: () => unknown }, 'parts')

describe('an import takes the rows its dry run checked (issue 19)', () => {
  it('reads the file once for the dry run and its import, and still asks the database what it holds now', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const input = items(twoBatches())
    const read = readings()
    const report = await app.call('import.dryRun', input, key)
    expect(report).toMatchObject({ total: FILLER + 3, valid: FILLER + 2, duplicates: 0 })
    expect(read).toHaveBeenCalledTimes(1)

    // Between the dry run and the import, another file brings row 2 (乙文件): the import finds it in the database.
    const other = await runImport(app, { ...items([twoBatches()[1]], 'other.csv'), mode: 'validOnly' }, key)
    expect(other.result).toMatchObject({ imported: 1 })
    expect(read).toHaveBeenCalledTimes(2)

    const done = await runImport(app, { ...input, mode: 'validOnly' }, key)
    expect(done).toMatchObject({
      state: 'done',
      result: { imported: FILLER + 1, skippedDuplicates: 1, skippedInvalid: 1 }
    })
    expect(read).toHaveBeenCalledTimes(2)
    expect((await app.call('items.list', { search: '甲文件' }, key)).rows.map((row) => row.archivalCode)).toEqual([
      'J001-WS·2023-Y-BGS-0001'
    ])
    expect((await app.call('items.list', { search: '填充2100' }, key)).total).toBe(1)

    // Handed over once: the same file again is read again, and everything in it is in the database now.
    const again = await runImport(app, { ...input, mode: 'validOnly' }, key)
    expect(again.result).toMatchObject({ imported: 0, skippedDuplicates: FILLER + 2, skippedInvalid: 1 })
    expect(read).toHaveBeenCalledTimes(3)
  })

  it('reads and checks the file again when the file or the filing settings changed since the dry run', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist', 'liwen')
    const manager = await app.signInAs('archive_manager', 'zhaozr')
    const input = items(twoBatches())
    const read = readings()
    expect(await app.call('import.dryRun', input, key)).toMatchObject({ valid: FILLER + 2 })

    // The same name with one row more is another file.
    const longer = items([...twoBatches(), ',,办公室,多出的一行,2023-01-01,1'])
    const other = await runImport(app, { ...longer, mode: 'allOrNothing' }, key)
    expect(other).toMatchObject({ state: 'failed', error: { message: 'import.hasErrors' } })
    expect(read).toHaveBeenCalledTimes(2)

    // R-FILE-11: under settings without the department BGS, the rows the dry run passed are refused now.
    const filing = await app.call('settings.getFiling', {}, manager)
    const departments = filing.data.departments.filter((d) => d.code !== 'BGS')
    await app.call('settings.saveFiling', { ...filing.data, departments }, manager)
    const done = await runImport(app, { ...input, mode: 'validOnly' }, key)
    expect(done).toMatchObject({ state: 'done', result: { imported: 0, skippedInvalid: FILLER + 3 } })
    expect(read).toHaveBeenCalledTimes(3)
  })
})
