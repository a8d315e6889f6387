import type { SensitiveField } from '@preload/contract'
import type { Db } from './connection'
import { fieldKeyOf, fingerprintOf, openValue, sealValue } from './field-codec'
import { sql } from './sql'

/** S6, S7, S124–S125: a customer's sensitive values, opened; the table holds them encrypted. */
export async function sensitiveValues(db: Db, customerId: number): Promise<Map<SensitiveField, string>> {
  const key = fieldKeyOf(db)
  const rows = await db.query<{ field: SensitiveField; value: string }>(
    sql`SELECT field, value FROM customer_sensitive_values WHERE customer_id = ${customerId}`
  )
  return new Map(rows.map((row) => [row.field, openValue(key, `customer.${row.field}`, row.value)]))
}

/** Whether anything in the database is sealed under field.key: phones and e-mails of contacts, ID numbers, assets. */
export async function holdsSealedValues(db: Db): Promise<boolean> {
  const found = await db.query(
    sql`SELECT 1 FROM customer_sensitive_values
        UNION ALL SELECT 1 FROM customer_contacts WHERE phone LIKE 'enc1:%' OR email LIKE 'enc1:%'
        LIMIT 1`
  )
  return found.length > 0
}

/** An empty value removes the row: nothing is kept of what is not given. */
export async function upsertSensitiveValue(
  db: Db,
  customerId: number,
  field: SensitiveField,
  value: string,
  at: string
): Promise<void> {
  if (value === '') {
    await db.query(sql`DELETE FROM customer_sensitive_values WHERE customer_id = ${customerId} AND field = ${field}`)
    return
  }
  const key = fieldKeyOf(db)
  await db.query(
    sql`INSERT INTO customer_sensitive_values (customer_id, field, value, fingerprint, updated_at)
        VALUES (${customerId}, ${field}, ${sealValue(key, `customer.${field}`, value)},
                ${fingerprintOf(key, field, value)}, ${at})
        ON CONFLICT (customer_id, field) DO UPDATE SET value = excluded.value, fingerprint = excluded.fingerprint,
          updated_at = excluded.updated_at`
  )
}

export async function customersWithFingerprint(
  db: Db,
  field: SensitiveField,
  value: string
): Promise<{ id: number; name: string }[]> {
  return db.query(
    sql`SELECT c.id, c.name FROM customer_sensitive_values s JOIN customers c ON c.id = s.customer_id
        WHERE s.field = ${field} AND s.fingerprint = ${fingerprintOf(fieldKeyOf(db), field, value)} ORDER BY c.id`
  )
}
