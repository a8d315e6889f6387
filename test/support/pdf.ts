/**
 * Test helper: render an HTML document to PDF in Chromium (Debian's /usr/bin/chromium through
 * playwright-core) and read it back with poppler (pdftotext / pdfinfo / pdftoppm).
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'
import { chromium, type Browser } from '@playwright/test'

const run = promisify(execFile)

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run'
    ]
  })
}

export interface PdfInfo {
  pages: number
  /** page size in PostScript points (1/72 in); A4 portrait is 595.28 × 841.89 */
  widthPt: number
  heightPt: number
}

export interface RenderedPdf extends PdfInfo {
  file: string
  /** `pdftotext -layout` of the whole document (pages separated by \f) */
  text: string
  /** `pdftotext -layout -f N -l N` for each page, index 0 = page 1 */
  pageTexts: string[]
  /** `pdftotext -raw` (content-stream order = document order), for checks that must survive line wrapping */
  raw: string
}

/** Writes `html` into a fresh page with setContent and prints it with the document's own @page size. */
export async function htmlToPdf(browser: Browser, html: string, file: string): Promise<string> {
  const page = await browser.newPage()
  try {
    await page.setContent(html, { waitUntil: 'load' })
    await page.pdf({ path: file, preferCSSPageSize: true, printBackground: true })
  } finally {
    await page.close()
  }
  return file
}

export type TextMode = 'layout' | 'raw'

/** pdftotext of the whole file, or of pages first..last (1-based). */
export async function pdfToText(
  file: string,
  options: { first?: number; last?: number; mode?: TextMode } = {}
): Promise<string> {
  const args = [options.mode === 'raw' ? '-raw' : '-layout', '-enc', 'UTF-8']
  if (options.first !== undefined) args.push('-f', String(options.first))
  if (options.last !== undefined) args.push('-l', String(options.last))
  const { stdout } = await run('pdftotext', [...args, file, '-'], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 })
  return stdout
}

export async function pdfInfo(file: string): Promise<PdfInfo> {
  const { stdout } = await run('pdfinfo', [file], { encoding: 'utf8' })
  const pages = /^Pages:\s+(\d+)/m.exec(stdout)
  const size = /^Page size:\s+([\d.]+) x ([\d.]+) pts/m.exec(stdout)
  if (!pages || !size) throw new Error(`unexpected pdfinfo output:\n${stdout}`)
  return { pages: Number(pages[1]), widthPt: Number(size[1]), heightPt: Number(size[2]) }
}

/** Renders to a PDF file (in `dir`, default a temp dir) and reads everything back. */
export async function renderPdf(browser: Browser, html: string, name: string, dir?: string): Promise<RenderedPdf> {
  const outDir = dir ?? fs.mkdtempSync(path.join(os.tmpdir(), 'archive-pdf-'))
  const file = await htmlToPdf(browser, html, path.join(outDir, `${name}.pdf`))
  const info = await pdfInfo(file)
  const [text, raw, ...pageTexts] = await Promise.all([
    pdfToText(file),
    pdfToText(file, { mode: 'raw' }),
    ...Array.from({ length: info.pages }, (_, i) => pdfToText(file, { first: i + 1, last: i + 1 }))
  ])
  return { file, ...info, text: text ?? '', raw: raw ?? '', pageTexts }
}

/** Text with all whitespace removed: compares content regardless of where a cell wrapped. */
export function compact(text: string): string {
  return text.replace(/\s+/g, '')
}

/** Rasterises a PDF to PNG files (`<prefix>-N.png`) for a visual check; returns the file names. */
export async function pdfToPng(file: string, prefix: string, dpi = 60): Promise<string[]> {
  await run('pdftoppm', ['-r', String(dpi), '-png', file, prefix])
  const dir = path.dirname(prefix)
  const base = path.basename(prefix)
  return fs
    .readdirSync(dir)
    .filter((f) => f.startsWith(`${base}-`) && f.endsWith('.png'))
    .sort()
    .map((f) => path.join(dir, f))
}
