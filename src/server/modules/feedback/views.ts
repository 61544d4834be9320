import type { Kysely } from 'kysely';
import { redactPersonalData } from '../../../domain/feedback.ts';
import type { WorkingCalendar } from '../../../domain/working-calendar.ts';
import type { Database } from '../../db/schema.ts';
import type { FileStorage } from '../../platform/file-storage.ts';
import type { MalwareScanner } from '../../platform/malware-scan.ts';
import type { RowWrite } from '../../platform/row-writes.ts';
import { mailRow, noticeRows } from '../notifications/index.ts';
import { feedbackErrors } from './errors.ts';
import * as repository from './repository.ts';

/** What an attachment may be, read from its bytes. */
export const ACCEPTED_MEDIA_TYPES = ['application/pdf', 'image/jpeg', 'image/png'];

export type FeedbackDeps = {
  db: Kysely<Database>;
  storage: FileStorage;
  scanner?: MalwareScanner;
  calendar: () => Promise<WorkingCalendar>;
  /** The agency whose desk receives new feedback (its QCVN 102 code). */
  deskAgencyCode: string;
  publicUrl: string;
  /**
   * On the national portal: the member system answering for an agency code, if one does; the
   * desk's forwarding to that agency goes to it (decision 0018).
   */
  memberFor?: (agencyCode: string) => Promise<{ name: string } | null | undefined>;
};

type Sender = Pick<
  repository.FeedbackRow,
  'sender_account_id' | 'sender_email' | 'dossier_id' | 'code' | 'title'
>;

/** Tells the sender: in their account and by mail, or by mail alone without an account. */
export const toSender = (row: Sender, title: string, body: string): RowWrite[] =>
  row.sender_account_id
    ? noticeRows({
        accountId: row.sender_account_id,
        email: row.sender_email,
        dossierId: row.dossier_id,
        title,
        body,
      })
    : row.sender_email
      ? [mailRow({ to: row.sender_email, subject: title, body })]
      : [];

/** Where the sender follows an item. */
export const followUrl = (publicUrl: string, code: string) => `${publicUrl}/phan-anh/${code}`;

/** The sender's notice of an extension. */
export const extensionNotice = (row: Sender, reason: string) =>
  toSender(
    row,
    `Gia hạn trả lời phản ánh, kiến nghị ${row.code}`,
    `Thời hạn trả lời phản ánh, kiến nghị "${row.title}" được gia hạn. Lý do: ${reason}`,
  );

/** The sender's notice of the answer, with where to rate it. */
export const answerNotice = (row: Sender, agencyName: string, answer: string, publicUrl: string) =>
  toSender(
    row,
    `Trả lời phản ánh, kiến nghị ${row.code}`,
    `${agencyName} trả lời phản ánh, kiến nghị "${row.title}":\n\n${answer}\n\nĐánh giá mức độ hài lòng tại ${followUrl(publicUrl, row.code)}.`,
  );

export const summaryOf = (r: {
  code: string;
  title: string;
  category_name: string;
  state: repository.FeedbackRow['state'];
  received_at: Date;
  due_at: Date | null;
  answered_at: Date | null;
  dossier_code: string | null;
}) => ({
  code: r.code,
  title: r.title,
  categoryName: r.category_name,
  state: r.state,
  receivedAt: r.received_at,
  dueAt: r.due_at,
  answeredAt: r.answered_at,
  dossierCode: r.dossier_code,
});

/** An attachment of an item, to stream. */
export async function fileContent(
  deps: Pick<FeedbackDeps, 'db' | 'storage'>,
  feedbackId: string,
  fileId: string,
) {
  const file = (await repository.listFiles(deps.db, feedbackId)).find((f) => f.id === fileId);
  if (!file) throw feedbackErrors.notFound();
  return {
    file_name: file.file_name,
    media_type: file.media_type,
    size_bytes: file.size_bytes,
    content: deps.storage.read(file.storage_key),
  };
}

/** What the public page would show of an item: personal data removed. */
export function publicVersion(item: {
  title: string;
  content: string;
  answer: string;
  senderName: string;
}) {
  const names = [item.senderName];
  return {
    title: redactPersonalData(item.title, names),
    content: redactPersonalData(item.content, names),
    answer: redactPersonalData(item.answer, names),
  };
}

/** What the sender sees of an item, and what an officer's view starts from. */
export function feedbackView(
  row: repository.FeedbackRow,
  files: Awaited<ReturnType<typeof repository.listFiles>>,
) {
  return {
    code: row.code,
    categoryCode: row.category_code,
    categoryName: row.category_name,
    title: row.title,
    content: row.content,
    dossierCode: row.dossier_code,
    province: row.province,
    commune: row.commune,
    address: row.address,
    state: row.state,
    receivedAt: row.received_at,
    dueAt: row.due_at,
    answeredAt: row.answered_at,
    answer: row.answer,
    rejectionReason: row.rejection_reason,
    competentAgencyName: row.competent_agency_name,
    mergedIntoCode: row.merged_into_code,
    published: row.published_at !== null,
    consentToPublish: row.consent_to_publish,
    rating:
      row.rating_satisfied === null
        ? null
        : { satisfied: row.rating_satisfied, comment: row.rating_comment },
    attachments: files.map((f) => ({
      id: f.id,
      fileName: f.file_name,
      mediaType: f.media_type,
      sizeBytes: f.size_bytes,
    })),
  };
}
