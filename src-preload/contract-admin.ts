/**
 * Channels of sign-in, sessions, users, security settings, the audit log, backups and support (R-ROLE,
 * R-SEC); spread into the contract in contract.ts.
 */
import { z } from 'zod'
import {
  BACKUP_ROLES,
  channel,
  code,
  codeEntry,
  codeList,
  empty,
  id,
  isoDate,
  optionalText,
  paging,
  required,
  trimmed,
  type Page,
  type PolicyVersion
} from './contract-kit'
import { ROLES, TWO_PERSON_ROLES, type Role } from './vocabulary'

export const username = z
  .string()
  .trim()
  .regex(/^[A-Za-z0-9_.-]{3,32}$/, { message: 'validation.username' })
export const password = z
  .string()
  .min(10, { message: 'validation.passwordLength' })
  .max(128, { message: 'validation.tooLong' })
  .refine((v) => /[A-Za-z]/.test(v) && /\d/.test(v), { message: 'validation.passwordMix' })

export interface SessionInfo {
  userId: number
  username: string
  displayName: string
  role: Role
  locked: boolean
  /** The administrator chose this account's password: nothing but changing it (or signing out) is allowed. */
  mustChangePassword: boolean
  idleLockMinutes: number
  canSeePersonalData: boolean
  /** The sign-in before this one, shown so that a sign-in the person did not make is noticed; null the first time. */
  lastSignInAt: string | null
  /** R-ROLE-7: the password was reset since that sign-in: when and by whom, shown to whoever signs in with it. */
  passwordReset: { at: string; by: string } | null
  /**
   * R-ROLE-7: the channels this person may call, from the access lists main enforces on every call. The renderer shows
   * what it can open by them, so it never needs the contract's schemas to know who may do what.
   */
  channels: string[]
}

export interface UserRow {
  id: number
  username: string
  displayName: string
  /** Null while the account waits for the security officer to give it a role (待授权, R-ROLE-7). */
  role: Role | null
  /** R-ROLE-7: a role the administrator proposed, waiting for the security officer. */
  proposedRole: Role | null
  department: string
  /** The department's name on the list; null when the account keeps a department the list no longer has. */
  departmentName: string | null
  active: boolean
  mustChangePassword: boolean
  lockedUntil: string | null
  createdAt: string
  lastLoginAt: string | null
}

export interface AuditEntry {
  id: number
  at: string
  username: string
  entity: string
  entityId: string
  action: string
  before: unknown
  after: unknown
}

export interface AuditVerification {
  checked: number
  ok: boolean
  firstBrokenId: number | null
  /** i18n key of why the log is not intact: an entry that does not match, or the log cut or rewritten since an anchor. */
  problem: 'audit.problems.entry' | 'audit.problems.truncated' | 'audit.problems.rewritten' | null
  /** The record outside the database that showed the cut or rewrite: the head file, a backup, or a printed seal. */
  anchor: { source: 'head' | 'backup' | 'seal'; lastId: number; hash: string } | null
}

export interface SecuritySettings {
  idleLockMinutes: number
  maxFailedLogins: number
  lockoutMinutes: number
}

export const securitySettingsSchema = z.strictObject({
  idleLockMinutes: z.number().int().min(1, { message: 'validation.range' }).max(240, { message: 'validation.range' }),
  maxFailedLogins: z.number().int().min(3, { message: 'validation.range' }).max(20, { message: 'validation.range' }),
  lockoutMinutes: z.number().int().min(1, { message: 'validation.range' }).max(1440, { message: 'validation.range' })
})

export const backupSettingsSchema = z.strictObject({
  folder: trimmed(500),
  dailyAt: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, { message: 'validation.time' })
    .nullable(),
  reminderDays: z.number().int().min(1, { message: 'validation.range' }).max(90, { message: 'validation.range' })
})
export type BackupSettings = z.output<typeof backupSettingsSchema>

export interface BackupInfo {
  file: string
  createdAt: string
  createdBy: string
  appVersion: string
  migrations: string[]
  counts: Record<string, number>
  bytes: number
  /** False for a backup made before issue 15.2: in the clear, with nothing that shows it unaltered. */
  encrypted: boolean
}

export interface BackupVerification {
  ok: boolean
  /** The backup file checked, named even when its manifest could not be read. */
  file: string
  /** i18n keys of what is wrong, with their parameters. */
  problems: { reason: string; params?: Record<string, string | number> }[]
  info: BackupInfo | null
}

export interface BackupStatus {
  lastBackupAt: string | null
  lastBackupFile: string | null
  /** When the administrator's account was set up: before the first backup, the reminder counts from here. */
  installedAt: string | null
  settings: BackupSettings
  due: boolean
  /** When the recovery passphrase was last set; null while none is, and backups restore on this PC only. */
  passphraseSetAt: string | null
}

/** The recovery passphrase: long enough to type from the sheet kept in the safe, checked by policy for strength. */
const passphrase = z.string().min(1, { message: 'validation.required' }).max(200, { message: 'validation.tooLong' })

/** Issue 15.2: set the recovery passphrase; changing it asks for the administrator's own password again. */
export const recoveryPassphraseSchema = z.strictObject({
  passphrase,
  password: z.string().max(128).optional()
})
export type RecoveryPassphraseInput = z.output<typeof recoveryPassphraseSchema>

/** A restore: on a new PC the backup's recovery passphrase; for an old unencrypted backup, the consent to it. */
export const restoreSchema = z.strictObject({
  file: required(1000),
  passphrase: passphrase.optional(),
  acceptUnauthenticated: z.boolean().optional()
})

/**
 * Issue 13, first run: what the administrator sets up after their own account. The company is the first fonds of
 * the filing settings (its name is printed on covers and registers), the departments are the filing settings' list
 * and the folder is the backup settings' — one place each, the wizard only writes them together.
 */
export const firstRunSchema = z.strictObject({
  companyName: required(50),
  fondsCode: code,
  departments: codeList(codeEntry),
  backupFolder: trimmed(500)
})
export type FirstRunInput = z.output<typeof firstRunSchema>
export const FIRST_RUN_GAPS = ['companyName', 'backupFolder', 'recoveryPassphrase'] as const
export type FirstRunGap = (typeof FIRST_RUN_GAPS)[number]
export interface FirstRunSetup extends FirstRunInput {
  /** What is still at its installed default: the workbench reminds the administrator while any is left. */
  missing: FirstRunGap[]
}

/**
 * How far opening has come, as the back end tells it: opening the database, keeping a copy of it before an upgrade
 * (pages copied), then the upgrade (migrations run).
 */
export interface OpeningProgress {
  stage: 'opening' | 'copying' | 'upgrading'
  done: number
  total: number
}

/**
 * Why the database could not be opened or upgraded. Nothing saved was changed (an upgrade is one transaction); the copy
 * kept before the upgrade, if one was made, and the folder of the support log are named for whoever helps.
 */
export interface StartupFailure {
  stage: 'failed'
  reason: string
  copy: string | null
  logFolder: string
}

/** How far the app is in starting, while it cannot answer yet, and since when, so the screen can say how long it took. */
export type StartupProgress = (OpeningProgress | StartupFailure) & { startedAt: string }

export const adminChannels = {
  'app.status': channel<{
    needsSetup: boolean
    version: string
    session: SessionInfo | null
    /** Set while the app starts (see StartupProgress): every other channel is refused until it is null. */
    startup: StartupProgress | null
  }>()(empty, 'public'),
  'auth.setupAdmin': channel<SessionInfo>()(
    z.strictObject({ username, displayName: required(50), password }),
    'public'
  ),
  'auth.login': channel<SessionInfo>()(
    z.strictObject({
      username: required(32),
      password: z.string().min(1, { message: 'validation.required' }).max(128)
    }),
    'public'
  ),
  'auth.logout': channel<null>()(empty, 'authenticated'),
  'auth.lock': channel<null>()(empty, 'authenticated'),
  'auth.unlock': channel<SessionInfo>()(
    z.strictObject({ password: z.string().min(1, { message: 'validation.required' }).max(128) }),
    'authenticated'
  ),
  'auth.changePassword': channel<null>()(
    z.strictObject({
      currentPassword: z.string().min(1, { message: 'validation.required' }).max(128),
      newPassword: password
    }),
    'authenticated'
  ),
  'setup.get': channel<FirstRunSetup>()(empty, ['sysadmin']),
  'setup.save': channel<FirstRunSetup>()(firstRunSchema, ['sysadmin']),
  'users.list': channel<UserRow[]>()(empty, ['sysadmin', 'security_officer']),
  /** R-ROLE-7: the administrator opens an account without a role, switched off, for the security officer to authorise. */
  'users.create': channel<UserRow>()(
    z.strictObject({
      username,
      displayName: required(50),
      department: optionalText(50),
      password
    }),
    ['sysadmin']
  ),
  /** The administrator's edit: name and department, and switching an ordinary account off (R-CUST-6). */
  'users.update': channel<UserRow>()(
    z.strictObject({
      id,
      displayName: required(50),
      department: optionalText(50),
      active: z.boolean()
    }),
    ['sysadmin']
  ),
  /** R-ROLE-7: the security officer gives an account its role and switches it on or off. */
  'users.assignRole': channel<UserRow>()(
    z.strictObject({ id, role: z.enum(ROLES, { message: 'validation.role' }), active: z.boolean() }),
    ['security_officer']
  ),
  /** R-ROLE-7: the administrator proposes an administrator or security officer, for the security officer to grant. */
  'users.proposeRole': channel<UserRow>()(
    z.strictObject({ id, role: z.enum(TWO_PERSON_ROLES, { message: 'validation.role' }) }),
    ['sysadmin']
  ),
  'users.resetPassword': channel<null>()(z.strictObject({ id, password }), ['sysadmin']),
  'users.unlock': channel<null>()(z.strictObject({ id }), ['sysadmin', 'security_officer']),
  'settings.getSecurity': channel<PolicyVersion<SecuritySettings>>()(empty, ['security_officer', 'sysadmin']),
  'settings.securityHistory': channel<PolicyVersion<SecuritySettings>[]>()(empty, ['security_officer']),
  'settings.saveSecurity': channel<PolicyVersion<SecuritySettings>>()(securitySettingsSchema, ['security_officer']),
  'audit.list': channel<Page<AuditEntry>>()(
    z.strictObject({
      ...paging,
      username: trimmed(32).optional(),
      entity: trimmed(40).optional(),
      action: trimmed(40).optional(),
      from: isoDate.optional(),
      to: isoDate.optional()
    }),
    ['auditor']
  ),
  'audit.verify': channel<AuditVerification>()(empty, ['auditor']),
  /** 审计封存单: the chain's head printed for the auditor to sign and keep. */
  'audit.seal': channel<{ html: string }>()(empty, ['auditor']),
  /** The chain verified against a printed seal: its last entry present, with the hash on the sheet. */
  'audit.checkSeal': channel<AuditVerification>()(
    z.strictObject({
      lastId: id,
      hash: z
        .string()
        .trim()
        .transform((value) => value.replace(/\s+/g, '').toLowerCase())
        .pipe(z.string().regex(/^[0-9a-f]{64}$/, { message: 'validation.invalidFormat' }))
    }),
    ['auditor']
  ),
  'support.diagnostics': channel<{ fileName: string; content: string }>()(empty, ['sysadmin']),
  'backup.status': channel<BackupStatus>()(empty, [
    ...BACKUP_ROLES,
    'department_head',
    'staff_viewer',
    'deputy_gm',
    'gm'
  ]),
  'backup.saveSettings': channel<BackupStatus>()(backupSettingsSchema, ['sysadmin']),
  'backup.create': channel<BackupInfo>()(z.strictObject({ folder: trimmed(500).optional() }), BACKUP_ROLES),
  'backup.list': channel<BackupVerification[]>()(z.strictObject({ folder: trimmed(500).optional() }), ['sysadmin']),
  'backup.verify': channel<BackupVerification>()(
    z.strictObject({ file: required(1000), passphrase: passphrase.optional() }),
    ['sysadmin']
  ),
  'backup.restore': channel<{ restoredFrom: string; safetyCopy: string }>()(restoreSchema, ['sysadmin']),
  'backup.setPassphrase': channel<BackupStatus>()(recoveryPassphraseSchema, ['sysadmin'])
} as const
