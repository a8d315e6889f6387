import { dropIndexes, dropTables, dropTriggers, sqlMigration } from './sql-migration'

/** Longest search text an item can have: title, number, party, code and customer name with their separators. */
const POSITIONS = 4096

/** The search text of an item row `x`, as `refreshItemSearch` writes it into items_fts. */
const BODY = (
  x: string
) => `${x}.title || char(10) || ${x}.document_number || char(10) || ${x}.responsible_party || char(10) ||
  COALESCE(${x}.archival_code, '') || char(10) || COALESCE((SELECT c.name FROM customers c WHERE c.id = ${x}.customer_id), '')`

/**
 * Every pair of neighbouring characters of that text, lower-cased as LIKE compares them and written as hex, so each
 * pair is one token to FTS5 whatever characters it holds; pairs across a field boundary never match a search.
 */
const GRAMS = (x: string) => `(SELECT group_concat(hex(lower(substr(b.body, p.n, 2))), ' ')
  FROM (SELECT ${BODY(x)} AS body) b JOIN search_positions p ON p.n < length(b.body)
  WHERE instr(substr(b.body, p.n, 2), char(10)) = 0)`

/** The columns of the search text; an update of any other column leaves the pairs alone. */
const SEARCHED = 'title, document_number, responsible_party, archival_code, customer_id'

/**
 * Issue 19, a million records on one PC. Searches of two characters go through an index of character pairs beside the
 * trigram one (which needs three); triggers keep it, so every path that writes items (the services, imports, restores
 * of older files) fills it. Indexes let the annual statistics, the workbench and the ranked search read only what they
 * count or show.
 */
export const SearchAndStatistics1764800000000 = sqlMigration('SearchAndStatistics1764800000000', {
  up: [
    `CREATE TABLE search_positions (n INTEGER PRIMARY KEY)`,
    `WITH RECURSIVE p(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < ${POSITIONS}) INSERT INTO search_positions SELECT n FROM p`,
    // Only which items hold a pair is stored (detail=none): a search of two characters is one token.
    `CREATE VIRTUAL TABLE items_bigrams USING fts5 (grams, content = '', contentless_delete = 1, detail = 'none', tokenize = 'ascii')`,
    `INSERT INTO items_bigrams (rowid, grams) SELECT i.id, ${GRAMS('i')} FROM items i`,
    `CREATE TRIGGER items_bigrams_insert AFTER INSERT ON items BEGIN
         INSERT INTO items_bigrams (rowid, grams) VALUES (NEW.id, ${GRAMS('NEW')}); END`,
    `CREATE TRIGGER items_bigrams_update AFTER UPDATE OF ${SEARCHED} ON items BEGIN
         DELETE FROM items_bigrams WHERE rowid = OLD.id;
         INSERT INTO items_bigrams (rowid, grams) VALUES (NEW.id, ${GRAMS('NEW')}); END`,
    `CREATE TRIGGER items_bigrams_delete AFTER DELETE ON items BEGIN DELETE FROM items_bigrams WHERE rowid = OLD.id; END`,
    `CREATE TRIGGER items_bigrams_customer AFTER UPDATE OF name ON customers BEGIN
         DELETE FROM items_bigrams WHERE rowid IN (SELECT id FROM items WHERE customer_id = NEW.id);
         INSERT INTO items_bigrams (rowid, grams) SELECT i.id, ${GRAMS('i')} FROM items i WHERE i.customer_id = NEW.id; END`,
    // Exact document numbers rank first in a search (archival codes have their unique index).
    'CREATE INDEX items_document_number ON items (document_number)',
    // Holdings at a year end and now: one pass in group order over an index that holds every column it reads.
    `CREATE INDEX items_holdings ON items (category_code, year, retention_code, classification, custody, created_at, page_count, register_line_id)`,
    'CREATE INDEX items_received_on ON items (received_on, category_code, page_count)',
    'CREATE INDEX items_created_by ON items (created_by, created_at)',
    'CREATE INDEX items_register_line ON items (register_line_id) WHERE register_line_id IS NOT NULL',
    'CREATE INDEX volumes_register_line ON volumes (register_line_id) WHERE register_line_id IS NOT NULL',
    'CREATE INDEX destruction_lines_destroyed_on ON destruction_lines (destroyed_on)',
    // R-FILE-9, R-CUST-3: the records not yet filed, the only ones that can be late.
    `CREATE INDEX items_unfiled_received ON items (received_on) WHERE customer_id IS NOT NULL
         AND (status = 'received' OR (status = 'catalogued' AND home_location_id IS NULL))`,
    `CREATE INDEX items_unfiled_year ON items (year) WHERE status = 'received' OR (status = 'catalogued' AND home_location_id IS NULL)`,
    'CREATE INDEX use_requests_out ON use_requests (out_on)',
    'CREATE INDEX use_requests_created ON use_requests (created_at)',
    'CREATE INDEX audit_user_action ON audit_log (user_id, entity, action, at)'
  ],
  down: [
    ...dropIndexes(
      'items_document_number',
      'items_holdings',
      'items_received_on',
      'items_created_by',
      'items_register_line',
      'volumes_register_line',
      'destruction_lines_destroyed_on',
      'items_unfiled_received',
      'items_unfiled_year',
      'use_requests_out',
      'use_requests_created',
      'audit_user_action'
    ),
    ...dropTriggers('items_bigrams_customer', 'items_bigrams_delete', 'items_bigrams_update', 'items_bigrams_insert'),
    ...dropTables('items_bigrams', 'search_positions')
  ]
})
