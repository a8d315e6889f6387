import { sqlMigration } from './sql-migration'

/**
 * R-FILE-10 (DA/T 22): a coded item boxed on its own is filed without a volume. Items already in that state were left
 * "catalogued" by earlier versions; this sets them as the app now would. Down cannot tell them apart, so it keeps them.
 */
export const ItemLevelFiling1764950000000 = sqlMigration('ItemLevelFiling1764950000000', {
  up: [
    `UPDATE items SET status = 'filed' WHERE status = 'catalogued' AND volume_id IS NULL AND archival_code IS NOT NULL
         AND home_location_id IN (SELECT id FROM locations WHERE kind = 'box')`
  ],
  down: []
})
