/**
 * SQL written as a tagged template: every interpolated value is bound as a parameter, never spliced into the text,
 * so a query cannot be turned by what a person typed. Fragments compose, arrays become IN-lists, and the few names
 * that must be part of the text (a sort column chosen from a fixed list) go through `sql.identifier`.
 */
export class SqlQuery {
  constructor(
    readonly text: string,
    readonly values: readonly unknown[]
  ) {}
}

type Interpolation = unknown

function append(parts: { text: string; values: unknown[] }, value: Interpolation): void {
  if (value instanceof SqlQuery) {
    parts.text += value.text
    parts.values.push(...value.values)
  } else if (Array.isArray(value)) {
    // An empty IN-list is not SQL; `IN (NULL)` is, and matches nothing, which is what an empty list means.
    if (value.length === 0) parts.text += '(NULL)'
    else {
      parts.text += `(${value.map(() => '?').join(', ')})`
      parts.values.push(...value)
    }
  } else {
    parts.text += '?'
    parts.values.push(typeof value === 'boolean' ? Number(value) : value)
  }
}

export function sql(strings: TemplateStringsArray, ...values: Interpolation[]): SqlQuery {
  const parts = { text: strings[0], values: [] as unknown[] }
  values.forEach((value, index) => {
    append(parts, value)
    parts.text += strings[index + 1]
  })
  return new SqlQuery(parts.text, parts.values)
}

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/

/** A table or column name from the code's own lists; anything else is a programming error. */
sql.identifier = (name: string): SqlQuery => {
  if (!IDENTIFIER.test(name)) throw new Error(`not an SQL identifier: ${name}`)
  return new SqlQuery(name, [])
}

/** Fragments joined by a separator, e.g. conditions by ' AND ' or columns by ', '. */
sql.join = (fragments: readonly SqlQuery[], separator: string): SqlQuery =>
  new SqlQuery(
    fragments.map((fragment) => fragment.text).join(separator),
    fragments.flatMap((fragment) => fragment.values)
  )

/** `WHERE a AND b …`, or nothing when there are no conditions. */
sql.where = (conditions: readonly SqlQuery[]): SqlQuery =>
  conditions.length === 0 ? sql.empty : sql`WHERE ${sql.join(conditions, ' AND ')}`

sql.empty = new SqlQuery('', [])
