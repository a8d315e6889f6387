import type { MigrationInterface, QueryRunner } from 'typeorm'

export class Records1764100000000 implements MigrationInterface {
  name = 'Records1764100000000'

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE volumes (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      fonds_code TEXT NOT NULL,
      catalogue_code TEXT NOT NULL,
      category_code TEXT NOT NULL,
      year INTEGER NOT NULL,
      retention_code TEXT NOT NULL,
      department_code TEXT NOT NULL DEFAULT '',
      series_key TEXT NOT NULL,
      volume_number INTEGER NOT NULL,
      archival_code TEXT NOT NULL UNIQUE,
      title TEXT NOT NULL,
      classification TEXT NOT NULL DEFAULT 'none',
      top_secret BOOLEAN NOT NULL DEFAULT 0,
      status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'closed')),
      notes TEXT NOT NULL DEFAULT '',
      compiled_by TEXT NOT NULL DEFAULT '',
      compiled_on TEXT NOT NULL DEFAULT '',
      checked_by TEXT NOT NULL DEFAULT '',
      checked_on TEXT NOT NULL DEFAULT '',
      closed_at TEXT,
      policy_version INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users (id),
      UNIQUE (series_key, volume_number)
    )`)
    await runner.query(`CREATE TABLE items (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      fonds_code TEXT NOT NULL,
      category_code TEXT NOT NULL,
      year INTEGER NOT NULL,
      year_reason TEXT NOT NULL DEFAULT '',
      retention_code TEXT NOT NULL,
      department_code TEXT NOT NULL,
      series_key TEXT,
      item_number INTEGER,
      archival_code TEXT UNIQUE,
      title TEXT NOT NULL,
      responsible_party TEXT NOT NULL DEFAULT '',
      document_number TEXT NOT NULL DEFAULT '',
      date_formed TEXT NOT NULL,
      page_count INTEGER NOT NULL DEFAULT 0,
      classification TEXT NOT NULL DEFAULT 'none' CHECK (classification IN ('none','internal','secret','confidential','top_secret')),
      open_status TEXT NOT NULL DEFAULT 'restricted' CHECK (open_status IN ('open','restricted','closed')),
      remarks TEXT NOT NULL DEFAULT '',
      document_kind TEXT NOT NULL DEFAULT 'ordinary',
      period_start_year INTEGER,
      period_end_year INTEGER,
      meeting_opened_on TEXT,
      customer_id INTEGER REFERENCES customers (id),
      customer_doc_type TEXT,
      sealed_original BOOLEAN NOT NULL DEFAULT 0,
      department_copy_note TEXT NOT NULL DEFAULT '',
      received_on TEXT NOT NULL,
      status TEXT NOT NULL DEFAULT 'received' CHECK (status IN ('received','catalogued','filed')),
      volume_id INTEGER REFERENCES volumes (id),
      position INTEGER,
      manual_position INTEGER,
      order_reason TEXT,
      start_page INTEGER,
      end_page INTEGER,
      policy_version INTEGER NOT NULL,
      version INTEGER NOT NULL DEFAULT 1,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      created_by INTEGER NOT NULL REFERENCES users (id),
      UNIQUE (series_key, item_number)
    )`)
    for (const column of [
      'year',
      'status',
      'volume_id',
      'customer_id',
      'category_code',
      'classification',
      'updated_at'
    ]) {
      await runner.query(`CREATE INDEX items_${column} ON items (${column})`)
    }
    await runner.query(`CREATE TABLE item_links (
      id INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL CHECK (kind IN ('request_reply','main_attachment','original_copy','printed_final','language_version')),
      from_id INTEGER NOT NULL REFERENCES items (id),
      to_id INTEGER NOT NULL REFERENCES items (id),
      CHECK (from_id <> to_id),
      UNIQUE (kind, from_id, to_id)
    )`)
    await runner.query(`CREATE INDEX item_links_to ON item_links (to_id)`)
    await runner.query(`CREATE VIRTUAL TABLE items_fts USING fts5 (body, tokenize = 'trigram')`)
  }

  async down(runner: QueryRunner): Promise<void> {
    for (const table of ['items_fts', 'item_links', 'items', 'volumes']) await runner.query(`DROP TABLE ${table}`)
  }
}
