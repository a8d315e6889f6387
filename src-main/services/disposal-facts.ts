import type { Db } from '../db/connection'
import { coveringHolds, custodyOut, openBatchOf, openMissingReports, retentionOf } from '../db/disposal'
import type { RecordRef, RecordSummary } from '@preload/contract'
import type { DisposalFacts } from '../policy/disposal'
import { recordSummaries } from './records'

export interface RecordDisposalFacts {
  summary: RecordSummary
  retentionYears: number | null
  facts: DisposalFacts
}

/** Everything the disposal rules read about each record, in the order named; `batchId` is the batch being worked on. */
export async function disposalFacts(db: Db, refs: RecordRef[], batchId = 0): Promise<RecordDisposalFacts[]> {
  const summaries = await recordSummaries(db, refs)
  const result: RecordDisposalFacts[] = []
  for (const summary of summaries) {
    const ref = { subject: summary.subject, id: summary.id }
    const retention = await retentionOf(db, ref)
    const out = await custodyOut(db, ref)
    const missing = await openMissingReports(db, ref)
    const openBatchId = await openBatchOf(db, ref, batchId)
    result.push({
      summary,
      retentionYears: retention.years,
      facts: {
        code: summary.archivalCode ?? summary.title,
        custody: summary.custody,
        out,
        missing,
        holds: await coveringHolds(db, ref),
        // An uncoded item has no period running yet; it counts as kept like a permanent one.
        expiresOn: summary.archivalCode === null ? null : retention.expiresOn,
        volumeCode: summary.volumeCode,
        openBatchId
      }
    })
  }
  return result
}
