import path from 'node:path'
import type { MigrationInterface, QueryRunner } from 'typeorm'
import { sealValue } from '../field-codec'
import { ensureFieldKey } from '../field-key'

/**
 * Issue 20, S6, S7, S124–S125: ID numbers and personal assets get a table of their own, encrypted, with a keyed
 * fingerprint to find an ID number by; the contact persons' phones and e-mails already stored are encrypted in place.
 * The key is the one beside the database (made here when there is something to encrypt and none yet), so a restore
 * that brings an older backup up to date encrypts it with this installation's key.
 */
export class SensitiveFields1765310000000 implements MigrationInterface {
  name = 'SensitiveFields1765310000000'

  async up(runner: QueryRunner): Promise<void> {
    await runner.query(`CREATE TABLE customer_sensitive_values (
      customer_id INTEGER NOT NULL REFERENCES customers (id),
      field TEXT NOT NULL CHECK (field IN ('idNumber','personalAssets')),
      value TEXT NOT NULL,
      fingerprint TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      PRIMARY KEY (customer_id, field)
    )`)
    await runner.query(`CREATE INDEX customer_sensitive_fingerprint ON customer_sensitive_values (field, fingerprint)`)
    const plain = (await runner.query(
      `SELECT id, phone, email FROM customer_contacts
       WHERE (phone <> '' AND phone NOT LIKE 'enc1:%') OR (email <> '' AND email NOT LIKE 'enc1:%')`
    )) as { id: number; phone: string; email: string }[]
    if (plain.length === 0) return
    const key = ensureFieldKey(path.dirname(String(runner.connection.options.database)))
    for (const row of plain) {
      await runner.query('UPDATE customer_contacts SET phone = ?, email = ? WHERE id = ?', [
        row.phone.startsWith('enc1:') ? row.phone : sealValue(key, 'contact.phone', row.phone),
        row.email.startsWith('enc1:') ? row.email : sealValue(key, 'contact.email', row.email),
        row.id
      ])
    }
  }

  async down(runner: QueryRunner): Promise<void> {
    await runner.query('DROP TABLE customer_sensitive_values')
  }
}
