import type { MessageKey } from '@preload/i18n/zh-CN'
import type { Db } from '../db/connection'
import type { RecordKind, RecordRef, RecordSummary } from '@preload/contract'
import { findRecordSummaries, itemSummariesMatching, volumeSummariesContaining } from '../db/records'
import { notFound } from '../errors'
import type { Store } from '../store'

const NOT_FOUND: Record<RecordKind, MessageKey> = { item: 'errors.itemNotFound', volume: 'errors.volumeNotFound' }

/** The records named, in the order named; a record that does not exist is NOT_FOUND. */
export async function recordSummaries(db: Db, refs: RecordRef[]): Promise<RecordSummary[]> {
  const found = new Map<string, RecordSummary>()
  for (const subject of ['item', 'volume'] as const) {
    const ids = [...new Set(refs.filter((ref) => ref.subject === subject).map((ref) => ref.id))]
    for (const summary of await findRecordSummaries(db, subject, ids)) found.set(`${subject}:${summary.id}`, summary)
  }
  return refs.map((ref) => {
    const summary = found.get(`${ref.subject}:${ref.id}`)
    if (!summary) throw notFound(NOT_FOUND[ref.subject])
    return summary
  })
}

/**
 * Records whose code, title, document number, responsible party or customer name contains the text, volumes first:
 * what a person types to pick records for a loan, a hold or an appraisal. Destroyed records are left out.
 */
export async function lookupRecords(db: Db, search: string, limit: number): Promise<RecordSummary[]> {
  const text = search.trim()
  if (text === '') return []
  const volumes = await volumeSummariesContaining(db, text, limit)
  const items = await itemSummariesMatching(db, text, limit)
  return [...volumes, ...items].slice(0, limit)
}

/** Looking records up for the workflows that pick them: loans, holds, appraisal, inspections. */
export class RecordsService {
  constructor(private readonly store: Store) {}

  lookup(search: string, limit: number): Promise<RecordSummary[]> {
    return lookupRecords(this.store.db, search, limit)
  }

  summaries(refs: RecordRef[]): Promise<RecordSummary[]> {
    return recordSummaries(this.store.db, refs)
  }
}
