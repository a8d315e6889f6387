import { dropTables, dropTriggers, sqlMigration } from './sql-migration'

/** The search text of an item row `x`, as `refreshItemSearch` writes it into items_fts. */
export const SEARCH_BODY = (
  x: string
) => `${x}.title || char(10) || ${x}.document_number || char(10) || ${x}.responsible_party || char(10) ||
  COALESCE(${x}.archival_code, '') || char(10) || COALESCE((SELECT c.name FROM customers c WHERE c.id = ${x}.customer_id), '')`

/** Every pair of neighbouring characters of that text, as items_bigrams holds them (migration 1764800000000). */
export const SEARCH_GRAMS = (x: string) => `(SELECT group_concat(hex(lower(substr(b.body, p.n, 2))), ' ')
  FROM (SELECT ${SEARCH_BODY(x)} AS body) b JOIN search_positions p ON p.n < length(b.body)
  WHERE instr(substr(b.body, p.n, 2), char(10)) = 0)`

/** An item's key in title order is its bucket times this, plus its id. */
export const KEY_PER_BUCKET = 2_147_483_648

/**
 * The items the indexes in title order hold: ids from 1 to below `KEY_PER_BUCKET`, which is every id the app gives.
 * An id outside (written into the file by hand) would be read back as another item's, so it stays out, and while such
 * an item exists a search by title sorts all its matches instead (`titleOrderHoldsAll`).
 */
export const KEYED = (x: string) => `${x}.id BETWEEN 1 AND ${KEY_PER_BUCKET - 1}`

/**
 * The bucket of a title and id: the number of the last bucket that starts at or before them in title order, 0 before
 * the first.
 */
export const BUCKET_OF = (title: string, id: string) =>
  `COALESCE((SELECT b.bucket FROM title_buckets b WHERE (b.title, b.id) <= (${title}, ${id})
    ORDER BY b.title DESC, b.id DESC LIMIT 1), 0)`

/** An item row's key in the indexes kept in title order. */
export const TITLE_KEY = (x: string) => `(${BUCKET_OF(`${x}.title`, `${x}.id`)} * ${KEY_PER_BUCKET} + ${x}.id)`

/** Items per bucket when buckets are first cut, here and when one grows too big. */
export const BUCKET_CUT = 32

const SEARCHED = 'title, document_number, responsible_party, archival_code, customer_id'

const REINDEX = (x: string) => [
  `INSERT INTO items_title_fts (rowid, body) VALUES (${TITLE_KEY(x)}, ${SEARCH_BODY(x)})`,
  `INSERT INTO items_title_bigrams (rowid, grams) VALUES (${TITLE_KEY(x)}, ${SEARCH_GRAMS(x)})`
]
const UNINDEX = (x: string) => [
  `DELETE FROM items_title_fts WHERE rowid = ${TITLE_KEY(x)}`,
  `DELETE FROM items_title_bigrams WHERE rowid = ${TITLE_KEY(x)}`
]

/** The two indexes in title order and the triggers that keep them, as this migration makes them and takes them away. */
export const TITLE_INDEXES = {
  up: [
    `CREATE VIRTUAL TABLE items_title_fts USING fts5 (body, content = '', contentless_delete = 1, tokenize = 'trigram')`,
    `CREATE VIRTUAL TABLE items_title_bigrams USING fts5 (grams, content = '', contentless_delete = 1, detail = 'none', tokenize = 'ascii')`,
    `INSERT INTO items_title_fts (rowid, body) SELECT ${TITLE_KEY('i')}, ${SEARCH_BODY('i')} FROM items i WHERE ${KEYED('i')}`,
    `INSERT INTO items_title_bigrams (rowid, grams) SELECT ${TITLE_KEY('i')}, ${SEARCH_GRAMS('i')} FROM items i WHERE ${KEYED('i')}`,
    `CREATE TRIGGER items_title_insert AFTER INSERT ON items WHEN ${KEYED('NEW')} BEGIN ${REINDEX('NEW').join('; ')}; END`,
    `CREATE TRIGGER items_title_update AFTER UPDATE OF ${SEARCHED} ON items WHEN ${KEYED('NEW')} BEGIN
       ${[...UNINDEX('OLD'), ...REINDEX('NEW')].join('; ')}; END`,
    `CREATE TRIGGER items_title_delete AFTER DELETE ON items WHEN ${KEYED('OLD')} BEGIN ${UNINDEX('OLD').join('; ')}; END`,
    `CREATE TRIGGER items_title_customer AFTER UPDATE OF name ON customers BEGIN
       DELETE FROM items_title_fts WHERE rowid IN (SELECT ${TITLE_KEY('i')} FROM items i WHERE i.customer_id = NEW.id AND ${KEYED('i')});
       DELETE FROM items_title_bigrams WHERE rowid IN (SELECT ${TITLE_KEY('i')} FROM items i WHERE i.customer_id = NEW.id AND ${KEYED('i')});
       INSERT INTO items_title_fts (rowid, body) SELECT ${TITLE_KEY('i')}, ${SEARCH_BODY('i')} FROM items i WHERE i.customer_id = NEW.id AND ${KEYED('i')};
       INSERT INTO items_title_bigrams (rowid, grams) SELECT ${TITLE_KEY('i')}, ${SEARCH_GRAMS('i')} FROM items i WHERE i.customer_id = NEW.id AND ${KEYED('i')};
     END`
  ],
  down: [
    ...dropTriggers('items_title_customer', 'items_title_delete', 'items_title_update', 'items_title_insert'),
    ...dropTables('items_title_bigrams', 'items_title_fts')
  ]
}

/**
 * Issue 19: a search sorted by title read every match before its first page (合同, 169 079 matches at 1M items: 56 ms;
 * 有限公司, 363 000: 120 ms). The same search text now also sits in two indexes whose rowid follows title order: the
 * items are cut into buckets of consecutive titles, numbered with gaps in title order, and an item's rowid there is its
 * bucket's number, then its id. A page reads the matches in rowid order up to the end of the bucket where it ends, and
 * sorts only those by title. Triggers keep both indexes, as they keep items_bigrams; `keepTitleBucketsSmall` cuts a
 * bucket that grew, so a page never reads far past its end.
 */
export const TitleOrderSearch1766100000000 = sqlMigration('TitleOrderSearch1766100000000', {
  up: [
    `CREATE TABLE title_buckets (title TEXT NOT NULL, id INTEGER NOT NULL, bucket INTEGER NOT NULL UNIQUE,
       PRIMARY KEY (title, id)) WITHOUT ROWID`,
    // Every BUCKET_CUT-th item starts a bucket; their numbers are spread over all there are, leaving room to cut.
    `INSERT INTO title_buckets (title, id, bucket)
       SELECT title, id, (r / ${BUCKET_CUT}) * ((${KEY_PER_BUCKET} - 1) / ((SELECT COUNT(*) FROM items) / ${BUCKET_CUT} + 1))
       FROM (SELECT title, id, row_number() OVER (ORDER BY title, id) - 1 AS r FROM items)
       WHERE r % ${BUCKET_CUT} = 0 AND r > 0`,
    ...TITLE_INDEXES.up
  ],
  down: [...TITLE_INDEXES.down, ...dropTables('title_buckets')]
})
