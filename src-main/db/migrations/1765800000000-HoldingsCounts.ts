import { dropTriggers, sqlMigration } from './sql-migration'

/** One table's kept records (not destroyed) in the counts, by category and year; volumes have no pages. */
function counted(table: 'items' | 'volumes'): { subject: string; pages: (row: string) => string } {
  return table === 'items'
    ? { subject: 'item', pages: (row) => `${row}.page_count` }
    : { subject: 'volume', pages: () => '0' }
}

function triggers(table: 'items' | 'volumes'): [string, string][] {
  const { subject, pages } = counted(table)
  const add = `INSERT INTO holdings_counts (subject, category_code, year, n, pages)
      SELECT '${subject}', NEW.category_code, NEW.year, 1, ${pages('NEW')} WHERE NEW.custody <> 'destroyed'
      ON CONFLICT (subject, category_code, year) DO UPDATE SET n = n + 1, pages = pages + excluded.pages;`
  const remove = `UPDATE holdings_counts SET n = n - 1, pages = pages - ${pages('OLD')}
      WHERE subject = '${subject}' AND category_code = OLD.category_code AND year = OLD.year
        AND OLD.custody <> 'destroyed';`
  const columns = table === 'items' ? 'category_code, year, custody, page_count' : 'category_code, year, custody'
  return [
    [`${table}_holdings_insert`, `AFTER INSERT ON ${table} BEGIN ${add} END`],
    [`${table}_holdings_update`, `AFTER UPDATE OF ${columns} ON ${table} BEGIN ${remove} ${add} END`],
    [`${table}_holdings_delete`, `AFTER DELETE ON ${table} BEGIN ${remove} END`]
  ]
}

/**
 * Issue 19: the workbench's holdings charts counted every item and volume on each sign-in (a pass over a million rows).
 * The kept records are counted by category and year in `holdings_counts` instead, by triggers on both tables, so every
 * way a record is made, changed, destroyed or removed (forms, imports, restores of older files after this migration)
 * keeps the counts in the same transaction. A group whose records are all gone stays with n = 0.
 */
export const HoldingsCounts1765800000000 = sqlMigration('HoldingsCounts1765800000000', {
  up: [
    `CREATE TABLE holdings_counts (
      subject TEXT NOT NULL CHECK (subject IN ('item', 'volume')),
      category_code TEXT NOT NULL,
      year INTEGER NOT NULL,
      n INTEGER NOT NULL,
      pages INTEGER NOT NULL,
      PRIMARY KEY (subject, category_code, year)
    ) WITHOUT ROWID`,
    ...(['items', 'volumes'] as const).flatMap((table) => {
      const { subject, pages } = counted(table)
      return [
        `INSERT INTO holdings_counts (subject, category_code, year, n, pages)
         SELECT '${subject}', category_code, year, COUNT(*), SUM(${pages(table)}) FROM ${table}
         WHERE custody <> 'destroyed' GROUP BY category_code, year`,
        ...triggers(table).map(([name, body]) => `CREATE TRIGGER ${name} ${body}`)
      ]
    })
  ],
  down: [
    ...(['volumes', 'items'] as const).flatMap((table) =>
      dropTriggers(
        ...triggers(table)
          .map(([name]) => name)
          .reverse()
      )
    ),
    'DROP TABLE holdings_counts'
  ]
})
