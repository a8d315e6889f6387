import { sqlMigration } from './sql-migration'

/**
 * Issue 19: the workbench counts the loose coded items whose retention has ended and that are not destroyed
 * (R-DISP-4). The index of migration 1765000000000 held only their expiry, so the count read each of their rows for
 * its custody: 4 400 rows spread over a 2 GB file, 20 ms of the to-do list at a million items. With the custody in
 * the index the count reads the index alone (0.3 ms); the two columns of its condition are in it too, because SQLite
 * does not count a partial index as covering while the query names columns it does not hold.
 */
export const LooseExpiryCustody1765900000000 = sqlMigration('LooseExpiryCustody1765900000000', {
  up: [
    `CREATE INDEX items_loose_expiry ON items (expires_on, custody, volume_id, archival_code)
        WHERE volume_id IS NULL AND archival_code IS NOT NULL`,
    'DROP INDEX items_loose_expires_on'
  ],
  down: [
    `CREATE INDEX items_loose_expires_on ON items (expires_on) WHERE volume_id IS NULL AND archival_code IS NOT NULL`,
    'DROP INDEX items_loose_expiry'
  ]
})
