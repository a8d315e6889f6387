import { dropTables, sqlMigration } from './sql-migration'

/** The signatures, one per step and none withdrawn: Signatures1764930000000 makes this table again when it is undone. */
export const USE_APPROVALS = `CREATE TABLE use_approvals (
      request_id INTEGER NOT NULL REFERENCES use_requests (id),
      step TEXT NOT NULL CHECK (step IN ('department_head', 'archive_manager', 'deputy_gm', 'gm')),
      signer_name TEXT NOT NULL,
      signer_user_id INTEGER REFERENCES users (id),
      signed_on TEXT NOT NULL,
      decision TEXT NOT NULL CHECK (decision IN ('approved', 'refused')),
      reason TEXT NOT NULL DEFAULT '',
      entered_by INTEGER NOT NULL REFERENCES users (id),
      entered_at TEXT NOT NULL,
      PRIMARY KEY (request_id, step),
      CHECK (decision = 'approved' OR reason <> '')
    )`

/**
 * Consultation and loans (R-USE): one request per application with its records, the signatures entered from the
 * paper form, and renewals. The value lists are written out here, not imported, so this migration stays what it
 * was when it shipped.
 */
export const Use1764500000000 = sqlMigration('Use1764500000000', {
  up: [
    `CREATE TABLE use_requests (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('consultation', 'loan', 'excerpt')),
      status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'out', 'returned', 'refused', 'cancelled')),
      applicant_kind TEXT NOT NULL CHECK (applicant_kind IN ('internal', 'external')),
      applicant_user_id INTEGER REFERENCES users (id),
      applicant_name TEXT NOT NULL,
      department_code TEXT NOT NULL DEFAULT '',
      external_unit TEXT NOT NULL DEFAULT '',
      introduction_letter TEXT NOT NULL DEFAULT '',
      purpose TEXT NOT NULL,
      reason TEXT NOT NULL,
      copies INTEGER NOT NULL DEFAULT 1 CHECK (copies >= 1),
      start_on TEXT NOT NULL,
      due_on TEXT,
      loan_days INTEGER,
      off_site INTEGER NOT NULL DEFAULT 0 CHECK (off_site IN (0, 1)),
      excerpt_answer TEXT CHECK (excerpt_answer IS NULL OR excerpt_answer IN ('excerpt_suffices', 'original_needed')),
      chain TEXT NOT NULL,
      policy_version INTEGER NOT NULL,
      out_on TEXT,
      returned_on TEXT,
      closing_note TEXT NOT NULL DEFAULT '',
      effect TEXT CHECK (effect IS NULL OR effect IN ('evidence', 'history', 'reference', 'economic', 'other')),
      effect_note TEXT NOT NULL DEFAULT '',
      created_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users (id),
      updated_at TEXT NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      CHECK (kind <> 'loan' OR due_on IS NOT NULL),
      CHECK ((status IN ('out', 'returned')) = (out_on IS NOT NULL) OR status IN ('refused', 'cancelled')),
      CHECK ((status = 'returned') = (returned_on IS NOT NULL))
    )`,
    `CREATE INDEX use_requests_status ON use_requests (status, kind, due_on)`,
    `CREATE INDEX use_requests_out_on ON use_requests (kind, out_on)`,
    `CREATE INDEX use_requests_applicant ON use_requests (applicant_user_id, status)`,
    `CREATE TABLE use_request_records (
      request_id INTEGER NOT NULL REFERENCES use_requests (id),
      position INTEGER NOT NULL,
      subject TEXT NOT NULL CHECK (subject IN ('item', 'volume')),
      subject_id INTEGER NOT NULL,
      condition TEXT CHECK (condition IS NULL OR condition IN ('complete', 'damaged', 'lost')),
      pages_checked INTEGER,
      return_note TEXT NOT NULL DEFAULT '',
      PRIMARY KEY (request_id, subject, subject_id)
    )`,
    `CREATE INDEX use_request_records_subject ON use_request_records (subject, subject_id)`,
    USE_APPROVALS,
    `CREATE TABLE use_renewals (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      request_id INTEGER NOT NULL REFERENCES use_requests (id),
      previous_due_on TEXT NOT NULL,
      new_due_on TEXT NOT NULL,
      renewed_on TEXT NOT NULL,
      entered_by INTEGER NOT NULL REFERENCES users (id),
      entered_at TEXT NOT NULL
    )`,
    `CREATE INDEX use_renewals_request ON use_renewals (request_id)`
  ],
  down: dropTables('use_renewals', 'use_approvals', 'use_request_records', 'use_requests')
})
