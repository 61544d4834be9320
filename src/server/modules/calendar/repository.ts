import type { Kysely, Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';
import type { CalendarOverride } from '../../../domain/working-calendar.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function listOverrides(db: Db, year?: number) {
  let query = db
    .selectFrom('calendar_override')
    .select(['date', 'kind', 'name', 'legal_basis', 'created_at'])
    .orderBy('date');
  if (year !== undefined)
    query = query.where('date', '>=', `${year}-01-01`).where('date', '<=', `${year}-12-31`);
  return query.execute();
}

export async function upsertOverride(
  db: Db,
  override: CalendarOverride & { legalBasis: string | null; createdBy: string },
) {
  await db
    .insertInto('calendar_override')
    .values({
      date: override.date,
      kind: override.kind,
      name: override.name,
      legal_basis: override.legalBasis,
      created_by: override.createdBy,
    })
    .onConflict((oc) =>
      oc.column('date').doUpdateSet({
        kind: override.kind,
        name: override.name,
        legal_basis: override.legalBasis,
        created_by: override.createdBy,
      }),
    )
    .execute();
}

export async function deleteOverride(db: Db, date: string) {
  const result = await db
    .deleteFrom('calendar_override')
    .where('date', '=', date)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}
