/**
 * What only the installed desktop app can do for the page, beside the contract: printing straight to a printer and
 * saving a PDF. Browser mode has no such bridge (`window.archiveDesktop` is undefined) and keeps the print dialog.
 */

export const DESKTOP_CHANNELS = {
  printers: 'desktop:printers',
  print: 'desktop:print',
  savePdf: 'desktop:savePdf'
} as const

export interface PrinterChoice {
  name: string
  displayName: string
}

export interface PrintersForDocument {
  printers: PrinterChoice[]
  /** The printer last used for this kind of document on this PC, if it is still installed. */
  chosen: string | null
}

/** `message` is a catalogue key; `path` is where a PDF was saved; `cancelled` when the person closed the save dialog. */
export type DesktopOutcome = { ok: true; path?: string; cancelled?: boolean } | { ok: false; message: string }

export interface DesktopPrinting {
  /** The printers of this PC and the one remembered for the document's kind. */
  printers(html: string): Promise<PrintersForDocument>
  /** Prints without a dialog on the chosen printer, and remembers it for this kind of document. */
  print(html: string, printer: string): Promise<DesktopOutcome>
  /** Asks where to save, then writes the document as PDF in its own page size. */
  savePdf(html: string, fileName: string): Promise<DesktopOutcome>
}

/** What every printable says about itself in its head (src-main/reports/printables.ts), read by desktop printing. */
export const PRINT_META = { kind: 'archive-document', paper: 'archive-paper-mm' } as const
