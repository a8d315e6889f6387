import { rebuildTable, sqlMigration } from './sql-migration'

const ROLES = `'sysadmin','security_officer','auditor','archivist','archive_manager','department_head','staff_viewer','deputy_gm','gm'`
const KEPT_COLUMNS = `id, username, display_name, role, department, password_hash, active, failed_logins, locked_until,
  created_at, updated_at, must_change_password`

/** The users table with its columns before this migration, the role column as given and any columns after them. */
const usersNext = (roleColumn: string, more: string[] = []) => `CREATE TABLE users_next (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        username TEXT NOT NULL UNIQUE COLLATE NOCASE,
        display_name TEXT NOT NULL,
        ${roleColumn},
        department TEXT NOT NULL DEFAULT '',
        password_hash TEXT NOT NULL,
        active BOOLEAN NOT NULL DEFAULT 1,
        failed_logins INTEGER NOT NULL DEFAULT 0,
        locked_until TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        ${['must_change_password BOOLEAN NOT NULL DEFAULT 0', ...more].join(',\n        ')}
      )`

/**
 * R-ROLE-7 (三员分立, 003): the administrator opens an account without a role and switched off; the security officer
 * gives it its role and switches it on. So a role may be empty (待授权), and such an account is never active. Making
 * someone administrator or security officer takes both of them: the administrator's proposal is kept on the account
 * until the security officer acts on it. Each person is shown their previous sign-in and the last reset of their
 * password, with who reset it, so a sign-in with a reset password does not pass unnoticed.
 */
export const AccountDuties1764960000000 = sqlMigration('AccountDuties1764960000000', {
  up: rebuildTable(
    'users',
    usersNext(`role TEXT CHECK (role IS NULL OR role IN (${ROLES}))`, [
      `proposed_role TEXT CHECK (proposed_role IS NULL OR proposed_role IN ('sysadmin', 'security_officer'))`,
      'proposed_by INTEGER REFERENCES users (id)',
      'last_login_at TEXT',
      'password_reset_at TEXT',
      'password_reset_by TEXT',
      'CHECK (role IS NOT NULL OR active = 0)',
      'CHECK (proposed_role IS NULL OR proposed_by IS NOT NULL)'
    ]),
    KEPT_COLUMNS
  ),
  down: [
    `UPDATE users SET role = 'staff_viewer' WHERE role IS NULL`,
    ...rebuildTable('users', usersNext(`role TEXT NOT NULL CHECK (role IN (${ROLES}))`), KEPT_COLUMNS)
  ]
})
