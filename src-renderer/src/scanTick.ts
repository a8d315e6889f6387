import { codeFromScan } from '@preload/scan'

/** A record that can be ticked off by scanning its label. */
export interface Tickable {
  key: string
  archivalCode: string | null
  ticked: boolean
}

export type ScanOutcome =
  | { kind: 'ticked'; key: string; code: string }
  | { kind: 'again'; key: string; code: string }
  | { kind: 'unknown'; code: string }

/**
 * What a scan (or a typed code) means for a list being ticked off: the record it names, ticked now or already, or a
 * code that is not on the list — the one the person must hear about, since the record in their hand is the wrong one.
 */
export function tickByScan(typed: string, records: readonly Tickable[]): ScanOutcome {
  const code = codeFromScan(typed)
  const record = records.find((candidate) => candidate.archivalCode === code)
  if (!record) return { kind: 'unknown', code }
  return { kind: record.ticked ? 'again' : 'ticked', key: record.key, code }
}

/**
 * The codes still to be scanned once scanning has begun; none while nobody has scanned, since a room without scanners
 * (or a record without a label) goes on as before.
 */
export function unscanned(records: readonly Omit<Tickable, 'ticked'>[], scanned: ReadonlySet<string>): string[] {
  if (scanned.size === 0) return []
  return records.flatMap((record) =>
    record.archivalCode !== null && !scanned.has(record.key) ? [record.archivalCode] : []
  )
}
