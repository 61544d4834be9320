import type { Kysely } from 'kysely';
import { startPoller } from '../../platform/poller.ts';
import { agenciesAllowed, allowedAt } from '../../../domain/access.ts';
import type { Database } from '../../db/schema.ts';
import type { Actor } from '../../platform/actor.ts';
import { appendAudit } from '../../platform/audit.ts';
import { visibleOr404 } from '../../platform/errors.ts';
import {
  firstKeptSeq,
  lastOutboxSeq,
  outboxAfter,
  outboxCountAfter,
  sealOutbox,
  type OutboxMessage,
} from '../../platform/outbox.ts';
import type { SecretBox } from '../../platform/secret-box.ts';
import { webhookErrors } from './errors.ts';
import { checkWebhookUrl, refusedDestination } from './outbound.ts';
import * as cursors from './repository.ts';
import * as repository from './repository.webhooks.ts';
import { newWebhookSecret, webhookHeaders } from './webhook-signature.ts';

/**
 * The waits between attempts at one message, as the Standard Webhooks guidance suggests: after
 * the first failure 5 s, then 5 min, 30 min, 2 h, 5 h, 10 h and 10 h; the ninth failure gives up
 * (a dead letter) until an administrator retries.
 */
export const WEBHOOK_RETRY_DELAYS_MS = [
  5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000,
];

type Options = {
  secrets: SecretBox;
  /** Production: HTTPS only, and never an address of a private network (no SSRF). */
  publicOnly: boolean;
  retryDelaysMs?: number[];
  now?: () => Date;
  timeoutMs?: number;
};

/**
 * Webhooks for third parties (issue 20): an agency's administrator subscribes an endpoint to the
 * agency's events; each subscription is delivered from the outbox through its own cursor, one
 * message at a time in the outbox's order (so in order per dossier), signed as Standard Webhooks
 * describes, retried, and replayed on request. A message that keeps failing blocks its
 * subscription rather than being skipped: the order is what subscribers rely on.
 */
export function createWebhooks(db: Kysely<Database>, options: Options) {
  const now = options.now ?? (() => new Date());
  const delays = options.retryDelaysMs ?? WEBHOOK_RETRY_DELAYS_MS;
  const timeoutMs = options.timeoutMs ?? 10_000;

  const managed = (actor: Actor) => agenciesAllowed(actor.roles, 'webhook.manage');

  async function find(actor: Actor, id: string) {
    return visibleOr404(
      await repository.subscriptionFor(db, id, managed(actor)),
      webhookErrors.notFound,
    );
  }

  async function view(row: repository.SubscriptionRow) {
    return {
      id: row.id,
      agencyId: row.agency_id,
      agencyName: row.agency_name,
      url: row.url,
      eventTypes: row.event_types,
      description: row.description,
      createdAt: row.created_at,
      deliveredSeq: row.delivered_seq,
      pending: await outboxCountAfter(
        db,
        row.delivered_seq,
        repository.destinationOf(row.id),
        repository.filterOf(row),
        10_000,
      ),
      failures: row.failures,
      lastError: row.last_error,
      nextAttemptAt: row.next_attempt_at,
      deadLetter:
        row.dead_at === null
          ? null
          : { seq: row.blocked_seq ?? 0, since: row.dead_at, error: row.last_error },
    };
  }

  /** Posts one message; answers the HTTP status (or null) and what went wrong, if anything. */
  async function post(secret: string, url: string, message: OutboxMessage) {
    const { applicantCitizenId: _personal, ...data } = message.body;
    const body = JSON.stringify({
      type: message.type,
      timestamp: message.createdAt.toISOString(),
      data,
    });
    const started = performance.now();
    const took = () => Math.round(performance.now() - started);
    try {
      const refused = options.publicOnly ? await refusedDestination(url) : null;
      if (refused) return { status: null, error: refused, durationMs: took() };
      const response = await fetch(url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'OpenDVC-Webhooks/1',
          ...webhookHeaders(secret, message.id, new Date(), body),
        },
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(timeoutMs),
      });
      await response.body?.cancel();
      const ok = response.status >= 200 && response.status < 300;
      return {
        status: response.status,
        error: ok ? null : `HTTP ${String(response.status)}`,
        durationMs: took(),
      };
    } catch (error) {
      const reason = error instanceof Error ? (error.cause ?? error) : error;
      return {
        status: null,
        error: reason instanceof Error ? reason.message : String(reason),
        durationMs: took(),
      };
    }
  }

  /** Delivers the subscription's next messages in order, stopping at the first failure. */
  async function deliverSubscription(row: repository.SubscriptionRow, batchSize: number) {
    const destination = repository.destinationOf(row.id);
    const secret = options.secrets.open(row.secret_sealed);
    const last = await lastOutboxSeq(db); // read first: every number up to it is visible now
    const messages = await outboxAfter(
      db,
      row.delivered_seq,
      batchSize,
      destination,
      repository.filterOf(row),
    );
    let failures = row.failures;
    let delivered = 0;
    for (const message of messages) {
      const outcome = await post(secret, row.url, message);
      await repository.recordAttempt(db, {
        subscriptionId: row.id,
        messageId: message.id,
        seq: message.seq,
        attempt: failures + 1,
        ...outcome,
        at: now(),
      });
      if (outcome.error === null) {
        await cursors.moveCursor(db, destination, message.seq);
        failures = 0;
        delivered += 1;
        continue;
      }
      // 410 Gone: the receiver says the endpoint is no more (Standard Webhooks).
      if (outcome.status === 410) {
        await repository.removeSubscription(db, row.id);
        return delivered;
      }
      const wait = delays[failures];
      await cursors.recordFailure(db, destination, {
        error: outcome.error,
        blockedSeq: message.seq,
        nextAttemptAt: new Date(now().getTime() + (wait ?? 0)),
        dead: wait === undefined,
      });
      return delivered;
    }
    // Nothing for it up to `last`: the cursor passes others' messages, so an idle subscription
    // does not hold back the outbox's retention.
    if (messages.length === 0 && last > row.delivered_seq)
      await cursors.moveCursor(db, destination, last);
    await cursors.retryAt(db, destination, now()); // due again next round
    return delivered;
  }

  return {
    async list(actor: Actor) {
      const agencies = managed(actor);
      if (agencies.length === 0) throw webhookErrors.forbidden();
      await sealOutbox(db); // what waits to be numbered is pending too
      const rows = await repository.subscriptionsOf(db, agencies);
      return Promise.all(rows.map(view));
    },

    async subscribe(
      actor: Actor,
      input: { agencyId: string; url: string; eventTypes: string[]; description?: string },
    ) {
      if (!allowedAt(actor.roles, 'webhook.manage', input.agencyId))
        throw webhookErrors.forbidden();
      const problem = checkWebhookUrl(input.url, options.publicOnly);
      if (problem) throw webhookErrors.badUrl(problem);
      if ((await repository.agencyCode(db, input.agencyId)) === null)
        throw webhookErrors.agencyWithoutCode();
      const secret = newWebhookSecret();
      await sealOutbox(db);
      const id = await db.transaction().execute(async (tx) => {
        const made = await repository.insertSubscription(
          tx,
          {
            agencyId: input.agencyId,
            url: input.url,
            secretSealed: options.secrets.seal(secret),
            eventTypes: input.eventTypes,
            description: input.description?.trim() ?? '',
            createdBy: actor.accountId,
          },
          await lastOutboxSeq(tx),
        );
        await appendAudit(tx, {
          actor,
          action: 'webhook.subscribed',
          agencyId: input.agencyId,
          subject: { type: 'webhook_subscription', id: made },
          details: { url: input.url, eventTypes: input.eventTypes },
        });
        return made;
      });
      return { webhook: await view(await find(actor, id)), secret };
    },

    async remove(actor: Actor, id: string) {
      const row = await find(actor, id);
      await db.transaction().execute(async (tx) => {
        await repository.removeSubscription(tx, id);
        await appendAudit(tx, {
          actor,
          action: 'webhook.removed',
          agencyId: row.agency_id,
          subject: { type: 'webhook_subscription', id },
          details: { url: row.url },
        });
      });
    },

    /** Tries again now, even a subscription that gave up (its dead letter first). */
    async retry(actor: Actor, id: string) {
      const row = await find(actor, id);
      await db.transaction().execute(async (tx) => {
        await cursors.retryNow(tx, repository.destinationOf(id));
        await appendAudit(tx, {
          actor,
          action: 'webhook.retried',
          agencyId: row.agency_id,
          subject: { type: 'webhook_subscription', id },
          details: { deadLetterSeq: row.dead_at === null ? null : row.blocked_seq },
        });
      });
      return view(await find(actor, id));
    },

    /** Delivers again everything of the subscription from `fromSeq` on, with the same ids. */
    async replay(actor: Actor, id: string, fromSeq: number) {
      const row = await find(actor, id);
      const last = await lastOutboxSeq(db);
      const firstKept = (await firstKeptSeq(db)) ?? last + 1;
      if (fromSeq < firstKept)
        throw webhookErrors.badReplay(
          `Các sự kiện trước số ${String(firstKept)} đã hết thời hạn lưu trữ`,
        );
      if (fromSeq > last + 1)
        throw webhookErrors.badReplay(`Số thứ tự lớn nhất hiện có là ${String(last)}`);
      await db.transaction().execute(async (tx) => {
        await cursors.moveCursor(tx, repository.destinationOf(id), fromSeq - 1);
        await appendAudit(tx, {
          actor,
          action: 'webhook.replayed',
          agencyId: row.agency_id,
          subject: { type: 'webhook_subscription', id },
          details: { fromSeq, deliveredSeq: row.delivered_seq },
        });
      });
      return view(await find(actor, id));
    },

    async deliveries(actor: Actor, id: string) {
      await find(actor, id);
      const rows = await repository.attemptsOf(db, id, 100);
      return rows.map((r) => ({
        messageId: r.message_id,
        seq: r.seq,
        attempt: r.attempt,
        status: r.status,
        error: r.error,
        durationMs: r.duration_ms,
        at: r.at,
      }));
    },

    /** One round: every due subscription delivers up to `batchSize` messages; answers how many. */
    async deliverDue(batchSize = 100): Promise<number> {
      const due = await repository.claimDue(db, now(), Math.max(30_000, timeoutMs * 3), 20);
      if (due.length === 0) return 0; // an agency without subscriptions pays one query a round
      await sealOutbox(db);
      const counts = await Promise.all(due.map((row) => deliverSubscription(row, batchSize)));
      return counts.reduce((a, b) => a + b, 0);
    },
  };
}

/** Delivers every agency's webhooks while the process runs (a round every `intervalMs`). */
export function startWebhookDelivery(
  db: Kysely<Database>,
  options: Options,
  onError: (error: unknown) => void,
  intervalMs = 500,
) {
  const webhooks = createWebhooks(db, options);
  return startPoller(
    { waiting: () => Promise.resolve(true), work: () => webhooks.deliverDue() },
    onError,
    intervalMs,
  );
}
