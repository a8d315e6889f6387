import { dropIndexes, sqlMigration } from './sql-migration'

/**
 * Issue 19, a million records on one PC: the other big lists read a page in an index's order too, instead of sorting
 * every row to keep twenty. Volumes come newest year first, then by code; use requests by each date they can be sorted
 * by (created_at and out_on have theirs); the audit log newest first under a filter of user, entity or entity and
 * action, where an index on exactly those columns holds each filter's entries in id order.
 */
export const ListIndexes1764970000000 = sqlMigration('ListIndexes1764970000000', {
  up: [
    'CREATE INDEX volumes_year_code ON volumes (year DESC, archival_code)',
    'CREATE INDEX use_requests_start_on ON use_requests (start_on)',
    'CREATE INDEX use_requests_due_on ON use_requests (due_on)',
    'CREATE INDEX audit_username ON audit_log (username)',
    'CREATE INDEX audit_entity_only ON audit_log (entity)',
    'CREATE INDEX audit_entity_action ON audit_log (entity, action)'
  ],
  down: dropIndexes(
    'volumes_year_code',
    'use_requests_start_on',
    'use_requests_due_on',
    'audit_username',
    'audit_entity_only',
    'audit_entity_action'
  )
})
