/** R-ELEC-3: the machine check of all stored electronic files is due on the workbench once the set interval passed. */
import { afterEach, describe, expect, it } from 'vitest'
import { makeApp, tempDir, USER_PASSWORD, type TestApp } from '../support/app'
import { pdfBytes } from '../support/electronic'
import { itemInput } from '../support/records'

let app: TestApp | null = null
afterEach(async () => {
  await app?.close()
  app = null
})

async function setUp() {
  app = await makeApp(tempDir())
  const test = app
  const key = await test.signInAs('archivist', 'liwen')
  /** The archivist's session, signed in again after the test clock jumped past its idle lock or its end. */
  const archivist = async () => {
    const status = await test.call('app.status', {}, key)
    if (status.session?.locked) await test.call('auth.unlock', { password: USER_PASSWORD }, key)
    else if (!status.session) await test.call('auth.login', { username: 'liwen', password: USER_PASSWORD }, key)
    return key
  }
  const fixityTodo = async () =>
    (await test.call('dashboard.todo', {}, await archivist())).filter((entry) => entry.key === 'fixityDue')
  const at = (iso: string) => {
    test.clock.now = new Date(iso)
  }
  const checkAll = async (sample: number | null = null) => {
    await test.call('electronic.fixityStart', { sample }, await archivist())
    await test.services.electronic.fixityIdle()
  }
  return { app: test, archivist, fixityTodo, at, checkAll }
}

describe('R-ELEC-3 the fixity check falls due on the workbench', () => {
  it('is due once files are stored and never checked, not after a full run, and again when the interval has passed', async () => {
    const { app, archivist, fixityTodo, at, checkAll } = await setUp()
    expect(await fixityTodo()).toEqual([])
    const item = await app.call('items.create', itemInput(), await archivist())
    await app.call(
      'electronic.attach',
      { itemId: item.id, role: 'scan', fileName: 'a.pdf', base64: pdfBytes(1).toString('base64') },
      await archivist()
    )
    expect(await fixityTodo()).toEqual([
      expect.objectContaining({ ruleId: 'R-ELEC-3', reason: 'electronic.due.never', params: { years: 2 } })
    ])

    await checkAll(1)
    expect(await fixityTodo(), 'a sample is not the check of all files').toHaveLength(1)
    await checkAll()
    expect(await fixityTodo()).toEqual([])

    at('2028-03-01T09:00:00')
    expect(await fixityTodo(), 'a day before two years').toEqual([])
    at('2028-03-02T09:00:00')
    expect(await fixityTodo()).toEqual([
      expect.objectContaining({
        ruleId: 'R-ELEC-3',
        severity: 'warning',
        reason: 'electronic.due.overdue',
        params: { last: '2026-03-02', years: 2, dueOn: '2028-03-02' }
      })
    ])
    await checkAll()
    expect(await fixityTodo()).toEqual([])
  })

  it('follows the interval the archive manager sets, within 1 to 10 years, refusing others in words', async () => {
    const { app, archivist, fixityTodo, at, checkAll } = await setUp()
    const item = await app.call('items.create', itemInput(), await archivist())
    await app.call(
      'electronic.attach',
      { itemId: item.id, role: 'scan', fileName: 'a.pdf', base64: pdfBytes(1).toString('base64') },
      await archivist()
    )
    await checkAll()
    const manager = await app.signInAs('archive_manager', 'manager')
    for (const years of [0, 11, 2.5])
      expect(
        await app.dispatch('settings.saveElectronic', { fixityIntervalYears: years, maxFileMegabytes: 2048 }, manager)
      ).toMatchObject({
        ok: false,
        error: {
          code: 'VALIDATION',
          details: [{ path: 'fixityIntervalYears', message: 'validation.between', params: { min: 1, max: 10 } }]
        }
      })
    expect(
      await app.dispatch(
        'settings.saveElectronic',
        { fixityIntervalYears: 3, maxFileMegabytes: 2048 },
        await archivist()
      )
    ).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN' }
    })
    const saved = await app.call('settings.saveElectronic', { fixityIntervalYears: 3, maxFileMegabytes: 2048 }, manager)
    expect(saved.data).toEqual({ fixityIntervalYears: 3, maxFileMegabytes: 2048 })

    at('2028-03-02T09:00:00')
    expect(await fixityTodo()).toEqual([])
    at('2029-03-02T09:00:00')
    expect(await fixityTodo()).toEqual([expect.objectContaining({ params: expect.objectContaining({ years: 3 }) })])
  })
})
