import type { UseRequestRow } from '@preload/contract'

export const STATUS_COLORS: Record<UseRequestRow['status'], string> = {
  pending: 'gold',
  approved: 'blue',
  out: 'orange',
  returned: 'green',
  refused: 'red',
  cancelled: 'default'
}

export const ISO = 'YYYY-MM-DD'
