import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import {
  DUPLICATE_SIMILARITY,
  DUPLICATE_WINDOW_MS,
  formatFeedbackCode,
  textSimilarity,
} from '../../../domain/feedback.ts';
import { feedbackRates, ratio } from '../../../domain/indicators.ts';
import { plainWords } from '../../../domain/search-suggestions.ts';
import { PROVINCES_2025 } from '../../../domain/vietnam-provinces.ts';
import { isOneOf } from '../../../domain/one-of.ts';
import { parsePeriod } from '../../../domain/stats-period.ts';
import { commonErrors } from '../../platform/errors.ts';
import { vietnamDate } from '../../../domain/vietnam-time.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { insertRows } from '../../platform/row-writes.ts';
import { storeSniffedUpload, type ReceivedUpload } from '../../platform/uploads.ts';
import { isCommuneOf } from '../catalog/index.ts';
import { dossierReference } from '../dossiers/index.ts';
import { contactOfAccount } from '../identity/index.ts';
import { mailRow, noticeRows } from '../notifications/index.ts';
import { feedbackErrors } from './errors.ts';
import * as repository from './repository.ts';
import type { SendFeedbackInput } from './schemas.ts';
import { createFeedbackDesk } from './service.desk.ts';
import { createFeedbackFederation } from './service.federation.ts';
import {
  ACCEPTED_MEDIA_TYPES,
  feedbackView,
  fileContent,
  type FeedbackDeps,
  summaryOf,
} from './views.ts';

/** What one sender may send in a day, beyond the per-address rate limit of the route. */
export const FEEDBACK_PER_SENDER_PER_DAY = 10;

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const newKey = () => randomBytes(18).toString('base64url');

/** Whether a key given by a caller is the one whose hash is kept (in constant time). */
export function keyMatches(key: string | undefined, hash: string): boolean {
  if (!key) return false;
  const given = Buffer.from(sha256(key), 'hex');
  const kept = Buffer.from(hash, 'hex');
  return given.length === kept.length && timingSafeEqual(given, kept);
}

/** Who sends: a signed-in person (their account), a machine client, or someone who left a contact. */
export type FeedbackSender =
  { kind: 'account'; actor: Actor } | { kind: 'anonymous'; ip: string; apiClientId?: string };

export type FeedbackService = ReturnType<typeof createFeedbackService>;

export function createFeedbackService(deps: FeedbackDeps) {
  const { db } = deps;
  let deskAgency: { id: string } | undefined;
  const receivingAgency = async () => {
    deskAgency ??= await repository.findAgencyByCode(db, deps.deskAgencyCode);
    if (!deskAgency)
      throw new Error(`FEEDBACK_DESK_AGENCY ${deps.deskAgencyCode} is not an agency`);
    return deskAgency;
  };

  const toView = async (row: repository.FeedbackRow) =>
    feedbackView(row, await repository.listFiles(db, row.id));

  /** The item, if the caller sent it: signed in as its sender, or holding its key. */
  async function ownItem(actor: Actor | null, code: string, key: string | undefined) {
    const row = await repository.findFeedback(db, code);
    if (!row) throw feedbackErrors.notFound();
    const mine = actor !== null && row.sender_account_id === actor.accountId;
    if (!mine && !keyMatches(key, row.tracking_key_hash))
      throw actor ? feedbackErrors.notFound.hidden() : feedbackErrors.notFound();
    return row;
  }

  return {
    desk: createFeedbackDesk(deps),
    federation: createFeedbackFederation(deps),

    categories: async () =>
      (await repository.listCategories(db)).map((c) => ({
        code: c.code,
        name: c.name,
        description: c.description,
        subject: c.subject,
        answerDays: c.answer_days,
        extensionDays: c.extension_days,
      })),

    /** Keeps one attachment until the item that names it is sent; its key claims it then. */
    async uploadFile(upload: ReceivedUpload) {
      const stored = await storeSniffedUpload(
        deps.storage,
        upload.content,
        ACCEPTED_MEDIA_TYPES,
        'feedback',
        deps.scanner,
      );
      if (!stored) throw feedbackErrors.fileType();
      const key = newKey();
      const { id } = await repository.insertFeedbackFile(db, {
        claimKeyHash: sha256(key),
        fileName: upload.fileName,
        ...stored,
      });
      return {
        id,
        key,
        fileName: upload.fileName,
        mediaType: stored.mediaType,
        sizeBytes: stored.sizeBytes,
      };
    },

    /**
     * Receives an item at the receiving desk. Refused, with nothing kept: an unknown category, a
     * dossier that is not the sender's, no way to answer an anonymous sender, more than the day's
     * allowance, or the same text sent again within a day (the answer names the first code).
     */
    async send(sender: FeedbackSender, input: SendFeedbackInput) {
      const category = await repository.findCategory(db, input.categoryCode);
      if (!category) throw feedbackErrors.categoryNotFound();
      const account = sender.kind === 'account' ? sender.actor : null;
      const contact = account
        ? await contactOfAccount(db, account.accountId)
        : { fullName: input.senderName ?? '', phone: null, email: null };
      const phone = input.phone ?? contact.phone;
      const email = input.email?.toLowerCase() ?? contact.email;
      if (!account && (!input.senderName || (!phone && !email)))
        throw feedbackErrors.contactRequired();

      if (input.province && !isOneOf(PROVINCES_2025, input.province))
        throw feedbackErrors.place(
          'Tỉnh, thành phố không có trong danh mục 34 đơn vị hành chính cấp tỉnh',
        );
      if (input.commune && (!input.province || !isCommuneOf(input.province, input.commune)))
        throw feedbackErrors.place('Xã, phường không thuộc tỉnh, thành phố đã chọn');

      let dossierId: string | null = null;
      if (input.dossierCode) {
        const dossier = await dossierReference(db, { code: input.dossierCode });
        if (!dossier || !account || dossier.applicantId !== account.accountId)
          throw feedbackErrors.dossierNotFound();
        dossierId = dossier.id;
      }

      const now = new Date();
      const recent = await repository.recentBySender(
        db,
        account ? { accountId: account.accountId } : { phone, email },
        new Date(now.getTime() - DUPLICATE_WINDOW_MS),
      );
      if (recent.length >= FEEDBACK_PER_SENDER_PER_DAY) throw feedbackErrors.tooMany();
      const text = `${input.title} ${input.content}`;
      const repeated = recent.find(
        (r) => textSimilarity(`${r.title} ${r.content}`, text) >= DUPLICATE_SIMILARITY,
      );
      if (repeated) {
        const error = feedbackErrors.duplicate(`Mã phản ánh đã gửi: ${repeated.code}`);
        error.extensions.existingCode = repeated.code;
        throw error;
      }

      const agency = await receivingAgency();
      const source = sender.kind === 'anonymous' && sender.apiClientId ? 'open311' : 'portal';
      const trackingKey = newKey();
      const senderName = account ? contact.fullName : (input.senderName ?? '');
      const actorName = account ? account.fullName : senderName;
      const created = await db.transaction().execute(async (tx) => {
        const number = await repository.nextFeedbackNumber(tx);
        const item = await repository.insertFeedback(tx, {
          code: formatFeedbackCode(vietnamDate(now), number),
          tracking_key_hash: sha256(trackingKey),
          category_code: category.code,
          dossier_id: dossierId,
          title: input.title,
          content: input.content,
          province: input.province ?? null,
          commune: input.commune ?? null,
          address: input.address ?? null,
          latitude: input.latitude ?? null,
          longitude: input.longitude ?? null,
          sender_account_id: account?.accountId ?? null,
          sender_name: senderName,
          sender_phone: phone,
          sender_email: email,
          consent_to_publish: input.consentToPublish,
          source,
          api_client_id: sender.kind === 'anonymous' ? (sender.apiClientId ?? null) : null,
          receiving_agency_id: agency.id,
          holder_agency_id: agency.id,
          received_at: now,
        });
        const attachments = input.attachments ?? [];
        const claimed = await repository.claimFiles(
          tx,
          item.id,
          attachments.map((a) => ({ id: a.id, keyHash: sha256(a.key) })),
        );
        if (claimed !== attachments.length) throw feedbackErrors.fileNotFound();
        await repository.insertEvent(tx, {
          feedbackId: item.id,
          action: 'sent',
          actorId: account?.accountId ?? null,
          actorName,
          agencyId: agency.id,
        });
        await appendAudit(tx, {
          actor: account ?? {
            anonymous: actorName,
            ip: sender.kind === 'anonymous' ? sender.ip : '',
          },
          action: 'feedback.sent',
          subject: { type: 'feedback', id: item.id },
          agencyId: agency.id,
          details: {
            code: item.code,
            source,
          },
        });
        const title = `Đã tiếp nhận phản ánh, kiến nghị ${item.code}`;
        const body = `Phản ánh, kiến nghị "${input.title}" đã được tiếp nhận với mã ${item.code}. Theo dõi tại ${deps.publicUrl}/phan-anh/${item.code}.`;
        if (account)
          await insertRows(
            tx,
            noticeRows({ accountId: account.accountId, email, dossierId, title, body }),
          );
        else if (email) await insertRows(tx, [mailRow({ to: email, subject: title, body })]);
        return item;
      });
      return { code: created.code, trackingKey, state: created.state };
    },

    mine: async (actor: Actor) =>
      (await repository.listBySender(db, actor.accountId)).map(summaryOf),

    /** The sender's view of their item (404 to anyone else). */
    view: async (actor: Actor | null, code: string, key?: string) =>
      toView(await ownItem(actor, code, key)),

    async fileOf(actor: Actor | null, code: string, fileId: string, key?: string) {
      const row = await ownItem(actor, code, key);
      return fileContent(deps, row.id, fileId);
    },

    /** The sender rates the answer, once. */
    async rate(
      actor: Actor | null,
      code: string,
      rating: { satisfied: boolean; comment?: string; key?: string },
    ) {
      const row = await ownItem(actor, code, rating.key);
      if (row.state !== 'answered' || row.rated_at !== null) throw feedbackErrors.notRatable();
      await db.transaction().execute(async (tx) => {
        const locked = await repository.lockFeedback(tx, row.id);
        if (locked.state !== 'answered') throw feedbackErrors.notRatable();
        const result = await tx
          .updateTable('feedback')
          .set({
            rating_satisfied: rating.satisfied,
            rating_comment: rating.comment?.trim() || null,
            rated_at: new Date(),
          })
          .where('id', '=', row.id)
          .where('rated_at', 'is', null)
          .executeTakeFirst();
        if (Number(result.numUpdatedRows) !== 1) throw feedbackErrors.notRatable();
        // answered at a member system: the rating counts there too
        if (row.sent_to_member_at !== null && row.competent_agency_code)
          await insertRows(tx, [
            {
              table: 'feedback_transfer',
              row: { feedback_id: row.id, kind: 'rating', agency_code: row.competent_agency_code },
            },
          ]);
        await repository.insertEvent(tx, {
          feedbackId: row.id,
          action: rating.satisfied ? 'rated_satisfied' : 'rated_unsatisfied',
          actorId: actor?.accountId ?? null,
          actorName: row.sender_name,
          agencyId: row.competent_agency_id,
          note: rating.comment?.trim() || null,
        });
      });
      return toView((await repository.findFeedback(db, code)) ?? row);
    },

    /** The published answers, searchable without diacritics. */
    async published(query: { q?: string; page?: number }) {
      const page = query.page ?? 1;
      const rows = await repository.listPublished(db, plainWords(query.q ?? '').slice(0, 8), page);
      return {
        items: rows.slice(0, repository.PAGE_SIZE).map((r) => ({
          code: r.code,
          title: r.public_title ?? '',
          content: r.public_content ?? '',
          answer: r.public_answer ?? '',
          categoryName: r.category_name,
          agencyName: r.agency_name,
          receivedAt: r.received_at,
          answeredAt: r.answered_at ?? r.received_at,
        })),
        page,
        hasMore: rows.length > repository.PAGE_SIZE,
      };
    },

    /** The figures for items received in the period (Vietnam dates), nationally or for one agency. */
    async figures(query: { period: string; agencyCode?: string }) {
      const period = parsePeriod(query.period);
      if (!period) throw commonErrors.validation('Kỳ thống kê không hợp lệ');
      const agency = query.agencyCode
        ? await repository.findAgencyByCode(db, query.agencyCode)
        : undefined;
      if (query.agencyCode && !agency) throw feedbackErrors.agencyNotFound();
      const now = new Date();
      const rows = await repository.countFigures(db, {
        from: new Date(`${period.from}T00:00:00+07:00`),
        to: new Date(`${period.to}T00:00:00+07:00`),
        agencyId: agency?.id,
        now,
      });
      const n = (v: string | number) => Number(v);
      const sum = (key: keyof (typeof rows)[number]) =>
        rows.reduce((total, r) => total + n(r[key] as string), 0);
      const received = sum('received') - sum('merged');
      const forwarded = sum('forwarded');
      const answered = sum('answered');
      const rates = feedbackRates({
        competent: forwarded,
        answered,
        answeredOnTime: sum('answered_on_time'),
        lateOrUnsatisfied: sum('late_or_unsatisfied'),
      });
      return {
        period: { key: period.key, label: period.label },
        agencyName: agency?.name ?? null,
        received,
        withinScope: forwarded,
        rejected: sum('rejected'),
        merged: sum('merged'),
        forwarded,
        answered,
        answeredOnTime: sum('answered_on_time'),
        published: sum('published'),
        rated: sum('rated'),
        ratedUnsatisfied: sum('rated_unsatisfied'),
        answeredRate: ratio(answered, forwarded),
        ...rates,
        byAgency: rows
          .filter((r) => r.agency_code !== null)
          .map((r) => {
            const agencyRates = feedbackRates({
              competent: n(r.forwarded),
              answered: n(r.answered),
              answeredOnTime: n(r.answered_on_time),
              lateOrUnsatisfied: n(r.late_or_unsatisfied),
            });
            return {
              agencyCode: r.agency_code,
              agencyName: r.agency_name ?? '',
              forwarded: n(r.forwarded),
              answered: n(r.answered),
              answeredOnTime: n(r.answered_on_time),
              ...agencyRates,
            };
          })
          .sort((a, b) => b.forwarded - a.forwarded),
      };
    },
  };
}
