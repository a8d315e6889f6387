/**
 * What a barcode carries. Archival codes use the 间隔号 "·" (DA/T 22: J001-WS·2024-D10-BGS-0003), which Code 128 and
 * a keyboard-wedge scanner cannot pass on reliably; the label carries "." in its place and everything that reads a
 * scan turns it back. No other character of a code changes, so a scan names exactly one code.
 */
const CODE_SEPARATOR = '·'
const SCAN_SEPARATOR = '.'

export function scanPayload(archivalCode: string): string {
  return archivalCode.split(CODE_SEPARATOR).join(SCAN_SEPARATOR)
}

/** The archival code a scan (or a typed code with "." for "·") names: trimmed, the scanner's Enter already gone. */
export function codeFromScan(text: string): string {
  return text.trim().split(SCAN_SEPARATOR).join(CODE_SEPARATOR)
}
