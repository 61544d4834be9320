import { sql, type Kysely } from 'kysely';

/**
 * The dossier register is read in order of submission, batch after batch from the last row read
 * (keyset, issue 23): one index range each, so a register of a million dossiers streams at an even
 * pace instead of sorting the period again for every batch.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await sql`create index dossier_register on dossier (submitted_at, id)`.execute(db);
}
