import type { AppraisalBatchRow, CustomerGrade } from '@preload/contract'

/** Tag colours shared by a list and the detail it opens, so neither imports the other. */
export const GRADE_COLORS: Record<CustomerGrade, string> = { important: 'red', special: 'gold', general: 'default' }

export const ITEM_STATUS_COLORS: Record<string, string> = { received: 'default', catalogued: 'blue', filed: 'green' }

export const BATCH_STATE_COLORS: Record<AppraisalBatchRow['state'], string> = {
  listed: 'blue',
  awaiting: 'orange',
  verified: 'gold',
  destroyed: 'red',
  kept: 'green'
}
