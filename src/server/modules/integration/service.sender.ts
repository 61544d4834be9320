import type { Kysely } from 'kysely';
import type { Database } from '../../db/schema.ts';
import {
  firstKeptSeq,
  firstSeqFor,
  insertOutboxRows,
  outboxAfter,
  outboxRecord,
  outboxSnapshot,
  sealOutbox,
  type OutboxMessage,
} from '../../platform/outbox.ts';
import { progressHistory } from '../dossiers/index.ts';
import { insertRows } from '../../platform/row-writes.ts';
import { publishedServiceEntries } from '../catalog/index.ts';
import { startPoller } from '../../platform/poller.ts';
import { federationJwks, signFederation } from './federation-keys.ts';
import type { RelyingParty } from '../identity/index.ts';
import * as repository from './repository.ts';

/**
 * The first message to a new portal: the changes before `startsAfter` are in the snapshot that
 * follows, so the portal takes this one as the start of the member's sequence.
 */
export const SNAPSHOT = 'federation.snapshot';
const snapshotMarker = (startsAfter: number) => ({
  type: SNAPSHOT,
  agencyCode: 'NONE', // it tells of no agency: the portal checks none for it
  key: 'snapshot',
  body: { startsAfter },
});

const HUB = 'hub';

export type Delivery = 'idle' | 'waiting' | 'delivered' | 'rewound' | 'failed';

/**
 * An agency system's delivery to the national portal (decision 0017): numbers the outbox, then
 * posts what follows the cursor, signed, in order, a batch at a time. The hub's answer moves the
 * cursor: forward on success, back to the `seq` it expects on a gap. A failure waits, longer each
 * time, and nothing is skipped.
 */
export function createHubSender(
  db: Kysely<Database>,
  options: { hubUrl: string; batchSize?: number; timeoutMs?: number },
) {
  const batchSize = options.batchSize ?? 500;
  const endpoint = new URL('/api/v1/federation/messages', options.hubUrl).toString();

  function sign(messages: OutboxMessage[]): Promise<string[]> {
    const sentAt = new Date().toISOString();
    return signFederation(
      db,
      messages.map((m) => ({
        id: m.id,
        seq: m.seq,
        sentAt,
        type: m.type,
        agencyCode: m.agencyCode,
        key: m.key,
        body: m.body,
      })),
    );
  }

  /**
   * A portal that has never heard from this system first receives its whole catalog and every
   * dossier's history, for it alone; then the changes numbered after them.
   */
  let opened = false;
  async function open() {
    if (opened) return;
    await repository.openCursor(db, HUB, (tx) =>
      outboxSnapshot(tx, HUB, snapshotMarker, async () => {
        const entries = await publishedServiceEntries(tx);
        if (entries.length > 0)
          await insertRows(
            tx,
            entries.map((entry) => outboxRecord(entry, HUB)),
          );
        await insertOutboxRows(tx, HUB, progressHistory());
      }),
    );
    opened = true;
  }

  async function deliverOnce(): Promise<Delivery> {
    await open();
    await sealOutbox(db);
    const cursor = await repository.cursorOf(db, HUB);
    if (cursor.dead_at !== null || cursor.next_attempt_at > new Date()) return 'waiting';
    const batch = await outboxAfter(db, cursor.delivered_seq, batchSize, HUB);
    if (batch.length === 0) return 'idle';
    try {
      const response = await fetch(endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ messages: await sign(batch) }),
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
      const answer = (await response.json().catch(() => ({}))) as {
        appliedSeq?: number;
        expectedSeq?: number;
        code?: string;
      };
      if (response.ok && typeof answer.appliedSeq === 'number') {
        await repository.moveCursor(db, HUB, answer.appliedSeq);
        return 'delivered';
      }
      if (response.status === 409 && typeof answer.expectedSeq === 'number') {
        // never behind the snapshot: what came before it is in it
        const floor = (await firstSeqFor(db, HUB, SNAPSHOT)) - 1;
        const from = Math.max(answer.expectedSeq - 1, floor);
        // What the portal asks for is no longer kept: sending on would only meet the gap again.
        if (from + 1 < ((await firstKeptSeq(db)) ?? 0)) {
          await repository.recordFailure(db, HUB, {
            error: `409: the portal asks from ${String(from + 1)}, no longer kept; it needs a new snapshot`,
            blockedSeq: from + 1,
            dead: true,
          });
          return 'failed';
        }
        await repository.moveCursor(db, HUB, from);
        return 'rewound';
      }
      // The portal refused what it read (a key or an agency code it does not know, a shape it
      // rejects): trying again changes nothing until a person fixes the registry or the message.
      const refused = response.status === 400 || response.status === 403;
      await repository.recordFailure(db, HUB, {
        error: `${String(response.status)} ${answer.code ?? ''}`.trim(),
        blockedSeq: batch[0]?.seq ?? 0,
        dead: refused,
      });
      return 'failed';
    } catch (error) {
      await repository.recordFailure(db, HUB, {
        error: error instanceof Error ? error.message : String(error),
        blockedSeq: batch[0]?.seq ?? 0,
      });
      return 'failed';
    }
  }

  /** Delivers until nothing is left or the hub fails; answers the last outcome. */
  async function deliver(): Promise<Delivery> {
    for (;;) {
      const outcome = await deliverOnce();
      if (outcome !== 'delivered' && outcome !== 'rewound') return outcome;
    }
  }

  return { deliverOnce, deliver };
}

/** Keeps the national portal in step while the process runs (every `intervalMs`). */
export function startHubSync(
  db: Kysely<Database>,
  options: { hubUrl: string },
  onError: (error: unknown) => void,
  intervalMs = 200,
) {
  const sender = createHubSender(db, options);
  return startPoller(
    { waiting: () => Promise.resolve(true), work: () => sender.deliver() },
    onError,
    intervalMs,
  );
}

/**
 * Demo mode only: registers this system with the national portal of the demonstration (also in
 * demo mode), with the codes of the agencies offering services here and its public keys. Answers
 * false when the portal cannot be reached (start it first).
 */
export async function joinDemoHub(
  db: Kysely<Database>,
  options: {
    hubUrl: string;
    name: string;
    url: string;
    /** Set when this system's citizens sign in with the portal's identity provider (SSO). */
    oidcClient?: RelyingParty | undefined;
  },
): Promise<boolean> {
  try {
    const response = await fetch(new URL('/api/v1/federation/demo/join', options.hubUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        name: options.name,
        agencyCodes: await repository.agencyCodesOffering(db),
        jwks: await federationJwks(db),
        url: options.url.replace(/\/$/, ''),
        ...(options.oidcClient ? { oidcClient: options.oidcClient } : {}),
      }),
      signal: AbortSignal.timeout(10_000),
    });
    return response.ok;
  } catch {
    return false;
  }
}
