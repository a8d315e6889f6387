import type { AnalysisRow, CustomerAnalysis } from '@preload/contract'
import type { ExtraSheet } from './xlsx'
import { zh } from './zh'

const BREAKDOWNS = ['byGrade', 'byCredit', 'byIndustry', 'byRegion'] as const

/** A row's category in words, as the report on screen names it: grades and credit grades by label, blanks said. */
function keyOf(breakdown: (typeof BREAKDOWNS)[number], key: string): string {
  if (breakdown === 'byGrade') return zh(`grades.${key}`)
  if (breakdown === 'byCredit')
    return key ? zh(`customerUpkeep.credit.grades.${key}`) : zh('customerUpkeep.reports.unrated')
  return key || zh('customerUpkeep.reports.unspecified')
}

/**
 * S170: the composition and credit analysis of the register (grade, credit grade, industry, region, each with its
 * customers and credit limits in force) as one sheet, a block per breakdown, so the export carries what the screen
 * charts.
 */
export function customerAnalysisSheet(analysis: CustomerAnalysis): ExtraSheet {
  return {
    name: zh('customerUpkeep.reports.analysis'),
    columns: [
      { key: 'breakdown', title: zh('customerUpkeep.reports.breakdown') },
      { key: 'key', title: zh('customerUpkeep.reports.key') },
      { key: 'customers', title: zh('customerUpkeep.reports.customers') },
      { key: 'creditLimit', title: zh('customerUpkeep.reports.creditLimit') }
    ],
    rows: BREAKDOWNS.flatMap((breakdown) =>
      analysis[breakdown].map((row: AnalysisRow) => ({
        breakdown: zh(`customerUpkeep.reports.${breakdown}`),
        key: keyOf(breakdown, row.key),
        customers: row.customers,
        creditLimit: row.creditLimit
      }))
    )
  }
}
