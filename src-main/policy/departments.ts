import { allowed, refuse, type Decision } from './decision'

/**
 * R-ROLE-3, R-USE-1: an account's department is a code of the filing settings' department list, so the department
 * named on a person's request and the department head who signs it are always the same one. No department is
 * allowed (administrators, auditors); a department the account already had stays, so an old free-text value is
 * never rejected by an unrelated edit.
 */
export function decideAccountDepartment(department: string, known: string[], previous?: string): Decision {
  if (department === '' || known.includes(department) || department === previous) return allowed
  return refuse('R-ROLE-3', 'validation.departmentUnknown')
}

export interface DepartmentUse {
  code: string
  /** Who or what uses the department: accounts by name, records by archival code or title. */
  users: string[]
  records: string[]
}

/** How many names a refusal lists before it says "and n more": enough to find them, short enough to read. */
const NAMED = 5

const named = (names: string[]) =>
  names.length <= NAMED ? names.join('、') : `${names.slice(0, NAMED).join('、')} … (${names.length})`

/**
 * R-ROLE-3: a department cannot leave the list while an account or a record still names it, or the archivist would
 * be left with a person or a file whose department does not exist. The refusal names them.
 */
export function decideDepartmentRemoval(uses: DepartmentUse[]): Decision {
  const used = uses.find((use) => use.users.length > 0 || use.records.length > 0)
  if (!used) return allowed
  return refuse('R-ROLE-3', 'errors.departmentInUse', {
    department: used.code,
    users: used.users.length > 0 ? named(used.users) : '—',
    records: used.records.length > 0 ? named(used.records) : '—'
  })
}
