/**
 * Test helper: an independent read of a workbook. LibreOffice (headless, with a throw-away profile) converts every
 * sheet to CSV, the way a person opening the file elsewhere would see the values.
 */
import { execFile } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/** LibreOffice ≥ 7.2: sheet -1 exports all sheets, each as `<file>-<sheet name>.csv`, UTF-8 (76), comma-separated. */
const ALL_SHEETS_CSV = 'csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1'

/** Sheet name → rows of cell texts. */
export async function workbookAsCsv(buffer: Buffer): Promise<Map<string, string[][]>> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'archive-lo-'))
  try {
    const file = path.join(dir, 'book.xlsx')
    fs.writeFileSync(file, buffer)
    await run(
      'soffice',
      [
        `-env:UserInstallation=file://${path.join(dir, 'profile')}`,
        '--headless',
        '--convert-to',
        ALL_SHEETS_CSV,
        '--outdir',
        path.join(dir, 'out'),
        file
      ],
      {
        timeout: 120_000
      }
    )
    const sheets = new Map<string, string[][]>()
    for (const name of fs.readdirSync(path.join(dir, 'out'))) {
      const match = /^book-(.+)\.csv$/.exec(name)
      if (!match) continue
      sheets.set(match[1], parseCsv(fs.readFileSync(path.join(dir, 'out', name), 'utf8')))
    }
    return sheets
  } finally {
    fs.rmSync(dir, { recursive: true, force: true })
  }
}

function parseCsv(text: string): string[][] {
  const rows: string[][] = []
  let row: string[] = []
  let cell = ''
  let quoted = false
  for (let i = 0; i < text.length; i += 1) {
    const ch = text[i]
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"'
        i += 1
      } else if (ch === '"') quoted = false
      else cell += ch
    } else if (ch === '"') quoted = true
    else if (ch === ',') {
      row.push(cell)
      cell = ''
    } else if (ch === '\n') {
      row.push(cell)
      rows.push(row)
      row = []
      cell = ''
    } else if (ch !== '\r') cell += ch
  }
  if (cell !== '' || row.length > 0) rows.push([...row, cell])
  return rows
}
