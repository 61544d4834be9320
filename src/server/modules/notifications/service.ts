import type { Kysely, Transaction } from 'kysely';
import type { Transporter } from 'nodemailer';
import type { Database, MailAttachment } from '../../db/schema.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import type { Actor } from '../../platform/actor.ts';
import { insertRows, type RowWrite } from '../../platform/row-writes.ts';
import * as repository from './repository.ts';

export type Notice = {
  accountId: string;
  /** Where the mail goes; null when the person gave no email. */
  email: string | null;
  dossierId: string | null;
  title: string;
  body: string;
  /** Files the mail carries (the account's notice links to the dossier instead). */
  attachments?: MailAttachment[];
};

/** A notice in the person's account and, when they gave an email, its mail (sent by the mail job), as rows for the caller's statement. */
export function noticeRows(notice: Notice): RowWrite[] {
  const { accountId, email, dossierId, title, body, attachments = [] } = notice;
  return [
    { table: 'notification', row: { account_id: accountId, dossier_id: dossierId, title, body } },
    ...(email
      ? [
          {
            table: 'mail_message' as const,
            row: {
              to_address: email,
              subject: title,
              body_text: body,
              dossier_id: dossierId,
              attachments: JSON.stringify(attachments),
            },
          },
        ]
      : []),
  ];
}

/** A mail to someone without an account here (an anonymous feedback sender), as a row for the caller's statement. */
export function mailRow(mail: { to: string; subject: string; body: string }): RowWrite {
  return {
    table: 'mail_message',
    row: {
      to_address: mail.to,
      subject: mail.subject,
      body_text: mail.body,
      dossier_id: null,
      attachments: JSON.stringify([]),
    },
  };
}

/** Tells a person in their account and by mail; commits with `db` when it is a transaction. */
export function notifyAccount(db: Kysely<Database> | Transaction<Database>, notice: Notice) {
  return insertRows(db, noticeRows(notice));
}

export type NotificationService = ReturnType<typeof createNotificationService>;

export function createNotificationService(
  db: Kysely<Database>,
  mail: { transport: Transporter; from: string; storage: FileStorage },
) {
  return {
    list: async (actor: Actor) =>
      (await repository.listNotices(db, actor.accountId, 50)).map((n) => ({
        id: n.id,
        title: n.title,
        body: n.body,
        dossierCode: n.dossier_code,
        createdAt: n.created_at,
        read: n.read_at !== null,
      })),

    markAllRead: async (actor: Actor) => {
      await repository.markRead(db, actor.accountId);
      return { done: true as const };
    },

    /** Demo mode only: the mail the platform would have sent, newest first. */
    capturedMail: async () =>
      (await repository.listMail(db, 100)).map((m) => ({
        id: m.id,
        to: m.to_address,
        subject: m.subject,
        body: m.body_text,
        createdAt: m.created_at,
        sentAt: m.sent_at,
      })),

    /** Sends a batch of unsent mail; a failure is recorded and retried by the next run. */
    async sendPendingMail(limit = 50): Promise<number> {
      return db.transaction().execute(async (tx) => {
        const batch = await repository.lockUnsentMail(tx, limit);
        for (const message of batch) {
          try {
            await mail.transport.sendMail({
              from: mail.from,
              to: message.to_address,
              subject: message.subject,
              text: message.body_text,
              attachments: message.attachments.map((file) => ({
                filename: file.fileName,
                contentType: file.mediaType,
                content: mail.storage.read(file.storageKey),
              })),
            });
            await repository.markMail(tx, message.id, { sent: true });
          } catch (error) {
            await repository.markMail(tx, message.id, { sent: false, error: String(error) });
          }
        }
        return batch.length;
      });
    },
  };
}
