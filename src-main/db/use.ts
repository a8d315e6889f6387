import type {
  Applicant,
  Approver,
  HeldRecord,
  ParsedInput,
  RecordKind,
  RecordRef,
  UseApproval,
  UseRecord,
  UseRenewal,
  UseRequest,
  UseRequestRow,
  UseWithdrawnSignature
} from '@preload/contract'
import type { SignerAccount } from '../policy/use'
import { fullTextRowids } from './full-text'
import { bigramToken } from './item-search'
import type { Db } from './connection'
import { countUpTo, SORT_ALL_UP_TO } from './paging'
import { sql, type SqlQuery } from './sql'

type ListQuery = ParsedInput<'use.list'>

/** Requests that hold their records until they end; an excerpt's original stays on the shelf (R-USE-3). */
const HOLDING_KINDS = sql`('consultation', 'loan')`
const ACTIVE_STATUSES = sql`('pending', 'approved', 'out')`

const RECORD_TABLE: Record<RecordKind, SqlQuery> = { item: sql`items`, volume: sql`volumes` }

const ROW_COLUMNS = sql`u.id, u.number, u.kind, u.status, u.applicant_kind AS applicantKind, u.applicant_name AS applicantName, u.department_code AS departmentCode,
  u.external_unit AS externalUnit, u.purpose, u.start_on AS startOn, u.due_on AS dueOn, u.out_on AS outOn, u.returned_on AS returnedOn,
  u.created_at AS createdAt, u.chain`
const SORT_COLUMNS: Record<ListQuery['sortBy'], string> = {
  createdAt: 'u.created_at',
  startOn: 'u.start_on',
  dueOn: 'u.due_on',
  outOn: 'u.out_on'
}
const overdueOn = (today: string) => sql`u.status = 'out' AND u.kind = 'loan' AND u.due_on < ${today}`
/** Each record of a request with the code or title it is shown by. */
const RECORD_LABELS = sql`SELECT r.request_id AS requestId, COALESCE(i.archival_code, v.archival_code, i.title, v.title) AS label,
    COALESCE(i.archival_code, v.archival_code) AS archivalCode, COALESCE(i.title, v.title) AS title
  FROM use_request_records r LEFT JOIN items i ON r.subject = 'item' AND i.id = r.subject_id
    LEFT JOIN volumes v ON r.subject = 'volume' AND v.id = r.subject_id`

/** A request as listed; the chain of signatures is JSON. */
export interface StoredRequestRow extends Omit<
  UseRequestRow,
  'recordsText' | 'recordCount' | 'nextStep' | 'overdue' | 'daysLate'
> {
  chain: string
}

/** The whole request as stored; `offSite` is SQLite's 0 or 1. */
export type StoredRequest = StoredRequestRow &
  Pick<
    UseRequest,
    | 'applicantUserId'
    | 'introductionLetter'
    | 'reason'
    | 'copies'
    | 'excerptAnswer'
    | 'policyVersion'
    | 'effect'
    | 'effectNote'
    | 'closingNote'
    | 'version'
  > & {
    offSite: number
  }

export type StoredRequestRecord = RecordRef & Pick<UseRecord, 'condition' | 'pagesChecked' | 'returnNote'>

/** R-CUST-6: the records a person still has out (in the reading room, on loan, or copies not yet closed). */
export function heldBy(db: Db, userId: number): Promise<HeldRecord[]> {
  return db.query(
    sql`SELECT u.id AS requestId, u.number AS requestNumber, u.kind, u.status, l.archivalCode, l.title, u.due_on AS dueOn
        FROM use_requests u JOIN (${RECORD_LABELS}) l ON l.requestId = u.id
        WHERE u.applicant_user_id = ${userId} AND u.status = 'out' ORDER BY u.id`
  )
}

/** People with an account, by name. */
export function activeUsers(db: Db): Promise<Applicant[]> {
  return db.query(
    sql`SELECT id, display_name AS displayName, department FROM users WHERE active = 1 ORDER BY display_name`
  )
}

const SIGNER_COLUMNS = sql`id AS userId, display_name AS name, role, department, active`

/** An account as the signature rules see it (`active` as SQLite's 0 or 1, turned into a boolean). */
export async function signerAccount(db: Db, userId: number): Promise<SignerAccount | undefined> {
  const [row] = await db.query<SignerAccount>(sql`SELECT ${SIGNER_COLUMNS} FROM users WHERE id = ${userId}`)
  return row && { ...row, active: Boolean(row.active) }
}

/** Active accounts holding one of the roles, by name. */
export async function activeAccountsIn(db: Db, roles: readonly string[]): Promise<SignerAccount[]> {
  const rows = await db.query<SignerAccount>(
    sql`SELECT ${SIGNER_COLUMNS} FROM users WHERE active = 1 AND role IN ${[...roles]} ORDER BY display_name, id`
  )
  return rows.map((row) => ({ ...row, active: Boolean(row.active) }))
}

/** The next number of a register prefix in a year; the counter only goes up, so a number is never handed out twice. */
export async function nextRequestNumber(db: Db, prefix: string, year: number): Promise<number> {
  const [row] = await db.query<{ last: number }>(
    sql`INSERT INTO use_request_counters (prefix, year, last) VALUES (${prefix}, ${year}, 1)
        ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`
  )
  return row.last
}

/** Requests awaiting a signature, oldest first: the candidates for someone's list of requests to sign. */
export function pendingRequests(db: Db): Promise<StoredRequestRow[]> {
  return db.query(sql`SELECT ${ROW_COLUMNS} FROM use_requests u WHERE u.status = 'pending' ORDER BY u.id`)
}

export async function userIsActive(db: Db, userId: number): Promise<boolean> {
  const [user] = await db.query<{ active: number }>(sql`SELECT active FROM users WHERE id = ${userId}`)
  return Boolean(user?.active)
}

export async function userDisplayName(db: Db, userId: number | null): Promise<string | undefined> {
  const [user] = await db.query<{ name: string }>(sql`SELECT display_name AS name FROM users WHERE id = ${userId}`)
  return user?.name
}

/**
 * Another active request holding the record, or the volume it is in, or an item in it (R-USE-2); `exceptId` is the
 * request being checked itself.
 */
export async function otherHoldingRequest(
  db: Db,
  record: { subject: RecordKind; id: number; volumeId: number | null },
  exceptId: number
): Promise<string | null> {
  const related =
    record.subject === 'item'
      ? sql`(r.subject = 'volume' AND r.subject_id = ${record.volumeId ?? 0})`
      : sql`(r.subject = 'item' AND r.subject_id IN (SELECT id FROM items WHERE volume_id = ${record.id}))`
  const [row] = await db.query<{ number: string }>(
    sql`SELECT u.number FROM use_request_records r JOIN use_requests u ON u.id = r.request_id
        WHERE u.status IN ${ACTIVE_STATUSES} AND u.kind IN ${HOLDING_KINDS} AND u.id <> ${exceptId}
          AND ((r.subject = ${record.subject} AND r.subject_id = ${record.id}) OR ${related}) LIMIT 1`
  )
  return row?.number ?? null
}

export interface NewRequest {
  number: string
  kind: UseRequest['kind']
  applicantKind: UseRequest['applicantKind']
  applicantUserId: number | null
  applicantName: string
  departmentCode: string
  externalUnit: string
  introductionLetter: string
  purpose: string
  reason: string
  copies: number
  startOn: string
  dueOn: string | null
  loanDays: number | null
  offSite: boolean
  excerptAnswer: string | null
  chain: string
  policyVersion: number
  createdAt: string
  createdBy: number | null
}

export async function insertRequest(db: Db, request: NewRequest): Promise<number> {
  const [row] = await db.query<{ id: number }>(
    sql`INSERT INTO use_requests (number, kind, status, applicant_kind, applicant_user_id, applicant_name, department_code, external_unit,
          introduction_letter, purpose, reason, copies, start_on, due_on, loan_days, off_site, excerpt_answer, chain, policy_version,
          created_at, created_by, updated_at)
        VALUES (${request.number}, ${request.kind}, 'pending', ${request.applicantKind}, ${request.applicantUserId}, ${request.applicantName},
          ${request.departmentCode}, ${request.externalUnit}, ${request.introductionLetter}, ${request.purpose}, ${request.reason},
          ${request.copies}, ${request.startOn}, ${request.dueOn}, ${request.loanDays}, ${request.offSite}, ${request.excerptAnswer},
          ${request.chain}, ${request.policyVersion}, ${request.createdAt}, ${request.createdBy}, ${request.createdAt}) RETURNING id`
  )
  return Number(row.id)
}

export async function insertRequestRecord(
  db: Db,
  requestId: number,
  position: number,
  record: RecordRef
): Promise<void> {
  await db.query(
    sql`INSERT INTO use_request_records (request_id, position, subject, subject_id) VALUES (${requestId}, ${position}, ${record.subject}, ${record.id})`
  )
}

/** The labels of the requests' records, in request and record order. */
export function recordLabels(db: Db, requestIds: number[]): Promise<{ requestId: number; label: string }[]> {
  return db.query(sql`${RECORD_LABELS} WHERE r.request_id IN ${requestIds} ORDER BY r.request_id, r.position`)
}

/** The standing signatures of the requests and who gave them. */
export function signedSteps(
  db: Db,
  requestIds: number[]
): Promise<{ requestId: number; step: Approver; signerUserId: number | null }[]> {
  return db.query(
    sql`SELECT request_id AS requestId, step, signer_user_id AS signerUserId FROM use_approvals
        WHERE request_id IN ${requestIds} AND withdrawn_at IS NULL`
  )
}

/**
 * Requests whose number, applicant, unit, purpose or the code or title of a record asked for contains the text, from
 * their search rows (migration 1765410000000): three characters and more by trigram, two by pair, one by scanning.
 */
export function requestIdsMatching(search: string): SqlQuery {
  if ([...search].length !== 2) return fullTextRowids('use_requests_fts', search)
  return sql`SELECT rowid FROM use_requests_bigrams WHERE use_requests_bigrams MATCH ${bigramToken(search)}`
}

/**
 * `byIndexOrder`: a search with many matches keeps them from driving the loop (the unary +), so the page is read down
 * the sorted date's index and stops when full, instead of sorting every match for twenty.
 */
function listConditions(query: ListQuery, today: string, byIndexOrder = false): SqlQuery[] {
  const conditions: SqlQuery[] = []
  if (query.kind && query.kind.length > 0) conditions.push(sql`u.kind IN ${query.kind}`)
  if (query.status && query.status.length > 0) conditions.push(sql`u.status IN ${query.status}`)
  if (query.overdue) conditions.push(overdueOn(today))
  if (query.from) conditions.push(sql`COALESCE(u.out_on, u.start_on) >= ${query.from}`)
  if (query.to) conditions.push(sql`COALESCE(u.out_on, u.start_on) <= ${query.to}`)
  if (query.search)
    conditions.push(
      byIndexOrder
        ? sql`+u.id IN (${requestIdsMatching(query.search)})`
        : sql`u.id IN (${requestIdsMatching(query.search)})`
    )
  return conditions
}

/** `today` decides which loans are overdue; counting stops at `COUNT_LIMIT`. */
export function countRequests(
  db: Db,
  query: ListQuery,
  today: string
): Promise<{ total: number; totalCapped: boolean }> {
  return countUpTo(db, sql`SELECT 1 FROM use_requests u ${sql.where(listConditions(query, today))}`)
}

/** Dates a request may lack (only a loan is due, only a request handed out has gone out). */
const NULLABLE_SORTS = new Set<ListQuery['sortBy']>(['dueOn', 'outOn'])

/**
 * One page in the chosen order, requests without the sorted date last. Each part is read off the date's
 * index in its order (migration 1764960000000): those with the date, then, once they run out, those without it.
 */
export async function requestsPage(db: Db, query: ListQuery, today: string): Promise<StoredRequestRow[]> {
  const column = sql.identifier(SORT_COLUMNS[query.sortBy])
  const direction = query.sortOrder === 'ascend' ? sql`ASC` : sql`DESC`
  const many =
    query.search !== undefined &&
    query.search !== '' &&
    (
      await db.query<{ n: number }>(
        sql`SELECT COUNT(*) AS n FROM (${requestIdsMatching(query.search)} LIMIT ${SORT_ALL_UP_TO + 1})`
      )
    )[0].n > SORT_ALL_UP_TO
  const conditions = listConditions(query, today, many)
  const limit = query.pageSize
  const offset = (query.page - 1) * query.pageSize
  const rows = (more: SqlQuery[], order: SqlQuery, take: number, skip: number) =>
    db.query<StoredRequestRow>(
      sql`SELECT ${ROW_COLUMNS} FROM use_requests u ${sql.where([...conditions, ...more])} ${order} LIMIT ${take} OFFSET ${skip}`
    )
  const byDate = sql`ORDER BY ${column} ${direction}, u.id ${direction}`
  if (!NULLABLE_SORTS.has(query.sortBy)) return rows([], byDate, limit, offset)
  const dated = await rows([sql`${column} IS NOT NULL`], byDate, limit, offset)
  if (dated.length === limit) return dated
  const datedCount =
    dated.length > 0
      ? offset + dated.length
      : (
          await db.query<{ n: number }>(
            sql`SELECT COUNT(*) AS n FROM use_requests u ${sql.where([...conditions, sql`${column} IS NOT NULL`])}`
          )
        )[0].n
  const undated = await rows(
    [sql`${column} IS NULL`],
    sql`ORDER BY u.id ${direction}`,
    limit - dated.length,
    Math.max(0, offset - datedCount)
  )
  return [...dated, ...undated]
}

export async function requestById(db: Db, id: number): Promise<StoredRequest | undefined> {
  const [row] = await db.query<StoredRequest>(
    sql`SELECT ${ROW_COLUMNS}, u.applicant_user_id AS applicantUserId, u.introduction_letter AS introductionLetter, u.reason, u.copies,
          u.off_site AS offSite, u.excerpt_answer AS excerptAnswer, u.policy_version AS policyVersion, u.effect, u.effect_note AS effectNote,
          u.closing_note AS closingNote, u.version
        FROM use_requests u WHERE u.id = ${id}`
  )
  return row
}

/** The request's records in order, with what was found when they came back. */
export function requestRecords(db: Db, requestId: number): Promise<StoredRequestRecord[]> {
  return db.query(
    sql`SELECT subject, subject_id AS id, condition, pages_checked AS pagesChecked, return_note AS returnNote
        FROM use_request_records WHERE request_id = ${requestId} ORDER BY position`
  )
}

const APPROVAL_COLUMNS = sql`a.step, a.signer_name AS signerName, a.signer_user_id AS signerUserId, a.signed_on AS signedOn,
  a.decision, a.reason, e.display_name AS enteredBy, a.entered_at AS enteredAt,
  (a.signer_user_id IS NULL OR a.signer_user_id <> a.entered_by) AS onBehalf`

export async function approvalsOf(db: Db, requestId: number): Promise<UseApproval[]> {
  const rows = await db.query<UseApproval>(
    sql`SELECT ${APPROVAL_COLUMNS} FROM use_approvals a JOIN users e ON e.id = a.entered_by
        WHERE a.request_id = ${requestId} AND a.withdrawn_at IS NULL`
  )
  return rows.map((row) => ({ ...row, onBehalf: Boolean(row.onBehalf) }))
}

/** Signatures taken back, in the order they were entered. */
export async function withdrawnSignaturesOf(db: Db, requestId: number): Promise<UseWithdrawnSignature[]> {
  const rows = await db.query<UseWithdrawnSignature>(
    sql`SELECT ${APPROVAL_COLUMNS}, w.display_name AS withdrawnBy, a.withdrawn_at AS withdrawnAt, a.withdrawn_reason AS withdrawnReason
        FROM use_approvals a JOIN users e ON e.id = a.entered_by JOIN users w ON w.id = a.withdrawn_by
        WHERE a.request_id = ${requestId} AND a.withdrawn_at IS NOT NULL ORDER BY a.id`
  )
  return rows.map((row) => ({ ...row, onBehalf: Boolean(row.onBehalf) }))
}

/** Takes the standing signature of a step back; the row stays, marked with who, when and why. */
export async function withdrawApproval(
  db: Db,
  requestId: number,
  step: Approver,
  by: number | null,
  at: string,
  reason: string
): Promise<void> {
  await db.query(
    sql`UPDATE use_approvals SET withdrawn_by = ${by}, withdrawn_at = ${at}, withdrawn_reason = ${reason}
        WHERE request_id = ${requestId} AND step = ${step} AND withdrawn_at IS NULL`
  )
}

export function renewalsOf(db: Db, requestId: number): Promise<UseRenewal[]> {
  return db.query(
    sql`SELECT n.previous_due_on AS previousDueOn, n.new_due_on AS newDueOn, n.renewed_on AS renewedOn, e.username AS enteredBy
        FROM use_renewals n JOIN users e ON e.id = n.entered_by WHERE n.request_id = ${requestId} ORDER BY n.id`
  )
}

/** Sets the given columns (snake_case names from the service's own code), and always the stamp and version. */
export async function updateRequest(db: Db, id: number, sets: Record<string, unknown>, stamp: string): Promise<void> {
  const assignments = Object.entries(sets).map(([column, value]) => sql`${sql.identifier(column)} = ${value}, `)
  await db.query(
    sql`UPDATE use_requests SET ${sql.join(assignments, '')}updated_at = ${stamp}, version = version + 1 WHERE id = ${id}`
  )
}

export async function insertApproval(
  db: Db,
  approval: {
    requestId: number
    step: Approver
    signerName: string
    signerUserId: number | null
    signedOn: string
    decision: string
    reason: string
    enteredBy: number | null
    enteredAt: string
  }
): Promise<void> {
  await db.query(
    sql`INSERT INTO use_approvals (request_id, step, signer_name, signer_user_id, signed_on, decision, reason, entered_by, entered_at)
        VALUES (${approval.requestId}, ${approval.step}, ${approval.signerName}, ${approval.signerUserId}, ${approval.signedOn},
          ${approval.decision}, ${approval.reason}, ${approval.enteredBy}, ${approval.enteredAt})`
  )
}

/** The days of loan approved with the request. */
export async function loanDaysOf(db: Db, requestId: number): Promise<number | null> {
  const [{ loanDays }] = await db.query<{ loanDays: number | null }>(
    sql`SELECT loan_days AS loanDays FROM use_requests WHERE id = ${requestId}`
  )
  return loanDays
}

export async function setCustody(db: Db, record: RecordRef, custody: string): Promise<void> {
  await db.query(sql`UPDATE ${RECORD_TABLE[record.subject]} SET custody = ${custody} WHERE id = ${record.id}`)
}

export async function recordReturnCheck(
  db: Db,
  requestId: number,
  record: RecordRef,
  check: { condition: string; pagesChecked: number | null; note: string }
): Promise<void> {
  await db.query(
    sql`UPDATE use_request_records SET condition = ${check.condition}, pages_checked = ${check.pagesChecked}, return_note = ${check.note}
        WHERE request_id = ${requestId} AND subject = ${record.subject} AND subject_id = ${record.id}`
  )
}

export async function insertRenewal(
  db: Db,
  renewal: {
    requestId: number
    previousDueOn: string
    newDueOn: string
    renewedOn: string
    enteredBy: number | null
    enteredAt: string
  }
): Promise<void> {
  await db.query(
    sql`INSERT INTO use_renewals (request_id, previous_due_on, new_due_on, renewed_on, entered_by, entered_at)
        VALUES (${renewal.requestId}, ${renewal.previousDueOn}, ${renewal.newDueOn}, ${renewal.renewedOn}, ${renewal.enteredBy}, ${renewal.enteredAt})`
  )
}

/** A person's own requests still under way (waiting, approved, or records out), newest first, for their workbench. */
export function openRequestsOf(db: Db, userId: number, limit: number): Promise<StoredRequestRow[]> {
  return db.query(
    sql`SELECT ${ROW_COLUMNS} FROM use_requests u
        WHERE u.applicant_user_id = ${userId} AND u.status IN ('pending', 'approved', 'out')
        ORDER BY u.created_at DESC, u.id DESC LIMIT ${limit}`
  )
}

/** R-USE-8: how many loans are out past their due date, counted as every list counts (stops at `COUNT_LIMIT`). */
export function countOverdueLoans(db: Db, today: string): Promise<{ total: number; totalCapped: boolean }> {
  return countUpTo(db, sql`SELECT 1 FROM use_requests u WHERE ${overdueOn(today)}`)
}

/**
 * R-USE-8: one page of the loans out past their due date, longest overdue first. Read down use_requests_status
 * (status, kind, due_on), whose entries for out loans are in due date and then id order, so the page stops at its
 * last row instead of sorting every overdue loan.
 */
export function overdueLoansPage(
  db: Db,
  today: string,
  paging: { page: number; pageSize: number }
): Promise<StoredRequestRow[]> {
  return db.query(
    sql`SELECT ${ROW_COLUMNS} FROM use_requests u WHERE ${overdueOn(today)} ORDER BY u.due_on, u.id
        LIMIT ${paging.pageSize} OFFSET ${(paging.page - 1) * paging.pageSize}`
  )
}

/** R-USE-10: the requests of one register whose records went out in the date range, in the order they went out. */
export async function registerRequestIds(
  db: Db,
  register: 'loan' | 'consultation',
  from: string,
  to: string
): Promise<number[]> {
  const kinds = register === 'loan' ? ['loan', 'excerpt'] : ['consultation']
  const rows = await db.query<{ id: number }>(
    sql`SELECT id FROM use_requests WHERE kind IN ${kinds} AND out_on BETWEEN ${from} AND ${to} ORDER BY out_on, id`
  )
  return rows.map((row) => row.id)
}
