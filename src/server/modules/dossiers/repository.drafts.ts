import { sql, type Kysely, type Transaction } from 'kysely';
import type { FeeChoice } from '../../../domain/fees.ts';
import type { Database, DraftDocument } from '../../db/schema.ts';
import { StatementText } from '../../platform/row-writes.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function findDraft(db: Db, accountId: string, serviceId: string) {
  return db
    .selectFrom('dossier_draft')
    .selectAll()
    .where('account_id', '=', accountId)
    .where('service_id', '=', serviceId)
    .where('expires_at', '>', sql<Date>`now()`)
    .executeTakeFirst();
}

/** The files a draft names that are still the citizen's and not yet part of a dossier. */
export function draftFiles(db: Db, accountId: string, fileIds: string[]) {
  if (fileIds.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('stored_file')
    .select(['id', 'file_name', 'media_type', 'size_bytes'])
    .where('owner_id', '=', accountId)
    .where('dossier_id', 'is', null)
    .where('id', 'in', fileIds)
    .execute();
}

export function upsertDraft(
  db: Db,
  draft: {
    accountId: string;
    serviceId: string;
    formData: Record<string, unknown>;
    feeChoice: FeeChoice | undefined;
    documents: DraftDocument[];
    step: number;
    retentionDays: number;
  },
) {
  const values = {
    form_data: JSON.stringify(draft.formData),
    fee_choice: draft.feeChoice ? JSON.stringify(draft.feeChoice) : null,
    documents: JSON.stringify(draft.documents),
    step: draft.step,
    saved_at: sql<Date>`now()`,
    expires_at: sql<Date>`now() + make_interval(days => ${draft.retentionDays})`,
  };
  return db
    .insertInto('dossier_draft')
    .values({ account_id: draft.accountId, service_id: draft.serviceId, ...values })
    .onConflict((c) => c.columns(['account_id', 'service_id']).doUpdateSet(values))
    .returning(['saved_at', 'expires_at'])
    .executeTakeFirstOrThrow();
}

export async function deleteDraft(db: Db, accountId: string, serviceId: string) {
  const statement = new StatementText();
  await db.executeQuery(statement.compiled(draftsDeletion(statement, [{ accountId, serviceId }])));
}

/** The statement deleting applicants' drafts, each of a service, to run within another. */
export function draftsDeletion(
  statement: StatementText,
  drafts: readonly { accountId: string; serviceId: string }[],
) {
  const keys = drafts.map(
    (draft) =>
      `(${statement.value(draft.accountId)}::uuid, ${statement.value(draft.serviceId)}::uuid)`,
  );
  return `delete from dossier_draft where (account_id, service_id) in (${keys.join(', ')})`;
}

/** Forgets drafts past their date; a draft is read only before it, so this is housekeeping. */
export async function deleteExpiredDrafts(db: Db) {
  await db
    .deleteFrom('dossier_draft')
    .where('expires_at', '<=', sql<Date>`now()`)
    .execute();
}
