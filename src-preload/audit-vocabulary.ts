/**
 * The objects and actions an audit entry may name. Services can only write these (AuditDraft is typed by them), the
 * audit page offers them as filters, and a test fails when one has no words in either catalogue.
 */
export const AUDIT_ENTITIES = [
  'user',
  'customer',
  'policy',
  'item',
  'volume',
  'location',
  'catalogue',
  'backup',
  'support',
  'environment',
  'hold',
  'incident',
  'inspection',
  'appraisal',
  'destruction',
  'disposal',
  'statistics',
  'use_request',
  'audit'
] as const

export type AuditEntity = (typeof AUDIT_ENTITIES)[number]

export const AUDIT_ACTIONS = [
  'setup',
  'create',
  'update',
  'view',
  'login',
  'login_failed',
  'logout',
  'reset_password',
  'assign_role',
  'propose_role',
  'unlock',
  'change_password',
  'catalogue',
  'link',
  'unlink',
  'add_item',
  'remove_item',
  'reorder',
  'close',
  'move',
  'refile',
  'custody',
  'print',
  'export',
  'import',
  'verify',
  'restore',
  'sign',
  'checkout',
  'renew',
  'return',
  'feedback',
  'cancel',
  'place',
  'release',
  'open',
  'resolve',
  'mark',
  'complete',
  'decide',
  'reappraise',
  'set_apart',
  'destroy',
  'key',
  'seal',
  'withdraw_signature',
  'file_status'
] as const

export type AuditAction = (typeof AUDIT_ACTIONS)[number]
