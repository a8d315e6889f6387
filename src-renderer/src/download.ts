const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'

/** Hands a file from main to the browser's download, which in Electron asks where to save it. */
export function downloadFile(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob)
  const link = document.createElement('a')
  link.href = url
  link.download = fileName
  link.click()
  URL.revokeObjectURL(url)
}

export function downloadWorkbook(base64: string, fileName: string): void {
  downloadFile(new Blob([Uint8Array.from(atob(base64), (ch) => ch.charCodeAt(0))], { type: XLSX_TYPE }), fileName)
}

/** Downloads a workbook main made and hands it on, for a success message that must come only after it was saved. */
export function savedWorkbook<T extends { base64: string; fileName: string }>(workbook: T): T {
  downloadWorkbook(workbook.base64, workbook.fileName)
  return workbook
}
