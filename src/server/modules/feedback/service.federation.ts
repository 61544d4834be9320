import { createHash, randomBytes } from 'node:crypto';
import { buffer } from 'node:stream/consumers';
import { sql, type Kysely, type Transaction } from 'kysely';
import { FEEDBACK_PROGRESS, formatFeedbackCode } from '../../../domain/feedback.ts';
import { formatDateTime, vietnamDate } from '../../../domain/vietnam-time.ts';
import type { Database } from '../../db/schema.ts';
import { appendAudit } from '../../platform/audit.ts';
import { outboxRecord } from '../../platform/outbox.ts';
import {
  DELIVERY_LEASE_SECONDS,
  REFUSED_BY_MEMBER,
  retryWaitSeconds,
} from '../../platform/member-delivery.ts';
import { startPoller } from '../../platform/poller.ts';
import { insertRows } from '../../platform/row-writes.ts';
import { safeFileName, storeSniffedUpload, type StoredUpload } from '../../platform/uploads.ts';
import { dossierReference } from '../dossiers/index.ts';
import { officersHolding } from '../identity/index.ts';
import { noticeRows } from '../notifications/index.ts';
import { feedbackErrors } from './errors.ts';
import * as repository from './repository.ts';
import {
  ACCEPTED_MEDIA_TYPES,
  answerNotice,
  extensionNotice,
  publicVersion,
  type FeedbackDeps,
} from './views.ts';

/**
 * Feedback across systems (decision 0018). On the national portal, the desk's forwarding to an
 * agency a member system answers for becomes a transfer: the item, signed by the portal, goes to
 * that member, which handles it with its own desk and officers; each of its changes comes back as a
 * `feedback.progress` message on the federation stream, and the sender's rating goes back to it.
 * The sender deals with the portal only: notices, the answer and the public page are the portal's.
 */

const PORTAL = 'Cổng Dịch vụ công quốc gia';
const sha256 = (content: Uint8Array | string) => createHash('sha256').update(content).digest('hex');

/** The member's intake, relative to its public address. */
const FEEDBACK_PATH = '/api/v1/federation/feedback';

type Db = Kysely<Database> | Transaction<Database>;

/** A notice to every officer of the agency's feedback desk. */
async function tellDesk(tx: Transaction<Database>, agencyId: string, title: string, body: string) {
  const desks = await officersHolding(tx, [agencyId], ['feedback_desk']);
  await insertRows(
    tx,
    desks.flatMap((desk) =>
      noticeRows({ accountId: desk.accountId, email: null, dossierId: null, title, body }),
    ),
  );
}

/** Member side: the outbox message telling the portal how an item it sent stands now. */
export async function memberProgressRecord(tx: Transaction<Database>, feedbackId: string) {
  const row = await tx
    .selectFrom('feedback as f')
    .innerJoin('agency as a', 'a.id', 'f.holder_agency_id')
    // the agency the portal sent it to: one this system is registered for
    .innerJoin('agency as sent_to', 'sent_to.id', 'f.receiving_agency_id')
    .innerJoin(
      sql<{ feedback_id: string; action: string; at: Date }>`(select feedback_id, action, at
        from feedback_event where feedback_id = ${feedbackId} order by id desc limit 1)`.as('e'),
      (join) => join.onRef('e.feedback_id', '=', 'f.id'),
    )
    .select([
      'f.code',
      'f.origin_code',
      'f.state',
      'f.due_at',
      'f.extended_at',
      'f.extension_reason',
      'f.answered_at',
      'f.answer',
      'f.public_interest',
      'a.code as agency_code',
      'sent_to.code as sent_to_code',
      'e.action',
      'e.at',
    ])
    .where('f.id', '=', feedbackId)
    .executeTakeFirstOrThrow();
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return outboxRecord({
    type: FEEDBACK_PROGRESS,
    // The portal refuses a message for an agency the member is not registered for, and a refusal
    // stops the member's whole stream: the envelope names the agency the portal chose.
    agencyCode: row.sent_to_code ?? '',
    key: row.origin_code ?? row.code,
    body: {
      portalCode: row.origin_code,
      code: row.code,
      action: row.action,
      state: row.state,
      competentAgencyCode: row.agency_code ?? row.sent_to_code,
      dueAt: iso(row.due_at),
      extendedAt: iso(row.extended_at),
      extensionReason: row.extension_reason,
      answeredAt: iso(row.answered_at),
      answer: row.state === 'answered' ? row.answer : null,
      publicInterest: row.public_interest,
      occurredAt: row.at.toISOString(),
    },
  });
}

export type FeedbackFromPortal = {
  id: string;
  portalCode: string;
  agencyCode: string;
  categoryCode: string;
  title: string;
  content: string;
  province: string | null;
  commune: string | null;
  address: string | null;
  dossierCode: string | null;
  senderName: string;
  consentToPublish: boolean;
  receivedAt: string;
  forwardedAt: string;
  dueAt: string;
  files: { fileName: string; content: Buffer }[];
};

export type FeedbackProgress = {
  portalCode: string;
  code: string;
  action: string;
  state: 'forwarded' | 'assigned' | 'awaiting_approval' | 'answered';
  competentAgencyCode: string;
  dueAt: string | null;
  extendedAt: string | null;
  extensionReason: string | null;
  answeredAt: string | null;
  answer: string | null;
  publicInterest: boolean;
  occurredAt: string;
};

const date = (value: string | null) => (value === null ? null : new Date(value));

/** Both sides of feedback across systems: what a member takes from the portal, what the portal applies. */
export function createFeedbackFederation(deps: FeedbackDeps) {
  const { db } = deps;

  async function findByOrigin(tx: Db, portalCode: string, agencyCode: string) {
    return tx
      .selectFrom('feedback as f')
      .innerJoin('agency as a', 'a.id', 'f.competent_agency_id')
      .select(['f.id', 'f.code', 'f.rated_at'])
      .where('f.origin_code', '=', portalCode)
      .where('a.code', '=', agencyCode)
      .executeTakeFirst();
  }

  return {
    /**
     * Member side: an item the portal forwards to one of this system's agencies, made an item
     * at that agency's desk once (a repeat answers the same code), its clock as the portal
     * started it.
     */
    async receive(item: FeedbackFromPortal, ip: string) {
      const existing = await findByOrigin(db, item.portalCode, item.agencyCode);
      if (existing) return { code: existing.code };
      const category = await repository.findCategory(db, item.categoryCode);
      if (!category) throw feedbackErrors.categoryNotFound();
      const agency = await repository.findAgencyByCode(db, item.agencyCode);
      if (!agency) throw feedbackErrors.agencyNotFound();
      const stored: (StoredUpload & { fileName: string })[] = [];
      for (const file of item.files) {
        const kept = await storeSniffedUpload(
          deps.storage,
          file.content,
          ACCEPTED_MEDIA_TYPES,
          'feedback',
          deps.scanner,
        );
        if (!kept) throw feedbackErrors.fileType();
        stored.push({ fileName: safeFileName(file.fileName), ...kept });
      }
      const dossier = item.dossierCode
        ? await dossierReference(db, { code: item.dossierCode })
        : undefined;
      return db.transaction().execute(async (tx) => {
        // two deliveries of one item at once: the second waits, then finds the first
        await sql`select pg_advisory_xact_lock(hashtext(${item.portalCode}))`.execute(tx);
        const again = await findByOrigin(tx, item.portalCode, item.agencyCode);
        if (again) return { code: again.code };
        const number = await repository.nextFeedbackNumber(tx);
        const created = await repository.insertFeedback(tx, {
          code: formatFeedbackCode(vietnamDate(new Date()), number),
          // no one follows it here: the sender follows it at the portal
          tracking_key_hash: sha256(randomBytes(32)),
          category_code: category.code,
          dossier_id: dossier?.id ?? null,
          title: item.title,
          content: item.content,
          province: item.province,
          commune: item.commune,
          address: item.address,
          sender_name: item.senderName,
          consent_to_publish: item.consentToPublish,
          source: 'national_portal',
          origin_code: item.portalCode,
          state: 'forwarded',
          receiving_agency_id: agency.id,
          holder_agency_id: agency.id,
          competent_agency_id: agency.id,
          forwarded_at: new Date(item.forwardedAt),
          due_at: new Date(item.dueAt),
          received_at: new Date(item.receivedAt),
        });
        for (const file of stored) {
          await repository.insertFeedbackFile(tx, {
            claimKeyHash: sha256(randomBytes(32)),
            feedbackId: created.id,
            ...file,
          });
        }
        await repository.insertEvent(tx, {
          feedbackId: created.id,
          action: 'forwarded',
          actorId: null,
          actorName: PORTAL,
          agencyId: agency.id,
          note: `${agency.name} (mã trên Cổng: ${item.portalCode})`,
        });
        await appendAudit(tx, {
          actor: { anonymous: PORTAL, ip },
          action: 'feedback.handled',
          subject: { type: 'feedback', id: created.id },
          agencyId: agency.id,
          details: {
            code: created.code,
            action: 'received_from_portal',
            portalCode: item.portalCode,
          },
        });
        await tellDesk(
          tx,
          agency.id,
          `Phản ánh, kiến nghị chuyển từ ${PORTAL} ${created.code}`,
          `"${item.title}" — hạn trả lời ${formatDateTime(new Date(item.dueAt))}`,
        );
        return { code: created.code };
      });
    },

    /** Member side: the sender's rating, given at the portal, of this system's answer (once). */
    async rate(rating: {
      id: string;
      portalCode: string;
      agencyCode: string;
      satisfied: boolean;
      comment: string | null;
      ratedAt: string;
    }) {
      const row = await findByOrigin(db, rating.portalCode, rating.agencyCode);
      if (!row) throw feedbackErrors.notFound();
      if (row.rated_at !== null) return { code: row.code };
      await db.transaction().execute(async (tx) => {
        const rated = await tx
          .updateTable('feedback')
          .set({
            rating_satisfied: rating.satisfied,
            rating_comment: rating.comment,
            rated_at: new Date(rating.ratedAt),
          })
          .where('id', '=', row.id)
          .where('state', '=', 'answered')
          .where('rated_at', 'is', null)
          .executeTakeFirst();
        if (Number(rated.numUpdatedRows) === 0) return;
        await repository.insertEvent(tx, {
          feedbackId: row.id,
          action: rating.satisfied ? 'rated_satisfied' : 'rated_unsatisfied',
          actorId: null,
          actorName: PORTAL,
          agencyId: null,
          note: rating.comment,
        });
      });
      return { code: row.code };
    },

    /**
     * Portal side: a member's change to an item the portal sent it, applied in the transaction
     * that records the member's message. Ignored unless the item went to an agency the member
     * answers for; an answer is final.
     */
    async applyProgress(
      tx: Transaction<Database>,
      progress: FeedbackProgress,
      agencyCodes: readonly string[],
    ) {
      const row = await repository.findFeedback(tx, progress.portalCode);
      if (
        !row ||
        row.sent_to_member_at === null ||
        row.state === 'answered' ||
        !row.competent_agency_code ||
        !agencyCodes.includes(row.competent_agency_code)
      )
        return;
      await repository.lockFeedback(tx, row.id);
      // the member may pass it to another of its agencies
      const competent =
        progress.competentAgencyCode !== row.competent_agency_code &&
        agencyCodes.includes(progress.competentAgencyCode)
          ? await repository.findAgencyByCode(tx, progress.competentAgencyCode)
          : undefined;
      const agencyId = competent?.id ?? row.competent_agency_id ?? row.holder_agency_id;
      const agencyName = competent?.name ?? row.competent_agency_name ?? '';
      const answered = progress.state === 'answered' && progress.answer !== null;
      const publish = answered && (row.consent_to_publish || progress.publicInterest);
      const redacted = publicVersion({
        title: row.title,
        content: row.content,
        answer: progress.answer ?? '',
        senderName: row.sender_name,
      });
      await repository.updateFeedback(tx, row.id, {
        state: answered ? 'answered' : progress.state === 'answered' ? row.state : progress.state,
        member_code: progress.code,
        holder_agency_id: agencyId,
        competent_agency_id: agencyId,
        due_at: date(progress.dueAt),
        extended_at: date(progress.extendedAt),
        extension_reason: progress.extensionReason,
        ...(answered
          ? {
              answer: progress.answer,
              answered_at: date(progress.answeredAt) ?? new Date(progress.occurredAt),
              public_interest: progress.publicInterest,
              ...(publish
                ? {
                    published_at: new Date(),
                    public_title: redacted.title,
                    public_content: redacted.content,
                    public_answer: redacted.answer,
                  }
                : {}),
            }
          : {}),
      });
      await repository.insertEvent(tx, {
        feedbackId: row.id,
        action: progress.action,
        actorId: null,
        actorName: agencyName,
        agencyId,
        note: progress.action === 'extended' ? progress.extensionReason : null,
      });
      if (progress.action === 'extended' && progress.extensionReason)
        await insertRows(tx, extensionNotice(row, progress.extensionReason));
      if (answered)
        await insertRows(tx, answerNotice(row, agencyName, progress.answer ?? '', deps.publicUrl));
    },
  };
}

export type FeedbackFederation = ReturnType<typeof createFeedbackFederation>;

type Transfer = Awaited<ReturnType<typeof claimDue>>[number];

function claimDue(db: Kysely<Database>, limit: number) {
  return db
    .updateTable('feedback_transfer')
    .set((eb) => ({
      next_attempt_at: sql<Date>`now() + make_interval(secs => ${DELIVERY_LEASE_SECONDS})`,
      attempts: eb('attempts', '+', 1),
    }))
    .where('id', 'in', (eb) =>
      eb
        .selectFrom('feedback_transfer')
        .select('id')
        .where('state', '=', 'pending')
        .where('next_attempt_at', '<=', sql<Date>`now()`)
        .orderBy('next_attempt_at')
        .limit(limit)
        .forUpdate()
        .skipLocked(),
    )
    .returningAll()
    .execute();
}

/**
 * Portal side: delivers transfers to the member systems, signed with the portal's federation key
 * (the item with its attachments, or the sender's rating). A member out of reach is tried again,
 * waiting longer each time; a member that refuses an item sends it back to the national desk with
 * the member's reason.
 */
export function createFeedbackRelay(
  deps: Pick<FeedbackDeps, 'db' | 'storage'> & {
    memberUrl: (agencyCode: string) => Promise<string | null | undefined>;
    sign: (payload: Record<string, unknown>) => Promise<string>;
    timeoutMs?: number;
  },
) {
  const { db } = deps;

  async function retryLater(transfer: Transfer, error: string) {
    const wait = retryWaitSeconds(transfer.attempts);
    await db
      .updateTable('feedback_transfer')
      .set({
        last_error: error.slice(0, 1000),
        next_attempt_at: new Date(Date.now() + wait * 1000),
      })
      .where('id', '=', transfer.id)
      .execute();
  }

  async function message(transfer: Transfer) {
    const item = await db
      .selectFrom('feedback as f')
      .leftJoin('dossier', 'dossier.id', 'f.dossier_id')
      .selectAll('f')
      .select('dossier.code as dossier_code')
      .where('f.id', '=', transfer.feedback_id)
      .executeTakeFirstOrThrow();
    if (transfer.kind === 'rating')
      return {
        message: await deps.sign({
          type: 'hub.feedback-rating',
          id: transfer.id,
          portalCode: item.code,
          agencyCode: transfer.agency_code,
          satisfied: item.rating_satisfied ?? false,
          comment: item.rating_comment,
          ratedAt: (item.rated_at ?? new Date()).toISOString(),
        }),
        files: [],
      };
    const files = await repository.listFiles(db, item.id);
    const contents = await Promise.all(
      files.map(async (f) => buffer(deps.storage.read(f.storage_key))),
    );
    return {
      message: await deps.sign({
        type: 'hub.feedback',
        id: transfer.id,
        portalCode: item.code,
        agencyCode: transfer.agency_code,
        categoryCode: item.category_code,
        title: item.title,
        content: item.content,
        province: item.province,
        commune: item.commune,
        address: item.address,
        dossierCode: item.dossier_code,
        senderName: item.sender_name,
        consentToPublish: item.consent_to_publish,
        receivedAt: item.received_at.toISOString(),
        forwardedAt: (item.forwarded_at ?? item.received_at).toISOString(),
        dueAt: (item.due_at ?? new Date()).toISOString(),
        files: files.map((f, i) => ({ fileName: f.file_name, sha256: sha256(contents[i] ?? '') })),
      }),
      files: contents.map((content) => ({
        sha256: sha256(content),
        contentBase64: content.toString('base64'),
      })),
    };
  }

  /** The member refused the item: it goes back to the national desk, which is told why. */
  async function sendBack(transfer: Transfer, reason: string) {
    await db.transaction().execute(async (tx) => {
      await tx
        .updateTable('feedback_transfer')
        .set({ state: 'refused', last_error: reason })
        .where('id', '=', transfer.id)
        .execute();
      if (transfer.kind !== 'item') return;
      const item = await tx
        .selectFrom('feedback')
        .select(['id', 'code', 'title', 'receiving_agency_id'])
        .where('id', '=', transfer.feedback_id)
        .forUpdate()
        .executeTakeFirstOrThrow();
      await repository.updateFeedback(tx, item.id, {
        state: 'received',
        holder_agency_id: item.receiving_agency_id,
        competent_agency_id: null,
        forwarded_at: null,
        due_at: null,
        sent_to_member_at: null,
      });
      await repository.insertEvent(tx, {
        feedbackId: item.id,
        action: 'returned',
        actorId: null,
        actorName: PORTAL,
        agencyId: item.receiving_agency_id,
        note: `Hệ thống của cơ quan ${transfer.agency_code} không nhận: ${reason}`,
      });
      await tellDesk(
        tx,
        item.receiving_agency_id,
        `Phản ánh, kiến nghị ${item.code} bị trả lại`,
        `"${item.title}": hệ thống của cơ quan ${transfer.agency_code} không nhận. Lý do: ${reason}`,
      );
    });
  }

  async function deliverOne(transfer: Transfer) {
    const url = await deps.memberUrl(transfer.agency_code);
    if (!url) {
      await retryLater(transfer, 'no member system answers for this agency code');
      return false;
    }
    let response: Response;
    try {
      response = await fetch(new URL(FEEDBACK_PATH, url), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(await message(transfer)),
        signal: AbortSignal.timeout(deps.timeoutMs ?? 30_000),
      });
    } catch (error) {
      await retryLater(transfer, error instanceof Error ? error.message : String(error));
      return false;
    }
    const answer = (await response.json().catch(() => ({}))) as {
      code?: unknown;
      title?: string;
      detail?: string;
    };
    if (response.ok && typeof answer.code === 'string') {
      const code = answer.code;
      await db.transaction().execute(async (tx) => {
        await tx
          .updateTable('feedback_transfer')
          .set({ state: 'delivered', delivered_at: new Date(), last_error: null })
          .where('id', '=', transfer.id)
          .execute();
        if (transfer.kind === 'item')
          await tx
            .updateTable('feedback')
            .set({ member_code: code })
            .where('id', '=', transfer.feedback_id)
            .execute();
      });
      return true;
    }
    const reason = [answer.title, answer.detail].filter(Boolean).join(': ');
    if (REFUSED_BY_MEMBER.has(response.status)) {
      await sendBack(transfer, reason || `HTTP ${String(response.status)}`);
      return false;
    }
    await retryLater(transfer, `${String(response.status)} ${reason}`.trim());
    return false;
  }

  return {
    /** Delivers what is due (a batch at a time); answers how many members took. */
    async deliverDue(limit = 10): Promise<number> {
      let delivered = 0;
      for (;;) {
        const due = await claimDue(db, limit);
        if (due.length === 0) return delivered;
        for (const transfer of due) if (await deliverOne(transfer)) delivered += 1;
      }
    },
  };
}

/** Delivers transfers while the process runs (every `intervalMs`). */
export function startFeedbackRelay(
  deps: Parameters<typeof createFeedbackRelay>[0],
  onError: (error: unknown) => void,
  intervalMs = 500,
) {
  const relay = createFeedbackRelay(deps);
  return startPoller(
    { waiting: () => Promise.resolve(true), work: () => relay.deliverDue() },
    onError,
    intervalMs,
  );
}
