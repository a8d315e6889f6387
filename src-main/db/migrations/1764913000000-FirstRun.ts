import { sqlMigration } from './sql-migration'

/**
 * Issue 13: an account the administrator creates, or whose password the administrator resets, must choose its own
 * password at first sign-in. Accounts that already exist were set up before the rule and are not forced.
 */
export const FirstRun1764913000000 = sqlMigration('FirstRun1764913000000', {
  up: ['ALTER TABLE users ADD COLUMN must_change_password BOOLEAN NOT NULL DEFAULT 0'],
  down: ['ALTER TABLE users DROP COLUMN must_change_password']
})
