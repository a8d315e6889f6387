import { sqlMigration } from './sql-migration'

/**
 * Issue 19: two questions the workbench and the annual statistics ask read a whole table without these. Records due
 * for appraisal (R-DISP-4) that stand on their own are coded items outside a volume: with no index to their expiry,
 * every item outside a volume was read (received ones too). Refusals of a year (R-STAT-1) were found by reading
 * every signature ever entered.
 */
export const WorkbenchIndexes1765000000000 = sqlMigration('WorkbenchIndexes1765000000000', {
  up: [
    `CREATE INDEX items_loose_expires_on ON items (expires_on) WHERE volume_id IS NULL AND archival_code IS NOT NULL`,
    `CREATE INDEX use_approvals_refused ON use_approvals (signed_on) WHERE decision = 'refused' AND withdrawn_at IS NULL`
  ],
  down: ['DROP INDEX use_approvals_refused', 'DROP INDEX items_loose_expires_on']
})
