/**
 * What a barcode carries. Archival codes use the 间隔号 "·" (DA/T 22: J001-WS·2024-D10-BGS-0003), which Code 128 and
 * a keyboard-wedge scanner cannot pass on reliably; the label carries "." in its place and everything that reads a
 * scan turns it back. No other character of a code changes, so a scan names exactly one code.
 */
const CODE_SEPARATOR = '·'
const SCAN_SEPARATOR = '.'
/** Letters, digits and hyphens with at least one hyphen and one "." — a scanned code, never a date or a phrase. */
const SCANNED_CODE = /^(?=.*-)(?=.*\.)[A-Za-z0-9]+(?:[-.][A-Za-z0-9]+)+$/

export function scanPayload(archivalCode: string): string {
  return archivalCode.split(CODE_SEPARATOR).join(SCAN_SEPARATOR)
}

/**
 * The archival code a scan names (the scanner's Enter already gone), or the text as typed when it is not a scanned
 * code: "2023.5.6" or "J001-WS" stay as they are.
 */
export function codeFromScan(text: string): string {
  const trimmed = text.trim()
  return SCANNED_CODE.test(trimmed) ? trimmed.split(SCAN_SEPARATOR).join(CODE_SEPARATOR) : trimmed
}
