/**
 * Printable documents rendered to PDF in Chromium and read back with poppler (R-FILE-8, R-STAT-2).
 * Set PRINTABLES_OUT_DIR to keep the PDFs for a look (e.g. with `pdftoppm -r 60 -png`).
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { barcodeRenderer } from '@main/reports/barcode'
import { escapeHtml, html } from '@main/reports/html'
import {
  boxSpineHtml,
  filingCatalogueHtml,
  printDocument,
  volumeCatalogueHtml,
  volumeCoverHtml,
  volumeNoteSheetHtml
} from '@main/reports/printables'
import type { FilingCatalogueRow, VolumeCatalogueRow, VolumeHeader } from '@main/reports/print-types'
import { compact, launchChromium, renderPdf, type RenderedPdf } from '../support/pdf'

let browser: Browser
const outDir = process.env.PRINTABLES_OUT_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'printables-'))

beforeAll(async () => {
  fs.mkdirSync(outDir, { recursive: true })
  browser = await launchChromium()
})

afterAll(async () => {
  await browser?.close()
  if (!process.env.PRINTABLES_OUT_DIR) fs.rmSync(outDir, { recursive: true, force: true })
})

const render = (html: string, name: string): Promise<RenderedPdf> => renderPdf(browser, html, name, outDir)

// ─── realistic data ─────────────────────────────────────────────────────────────────────────────────

const volume: VolumeHeader = {
  archivalCode: 'J001-3-0012',
  title: '上海顺达物流有限公司仓储合作项目文件材料',
  fondsName: '上海浦江商贸集团有限公司',
  fondsCode: 'J001',
  year: 2024,
  retentionName: '永久',
  classificationName: '内部',
  dateRange: '20240105-20241220',
  itemCount: 12,
  pageCount: 86,
  categoryName: '经营管理类'
}

const PARTIES = [
  { party: '招商运营部', prefix: '招商' },
  { party: '财务部', prefix: '财' },
  { party: '法务部', prefix: '法' },
  { party: '综合办公室', prefix: '办' },
  { party: '物业管理部', prefix: '物业' }
] as const
const COMPANIES = ['上海顺达物流有限公司', '杭州恒远仓储有限公司', '苏州长风供应链有限公司', '南京华瑞冷链物流有限公司']
const SUBJECTS = ['仓储合同', '租赁续约', '消防整改', '租金调整', '装卸服务协议']
const KINDS = ['请示', '批复', '报告', '通知', '函']

function isoDate(start: string, plusDays: number): string {
  const d = new Date(`${start}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + plusDays)
  return d.toISOString().slice(0, 10)
}

/** n in-volume rows with continuous page numbers (R-FILE-6). Row 1 is the canonical example. */
function volumeRows(n: number): VolumeCatalogueRow[] {
  const rows: VolumeCatalogueRow[] = []
  let page = 1
  for (let i = 0; i < n; i++) {
    const p = PARTIES[i % PARTIES.length]!
    const pages = (i % 4) + 1
    rows.push({
      sequence: i + 1,
      documentNumber: `${p.prefix}〔2024〕${i + 12}号`,
      responsibleParty: p.party,
      title: `关于${COMPANIES[i % COMPANIES.length]}${SUBJECTS[i % SUBJECTS.length]}的${KINDS[i % KINDS.length]}`,
      dateFormed: isoDate('2024-01-05', i * 5),
      startPage: page,
      endPage: page + pages - 1,
      remarks: i % 7 === 3 ? '复印件' : ''
    })
    page += pages
  }
  return rows
}

function filingRows(n: number): FilingCatalogueRow[] {
  return volumeRows(n).map((r, i) => ({
    sequence: r.sequence,
    archivalCode: `J001-KH·2024-D30-ZS-${String(i + 1).padStart(4, '0')}`,
    documentNumber: r.documentNumber,
    responsibleParty: r.responsibleParty,
    title: r.title,
    dateFormed: r.dateFormed,
    classificationName: i % 6 === 2 ? '秘密' : '内部',
    pageCount: r.endPage - r.startPage + 1,
    remarks: r.remarks
  }))
}

const filingHeader = {
  fondsCode: 'J001',
  fondsName: '上海浦江商贸集团有限公司',
  year: 2024,
  retentionName: '30年',
  departmentName: '招商运营部'
}

/** Chinese came through as text: no replacement characters, no tofu boxes. */
function expectCleanChinese(pdf: RenderedPdf): void {
  expect(pdf.text).not.toContain('\uFFFD')
  expect(pdf.text).not.toContain('□')
  expect(pdf.text).not.toContain('\u25A1')
}

/** Positions of `needles` in `haystack` (all found, strictly increasing). */
function expectInOrder(haystack: string, needles: string[]): void {
  let from = -1
  for (const needle of needles) {
    const at = haystack.indexOf(needle, from + 1)
    expect(at, `"${needle}" should appear after position ${from}`).toBeGreaterThan(from)
    from = at
  }
}

const A4 = { short: 595.28, long: 841.89 }

// ─── tests ──────────────────────────────────────────────────────────────────────────────────────────

describe('printDocument / escapeHtml', () => {
  it('escapeHtml escapes &, <, >, double and single quotes', () => {
    expect(escapeHtml(`<a href="x" title='y'>&amp;</a>`)).toBe(
      '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;'
    )
    expect(escapeHtml('关于上海顺达物流有限公司仓储合同的请示')).toBe('关于上海顺达物流有限公司仓储合同的请示')
  })

  it('R-STAT-2: one wrapper — zh-CN, A4 @page per orientation, repeated table headers, no scripts or remote resources', () => {
    const portrait = printDocument('测试<标题>', html`<p>正文</p>`, 'portrait')
    const landscape = printDocument('测试', html`<p>正文</p>`, 'landscape')
    expect(portrait).toMatch(/^<!DOCTYPE html>\n<html lang="zh-CN">/)
    expect(portrait).toContain('<meta charset="utf-8">')
    expect(portrait).toContain('<title>测试&lt;标题&gt;</title>')
    expect(portrait).toMatch(/@page\s*\{\s*size: A4 portrait;/)
    expect(landscape).toMatch(/@page\s*\{\s*size: A4 landscape;/)
    for (const html of [portrait, landscape]) {
      expect(html).toMatch(/thead\s*\{\s*display: table-header-group;/)
      expect(html).toContain('break-inside: avoid')
      expect(html).toContain('0.3mm solid #000')
      expect(html).toContain('"Noto Serif CJK SC", "Noto Sans CJK SC", "SimSun", "Songti SC", serif')
      expect(html).toContain(`default-src 'none'`)
      expect(html).not.toMatch(/<script|https?:\/\/|url\(|@import|@font-face/i)
    }
  })
})

describe('卷内文件目录 (R-FILE-8, R-STAT-2)', () => {
  it('R-FILE-8: prints title, 档号, 案卷题名, the GB/T 9705 columns and the rows in order with YYYYMMDD dates', async () => {
    const rows = volumeRows(5)
    rows[0] = {
      ...rows[0]!,
      title: '关于上海顺达物流有限公司仓储合同的请示',
      documentNumber: '招商〔2024〕12号',
      dateFormed: '2024-03-15'
    }
    const pdf = await render(volumeCatalogueHtml(volume, rows), 'volume-catalogue-short')

    expect(pdf.pages).toBe(1)
    expect(pdf.widthPt).toBeCloseTo(A4.short, 0)
    expect(pdf.heightPt).toBeCloseTo(A4.long, 0)
    expectCleanChinese(pdf)
    expect(pdf.text).toContain('卷内文件目录')
    expect(pdf.text).toContain('档号：J001-3-0012')
    expect(pdf.text).toContain('案卷题名：上海顺达物流有限公司仓储合作项目文件材料')
    expect(pdf.text).toMatch(/序号\s+文号\s+责任者\s+题名\s+日期\s+页号\s+备注/)
    expect(pdf.text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/)

    // row 1 as one printed line: 序号 文号 责任者 题名 日期 页号
    expect(pdf.text).toMatch(/^\s*1\s+招商〔2024〕12号\s+招商运营部\s+关于上海顺达物流有限公司/m)
    expect(compact(pdf.raw)).toContain('1招商〔2024〕12号招商运营部关于上海顺达物流有限公司仓储合同的请示202403151')
    expect(pdf.text).toContain('20240315')
    expect(pdf.text).not.toMatch(/\d{4}-\d{2}-\d{2}/)

    // rows in order; 页号 = start page, the last row start-end
    expectInOrder(
      compact(pdf.raw),
      rows.map((r) => `${r.sequence}${r.documentNumber}${r.responsibleParty}`)
    )
    const flat = compact(pdf.raw)
    rows.forEach((r, i) => {
      const date = r.dateFormed.replaceAll('-', '')
      const pages = i === rows.length - 1 ? `${r.startPage}-${r.endPage}` : `${r.startPage}`
      expect(flat).toContain(`${r.title}${date}${pages}${r.remarks}`)
    })
    const last = rows[rows.length - 1]!
    expect(pdf.text).toMatch(
      new RegExp(`${last.dateFormed.replaceAll('-', '')}\\s+${last.startPage}-${last.endPage}\\b`)
    )
  })

  it('R-FILE-8: a 60-row catalogue spans several pages, each repeating the header row and the 档号, no row split', async () => {
    const rows = volumeRows(60)
    const pdf = await render(volumeCatalogueHtml(volume, rows), 'volume-catalogue-60')

    expect(pdf.pages).toBeGreaterThanOrEqual(3)
    expect(pdf.pageTexts).toHaveLength(pdf.pages)
    expectCleanChinese(pdf)
    pdf.pageTexts.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain('卷内文件目录')
      expect(page, `page ${i + 1}`).toContain('档号：J001-3-0012')
      expect(page, `page ${i + 1}`).toMatch(/序号\s+文号\s+责任者\s+题名\s+日期\s+页号\s+备注/)
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pdf.pages}\\s*页`))
    })
    // every row exactly once, in order, each on a single page
    expectInOrder(
      compact(pdf.raw),
      rows.map((r) => `${r.documentNumber}${r.responsibleParty}${r.title}`)
    )
    const rawPages = pdf.raw.split('\f').map(compact)
    for (const r of rows) {
      expect(
        pdf.pageTexts.filter((p) => p.includes(r.documentNumber)),
        r.documentNumber
      ).toHaveLength(1)
      const whole = `${r.sequence}${r.documentNumber}${r.responsibleParty}${r.title}${r.dateFormed.replaceAll('-', '')}`
      expect(
        rawPages.filter((p) => p.includes(whole)),
        whole
      ).toHaveLength(1)
    }
    const last = rows[59]!
    expect(pdf.pageTexts[pdf.pages - 1]).toContain(`${last.startPage}-${last.endPage}`)
  })
})

describe('卷内备考表 (R-FILE-8)', () => {
  it('R-FILE-8: prints 本卷情况说明, 立卷人/立卷时间 and leaves blank lines for an unsigned 检查人/检查时间', async () => {
    const html = volumeNoteSheetHtml(volume, {
      notes: '本卷共12件86页，其中第5件为复印件，原件存于法务部。\n第9件附件缺损一页。',
      compiledBy: '王晓梅',
      compiledOn: '2025-01-10',
      checkedBy: '',
      checkedOn: ''
    })
    const pdf = await render(html, 'volume-note-sheet')
    expect(pdf.pages).toBe(1)
    expectCleanChinese(pdf)
    expect(pdf.text).toContain('卷内备考表')
    expect(pdf.text).toContain('档号：J001-3-0012')
    expect(pdf.text).toContain('本卷情况说明')
    expect(pdf.text).toContain('本卷共12件86页，其中第5件为复印件，原件存于法务部。')
    expect(pdf.text).toContain('第9件附件缺损一页。')
    expect(pdf.text).toMatch(/立卷人：\s*王晓梅/)
    expect(pdf.text).toContain('立卷时间：2025年1月10日')
    expect(pdf.text).toMatch(/检查人：\s+检查时间：\s+年\s+月\s+日/)
    expectInOrder(pdf.text, ['本卷情况说明', '立卷人', '检查人'])
  })
})

describe('案卷封面 (R-FILE-8)', () => {
  it('R-FILE-8: prints the GB/T 9705 cover fields, 本卷共 N 件 M 页 and the 档号', async () => {
    const pdf = await render(volumeCoverHtml(volume, await barcodeRenderer()), 'volume-cover')
    expect(pdf.pages).toBe(1)
    expectCleanChinese(pdf)
    expect(pdf.text).toContain('案卷封面')
    expect(pdf.text).toMatch(/档号\s+J001-3-0012/)
    expect(pdf.text).toMatch(/全宗名称\s+上海浦江商贸集团有限公司/)
    expect(pdf.text).toMatch(/类目名称\s+经营管理类/)
    expect(pdf.text).toMatch(/案卷题名\s+上海顺达物流有限公司仓储合作项目文件材料/)
    expect(pdf.text).toMatch(/起止时间\s+20240105-20241220/)
    expect(pdf.text).toMatch(/保管期限\s+永久/)
    expect(pdf.text).toMatch(/密级\s+内部/)
    expect(pdf.text).toMatch(/本卷共\s*12\s*件\s*86\s*页/)
    expectInOrder(pdf.text, ['全宗名称', '类目名称', '案卷题名', '起止时间', '保管期限', '密级', '本卷共'])
  })
})

describe('卷盒脊背 (R-STAT-2)', () => {
  const box = {
    code: 'J001-WS-2024-0012',
    fondsCode: 'J001',
    year: 2024,
    retentionName: '永久',
    firstNumber: '0001',
    lastNumber: '0025',
    boxNumber: '12',
    categoryName: '文书档案'
  }

  it('R-STAT-2: prints 全宗号, 年度, 保管期限, 起止件号 and 盒号 on a 40 mm label on A4', async () => {
    const html = boxSpineHtml(box, await barcodeRenderer())
    const pdf = await render(html, 'box-spine')
    expect(pdf.pages).toBe(1)
    expect(pdf.widthPt).toBeCloseTo(A4.short, 0)
    expectCleanChinese(pdf)
    const lines = pdf.raw
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
    expectInOrder(lines.join('\n'), [
      '文书档案',
      '全宗号',
      'J001',
      '年度',
      '2024',
      '保管期限',
      '永久',
      '起止件号',
      '0001',
      '至',
      '0025',
      '盒号',
      '12'
    ])

    const page = await browser.newPage()
    try {
      await page.setContent(html)
      const size = await page.locator('.spine').evaluate((el) => {
        const r = el.getBoundingClientRect()
        return { width: r.width, height: r.height }
      })
      const mm = 96 / 25.4
      expect(size.width).toBeCloseTo(40 * mm, 0)
      expect(size.height).toBeCloseTo(250 * mm, 0)
    } finally {
      await page.close()
    }
  })
})

describe('归档文件目录 (R-FILE-8 DA/T 22, R-STAT-2)', () => {
  it('R-STAT-2: prints on A4 landscape with title, series header, DA/T 22 columns and rows in order', async () => {
    const rows = filingRows(6)
    rows[0] = { ...rows[0]!, title: '关于上海顺达物流有限公司仓储合同的请示', dateFormed: '2024-03-15' }
    const pdf = await render(filingCatalogueHtml(filingHeader, rows), 'filing-catalogue-short')

    expect(pdf.pages).toBe(1)
    expect(pdf.widthPt).toBeGreaterThan(pdf.heightPt)
    expect(pdf.widthPt).toBeCloseTo(A4.long, 0)
    expect(pdf.heightPt).toBeCloseTo(A4.short, 0)
    expectCleanChinese(pdf)
    expect(pdf.text).toContain('归档文件目录')
    expect(pdf.text).toMatch(
      /全宗号：J001\s+全宗名称：上海浦江商贸集团有限公司\s+年度：2024\s+保管期限：30年\s+机构：招商运营部/
    )
    expect(pdf.text).toMatch(/序号\s+档号\s+文号\s+责任者\s+题名\s+日期\s+密级\s+页数\s+备注/)
    expect(pdf.text).toMatch(
      /1\s+J001-KH·2024-D30-ZS-0001\s+招商〔2024〕12号\s+招商运营部\s+关于上海顺达物流有限公司仓储合同的请示\s+20240315\s+内部\s+1\b/
    )
    expect(pdf.text).not.toMatch(/\d{4}-\d{2}-\d{2}/)
    expectInOrder(
      compact(pdf.raw),
      rows.map((r) => `${r.sequence}${r.archivalCode}${r.documentNumber}${r.responsibleParty}${r.title}`)
    )
    for (const r of rows) {
      expect(compact(pdf.raw)).toContain(
        `${r.title}${r.dateFormed.replaceAll('-', '')}${r.classificationName}${r.pageCount}${r.remarks}`
      )
    }
    expect(pdf.text).toMatch(/第\s*1\s*页\s*共\s*1\s*页/)
  })

  it('R-STAT-2: a 60-row 归档文件目录 repeats title, series header and column header on every landscape page', async () => {
    const rows = filingRows(60)
    const pdf = await render(filingCatalogueHtml(filingHeader, rows), 'filing-catalogue-60')
    expect(pdf.pages).toBeGreaterThanOrEqual(2)
    expect(pdf.widthPt).toBeGreaterThan(pdf.heightPt)
    expectCleanChinese(pdf)
    pdf.pageTexts.forEach((page, i) => {
      expect(page, `page ${i + 1}`).toContain('归档文件目录')
      expect(page, `page ${i + 1}`).toContain('全宗号：J001')
      expect(page, `page ${i + 1}`).toMatch(/序号\s+档号\s+文号\s+责任者\s+题名\s+日期\s+密级\s+页数\s+备注/)
      expect(page, `page ${i + 1}`).toMatch(new RegExp(`第\\s*${i + 1}\\s*页\\s*共\\s*${pdf.pages}\\s*页`))
    })
    expectInOrder(
      compact(pdf.raw),
      rows.map((r) => r.archivalCode)
    )
    for (const r of rows) {
      expect(
        pdf.pageTexts.filter((p) => p.includes(r.archivalCode)),
        r.archivalCode
      ).toHaveLength(1)
    }
  })
})

describe('HTML escaping (R-STAT-2)', () => {
  const evil = '<script>alert("x")</script><img src=x onerror=alert(1)> & 关于仓储合同的请示'

  it('R-STAT-2: markup in any value prints literally and never becomes a tag, in all five documents', async () => {
    const evilVolume: VolumeHeader = { ...volume, title: evil, fondsName: evil, archivalCode: 'J001-3-<b>0012</b>' }
    const rows = volumeRows(2).map((r) => ({ ...r, title: evil, remarks: '<i>"\'</i>' }))
    const barcodes = await barcodeRenderer()
    const documents = {
      catalogue: volumeCatalogueHtml(evilVolume, rows),
      note: volumeNoteSheetHtml(evilVolume, {
        notes: evil,
        compiledBy: '<b>王</b>',
        compiledOn: '2025-01-10',
        checkedBy: '',
        checkedOn: ''
      }),
      cover: volumeCoverHtml(evilVolume, barcodes),
      spine: boxSpineHtml(
        {
          code: 'J001-WS-2024-0001',
          fondsCode: '<b>J001</b>',
          year: 2024,
          retentionName: evil,
          firstNumber: '0001',
          lastNumber: '0002',
          boxNumber: '<1>',
          categoryName: evil
        },
        barcodes
      ),
      filing: filingCatalogueHtml(
        { ...filingHeader, fondsName: evil },
        filingRows(2).map((r) => ({ ...r, title: evil }))
      )
    }
    // The only images allowed are the barcodes the app drew itself, as data: addresses with an escaped alt text.
    const ownBarcode =
      /<img class="barcode-(linear|matrix)" src="data:image\/svg\+xml;base64,[A-Za-z0-9+/=]+" alt="[^"<>]*">/g
    for (const [name, html] of Object.entries(documents)) {
      expect(html.replace(ownBarcode, ''), name).not.toMatch(/<script|<img|<b>|<i>|onerror=alert\(1\)>/i)
      expect(html, name).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    }

    const pdf = await render(documents.catalogue, 'escaping')
    expect(pdf.text).toContain('<script>alert("x")</script>')
    expect(compact(pdf.raw)).toContain(compact(evil))
    expect(pdf.text).toContain('档号：J001-3-<b>0012</b>')
    const page = await browser.newPage()
    try {
      await page.setContent(documents.catalogue)
      expect(await page.locator('script, img, b, i').count()).toBe(0)
    } finally {
      await page.close()
    }
  })
})
