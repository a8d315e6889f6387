import fs from 'node:fs'
import path from 'node:path'
import type { Browser } from '@playwright/test'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader'
import type { ChannelInput } from '@preload/contract'
import { codeFromScan, scanPayload } from '@preload/scan'
import { makeApp, REPOSITORY, tempDir, type TestApp } from '../support/app'
import { compact, launchChromium, pdfToPng, renderPdf } from '../support/pdf'
import { itemInput } from '../support/records'

let app: TestApp
let browser: Browser
beforeAll(async () => {
  browser = await launchChromium()
  // The reader's WebAssembly from node_modules: by default it would be fetched from a CDN, which CI cannot reach.
  await prepareZXingModule({
    overrides: {
      wasmBinary: fs.readFileSync(path.join(REPOSITORY, 'node_modules/zxing-wasm/dist/reader/zxing_reader.wasm'))
        .buffer as ArrayBuffer
    },
    fireImmediately: true
  })
})
afterAll(async () => browser?.close())
afterEach(async () => app?.close())

const MM_PER_PT = 25.4 / 72

async function codedItems(key: string, titles: string[]): Promise<{ id: number; code: string }[]> {
  const coded = []
  for (const [index, title] of titles.entries()) {
    const item = await app.call('items.create', itemInput({ title, dateFormed: `2024-03-${10 + index}` }), key)
    const numbered = await app.call('items.catalogue', { id: item.id }, key)
    coded.push({ id: item.id, code: numbered.archivalCode ?? '' })
  }
  return coded
}

/** Every barcode on every page of the printed labels, read back from a raster of the printer's resolution. */
async function scannedCodes(html: string, dpi = 200): Promise<{ format: string; text: string }[]> {
  const pdf = await renderPdf(browser, html, 'labels')
  const pages = await pdfToPng(pdf.file, path.join(tempDir(), 'labels'), dpi)
  const found = []
  for (const page of pages) {
    const results = await readBarcodes(new Uint8Array(fs.readFileSync(page)), {
      formats: ['Code128', 'QRCode'],
      maxNumberOfSymbols: 64,
      tryHarder: true
    })
    found.push(...results.filter((r) => r.isValid).map((r) => ({ format: r.format, text: r.text })))
  }
  return found
}

async function labels(key: string, input: ChannelInput<'print.labels'>) {
  return (await app.call('print.labels', input, key)).html
}

describe('档案标签 with barcodes', () => {
  it('a sheet of labels: each code is read back from its Code 128 and its QR code and names the record', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const items = await codedItems(key, ['仓储服务合同', '关于续签仓储合同的请示', '关于续签仓储合同的批复'])
    expect(items.every(({ code }) => code.includes('·'))).toBe(true)

    const html = await labels(key, {
      subject: 'items',
      ids: items.map(({ id }) => id),
      layout: { kind: 'sheet', columns: 2, rows: 5, start: 3 }
    })
    const scanned = await scannedCodes(html)
    for (const { code } of items) {
      const payload = scanPayload(code)
      expect(scanned).toContainEqual({ format: 'Code128', text: payload })
      expect(scanned).toContainEqual({ format: 'QRCode', text: payload })
      expect(codeFromScan(`${payload}\r\n`)).toBe(code)
    }
    expect(scanned).toHaveLength(items.length * 2)
  })

  it('the start position leaves the used labels of a half-used sheet blank, and a full sheet continues on the next', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const items = await codedItems(key, ['一', '二', '三'])
    const ids = items.map(({ id }) => id)
    const pdf = await renderPdf(
      browser,
      await labels(key, { subject: 'items', ids, layout: { kind: 'sheet', columns: 2, rows: 2, start: 3 } }),
      'half-sheet'
    )
    expect(pdf.pages).toBe(2)
    expect(pdf.pageTexts[0]).toContain(items[1].code)
    expect(pdf.pageTexts[0]).not.toContain(items[2].code)
    expect(pdf.pageTexts[1]).toContain(items[2].code)
    expect(Math.round(pdf.widthPt * MM_PER_PT)).toBe(210)
  })

  it('a 300 dpi label printer page of 60 × 40 mm holds one label, still readable', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const [item] = await codedItems(key, ['一份题名很长很长的关于续签仓储服务合同及其附件库位清单的请示报告'])
    const html = await labels(key, {
      subject: 'items',
      ids: [item.id],
      layout: { kind: 'roll', widthMm: 60, heightMm: 40 }
    })
    const pdf = await renderPdf(browser, html, 'roll')
    expect(pdf.pages).toBe(1)
    expect(Math.round(pdf.widthPt * MM_PER_PT)).toBe(60)
    expect(Math.round(pdf.heightPt * MM_PER_PT)).toBe(40)
    const scanned = await scannedCodes(html, 300)
    expect(scanned.map(({ text }) => codeFromScan(text))).toEqual([item.code, item.code])
  })

  it('a box label shows the box and the range of what it holds, and carries its location path', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const room = await app.call(
      'locations.create',
      { kind: 'room', code: 'A', parentId: null, name: '一号库房', capacity: null },
      key
    )
    const rack = await app.call(
      'locations.create',
      { kind: 'rack', code: '01', parentId: room.id, name: '1 列', capacity: null },
      key
    )
    const shelf = await app.call(
      'locations.create',
      { kind: 'shelf', code: '3', parentId: rack.id, name: '3 层', capacity: null },
      key
    )
    const box = await app.call(
      'locations.create',
      { kind: 'box', code: '05', parentId: shelf.id, name: '第 5 盒', capacity: 10 },
      key
    )
    const empty = await app.call(
      'locations.create',
      { kind: 'box', code: '06', parentId: shelf.id, name: '第 6 盒', capacity: 10 },
      key
    )
    const items = await codedItems(key, ['甲', '乙', '丙'])
    for (const { id } of items) {
      await app.call('locations.place', { subject: 'item', id, locationId: box.id, home: true, note: '' }, key)
    }
    const html = await labels(key, {
      subject: 'boxes',
      ids: [box.id, empty.id],
      layout: { kind: 'sheet', columns: 2, rows: 4, start: 1 }
    })
    const pdf = await renderPdf(browser, html, 'boxes')
    const codes = items.map(({ code }) => code).sort()
    expect(pdf.raw).toContain('A-01-3-05')
    const text = compact(pdf.raw)
    expect(text).toContain('第5盒')
    expect(text).toContain('共3件/卷')
    expect(text).toContain(`${codes[0]}至${codes[2].slice(codes[2].lastIndexOf('-') + 1)}`)
    expect(text).toContain('空盒')
    expect((await scannedCodes(html)).map(({ text }) => text).sort()).toEqual(
      ['A-01-3-05', 'A-01-3-05', 'A-01-3-06', 'A-01-3-06'].sort()
    )
  })

  it('refuses records without an archival code, a start beyond the sheet, unknown ids and the auditor', async () => {
    app = await makeApp()
    const key = await app.signInAs('archivist')
    const [coded] = await codedItems(key, ['已编号'])
    const uncoded = await app.call('items.create', itemInput({ title: '未编号' }), key)
    const sheet = { kind: 'sheet', columns: 2, rows: 5, start: 1 } as const

    const needCode = await app.dispatch(
      'print.labels',
      { subject: 'items', ids: [coded.id, uncoded.id], layout: sheet },
      key
    )
    expect(needCode).toMatchObject({
      ok: false,
      error: { code: 'CONFLICT', message: 'errors.labelsNeedCode', params: { count: 1 } }
    })

    const beyond = await app.dispatch(
      'print.labels',
      { subject: 'items', ids: [coded.id], layout: { ...sheet, start: 11 } },
      key
    )
    expect(beyond).toMatchObject({ ok: false, error: { code: 'VALIDATION', details: [{ path: 'layout.start' }] } })

    const tooSmall = await app.dispatch(
      'print.labels',
      { subject: 'items', ids: [coded.id], layout: { kind: 'roll', widthMm: 10, heightMm: 40 } },
      key
    )
    expect(tooSmall).toMatchObject({ ok: false, error: { code: 'VALIDATION' } })

    const missing = await app.dispatch('print.labels', { subject: 'volumes', ids: [999], layout: sheet }, key)
    expect(missing).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } })

    const auditor = await app.signInAs('auditor')
    const denied = await app.dispatch('print.labels', { subject: 'items', ids: [coded.id], layout: sheet }, auditor)
    expect(denied).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } })
  })
})
