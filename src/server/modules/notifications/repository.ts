import { sql, type Kysely, type Transaction } from 'kysely';
import type { Database } from '../../db/schema.ts';

type Db = Kysely<Database> | Transaction<Database>;

export function listNotices(db: Db, accountId: string, limit: number) {
  return db
    .selectFrom('notification')
    .leftJoin('dossier', 'dossier.id', 'notification.dossier_id')
    .select([
      'notification.id',
      'notification.title',
      'notification.body',
      'notification.created_at',
      'notification.read_at',
      'dossier.code as dossier_code',
    ])
    .where('notification.account_id', '=', accountId)
    .orderBy('notification.created_at', 'desc')
    .limit(limit)
    .execute();
}

export async function markRead(db: Db, accountId: string) {
  await db
    .updateTable('notification')
    .set({ read_at: sql`now()` })
    .where('account_id', '=', accountId)
    .where('read_at', 'is', null)
    .execute();
}

/** Unsent mail, oldest first, locked so that two workers never send the same message. */
export function lockUnsentMail(db: Transaction<Database>, limit: number) {
  return db
    .selectFrom('mail_message')
    .select(['id', 'to_address', 'subject', 'body_text', 'attachments', 'attempts'])
    .where('sent_at', 'is', null)
    .where('attempts', '<', 10)
    .orderBy('created_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

export async function markMail(
  db: Db,
  id: string,
  outcome: { sent: true } | { sent: false; error: string },
) {
  await db
    .updateTable('mail_message')
    .set(
      outcome.sent
        ? { sent_at: sql`now()`, attempts: sql`attempts + 1`, last_error: null }
        : { attempts: sql`attempts + 1`, last_error: outcome.error.slice(0, 500) },
    )
    .where('id', '=', id)
    .execute();
}

export function listMail(db: Db, limit: number) {
  return db
    .selectFrom('mail_message')
    .select(['id', 'to_address', 'subject', 'body_text', 'created_at', 'sent_at'])
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
}
