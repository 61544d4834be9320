import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/server/db/schema.ts';

/**
 * The dossiers of a database in order of reception, each with the rows that must come with it
 * counted: its events, files, audit records and progress messages for the national portal.
 */
export async function dossiersWithTheirRows(db: Kysely<Database>) {
  const rows = await db
    .selectFrom('dossier')
    .select(['dossier.code', 'dossier.service_id'])
    .select((eb) => [
      eb
        .selectFrom('dossier_event')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('dossier_event.dossier_id', '=', 'dossier.id')
        .as('events'),
      eb
        .selectFrom('stored_file')
        .select((e) => e.fn.countAll<number>().as('n'))
        .whereRef('stored_file.dossier_id', '=', 'dossier.id')
        .as('files'),
      eb
        .selectFrom('audit_record')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where(sql<boolean>`audit_record.subject_id = dossier.id::text`)
        .as('audits'),
      eb
        .selectFrom('outbox_message')
        .select((e) => e.fn.countAll<number>().as('n'))
        .where('outbox_message.type', '=', 'dossier.progress')
        .whereRef('outbox_message.key', '=', 'dossier.code')
        .as('progress'),
    ])
    .orderBy('dossier.submitted_at')
    .orderBy('dossier.code')
    .execute();
  return rows.map((row) => ({
    code: row.code,
    serviceId: row.service_id,
    events: Number(row.events),
    files: Number(row.files),
    audits: Number(row.audits),
    progress: Number(row.progress),
  }));
}
