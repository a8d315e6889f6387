import { randomUUID } from 'node:crypto'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { BrowserWindow, Dialog, IpcMain, IpcMainInvokeEvent, WebContentsPrintOptions } from 'electron'
import {
  DESKTOP_CHANNELS,
  type DesktopOutcome,
  type PrinterChoice,
  type PrintersForDocument,
  PRINT_META
} from '@preload/desktop'

/** A printable is a few MB at most (1 000 labels with their barcodes are about 6 MB); anything larger is not ours. */
const MAX_PRINT_HTML = 40_000_000
const PRINTER_MEMORY_FILE = 'printers.json'
const A4 = { width: 210, height: 297 }

export interface PaperMm {
  width: number
  height: number
}

/** The document's kind and paper, as src-main/reports/printables.ts wrote them into its head. */
export function printMetaOf(html: string): { kind: string; paper: PaperMm } {
  const meta = (name: string) => new RegExp(`<meta name="${name}" content="([^"]*)">`).exec(html)?.[1] ?? ''
  const size = /^(\d+(?:\.\d+)?)x(\d+(?:\.\d+)?)$/.exec(meta(PRINT_META.paper))
  return {
    kind: meta(PRINT_META.kind) || 'document',
    paper: size ? { width: Number(size[1]), height: Number(size[2]) } : A4
  }
}

/** Electron's page options for a paper: A4 by name (turned for landscape), anything else in microns. */
export function pageOptionsFor(paper: PaperMm): Pick<WebContentsPrintOptions, 'pageSize' | 'landscape'> {
  if (paper.width === A4.width && paper.height === A4.height) return { pageSize: 'A4', landscape: false }
  if (paper.width === A4.height && paper.height === A4.width) return { pageSize: 'A4', landscape: true }
  return { pageSize: { width: paper.width * 1000, height: paper.height * 1000 }, landscape: false }
}

/** The printer chosen for each kind of document on this PC, kept beside the database (not in it: it is the PC's). */
export class PrinterMemory {
  constructor(private readonly file: string) {}

  read(): Record<string, string> {
    try {
      const parsed: unknown = JSON.parse(fs.readFileSync(this.file, 'utf8'))
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) return {}
      return Object.fromEntries(Object.entries(parsed).filter((entry) => typeof entry[1] === 'string'))
    } catch {
      return {}
    }
  }

  remember(kind: string, printer: string): void {
    const next = JSON.stringify({ ...this.read(), [kind]: printer }, null, 2)
    const staging = `${this.file}.${process.pid}.tmp`
    fs.writeFileSync(staging, next)
    fs.renameSync(staging, this.file)
  }
}

/** A PDF's file name from what the page suggests: no folders, no characters Windows refuses, always `.pdf`. */
export function pdfFileName(suggested: unknown): string {
  const base = (typeof suggested === 'string' ? suggested : '')
    .replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_')
    .replace(/\.pdf$/i, '')
    .trim()
    .slice(0, 120)
  return `${base || '档案室文件'}.pdf`
}

export interface DesktopPrintingDeps {
  ipcMain: Pick<IpcMain, 'handle'>
  dialog: Pick<Dialog, 'showSaveDialog'>
  /** Builds the hidden window a document is laid out in. */
  createWindow(): BrowserWindow
  mainWindow(): BrowserWindow | null
  isTrusted(event: IpcMainInvokeEvent): boolean
  dataDir: string
  downloadsDir: string
}

const failed = (message: string): DesktopOutcome => ({ ok: false, message })

/** Lays the document out in a hidden window with scripts off, runs `use` on it, and always cleans up. */
async function withDocument<T>(deps: DesktopPrintingDeps, html: string, use: (window: BrowserWindow) => Promise<T>) {
  const file = path.join(os.tmpdir(), `archive-room-print-${randomUUID()}.html`)
  fs.writeFileSync(file, html)
  const window = deps.createWindow()
  try {
    await window.loadFile(file)
    return await use(window)
  } finally {
    window.destroy()
    fs.rmSync(file, { force: true })
  }
}

function validHtml(html: unknown): html is string {
  return typeof html === 'string' && html.length > 0 && html.length <= MAX_PRINT_HTML
}

/** Printing to a chosen printer and saving PDFs, for the installed app (issue 16). */
export function registerDesktopPrinting(deps: DesktopPrintingDeps): void {
  const memory = new PrinterMemory(path.join(deps.dataDir, PRINTER_MEMORY_FILE))
  const installed = async (): Promise<PrinterChoice[]> => {
    const printers = (await deps.mainWindow()?.webContents.getPrintersAsync()) ?? []
    return printers.map((printer) => ({ name: printer.name, displayName: printer.displayName || printer.name }))
  }

  deps.ipcMain.handle(DESKTOP_CHANNELS.printers, async (event, html: unknown): Promise<PrintersForDocument> => {
    if (!deps.isTrusted(event) || !validHtml(html)) return { printers: [], chosen: null }
    const printers = await installed()
    const remembered = memory.read()[printMetaOf(html).kind]
    return { printers, chosen: printers.some((printer) => printer.name === remembered) ? remembered : null }
  })

  deps.ipcMain.handle(
    DESKTOP_CHANNELS.print,
    async (event, html: unknown, printer: unknown): Promise<DesktopOutcome> => {
      if (!deps.isTrusted(event)) return failed('errors.forbidden')
      if (!validHtml(html)) return failed('print.invalidDocument')
      if (typeof printer !== 'string' || !(await installed()).some((choice) => choice.name === printer))
        return failed('print.noSuchPrinter')
      const { kind, paper } = printMetaOf(html)
      const printed = await withDocument(
        deps,
        html,
        (window) =>
          new Promise<boolean>((resolve) =>
            window.webContents.print(
              { silent: true, deviceName: printer, printBackground: true, ...pageOptionsFor(paper) },
              (success) => resolve(success)
            )
          )
      )
      if (!printed) return failed('print.printerFailed')
      memory.remember(kind, printer)
      return { ok: true }
    }
  )

  deps.ipcMain.handle(
    DESKTOP_CHANNELS.savePdf,
    async (event, html: unknown, fileName: unknown): Promise<DesktopOutcome> => {
      if (!deps.isTrusted(event)) return failed('errors.forbidden')
      if (!validHtml(html)) return failed('print.invalidDocument')
      const parent = deps.mainWindow()
      const options = {
        defaultPath: path.join(deps.downloadsDir, pdfFileName(fileName)),
        filters: [{ name: 'PDF', extensions: ['pdf'] }]
      }
      const choice = parent
        ? await deps.dialog.showSaveDialog(parent, options)
        : await deps.dialog.showSaveDialog(options)
      if (choice.canceled || !choice.filePath) return { ok: true, cancelled: true }
      const target = choice.filePath
      try {
        const pdf = await withDocument(deps, html, (window) =>
          window.webContents.printToPDF({ printBackground: true, preferCSSPageSize: true })
        )
        fs.writeFileSync(target, pdf)
      } catch {
        return failed('print.pdfFailed')
      }
      return { ok: true, path: target }
    }
  )
}
