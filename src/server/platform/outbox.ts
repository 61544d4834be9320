import { sql, type Kysely, type RawBuilder, type Transaction } from 'kysely';
import type { Database } from '../db/schema.ts';
import { insertRows, type RowWrite } from './row-writes.ts';

type Db = Kysely<Database> | Transaction<Database>;

/** What a change reports beyond this system (decision 0017): to the national portal and webhooks. */
export type OutboxEntry = {
  /** What happened, e.g. `dossier.progress`. */
  type: string;
  /** The agency the change belongs to: the hub checks the member answers for it. */
  agencyCode: string;
  /** The ordering key: the dossier's code, the service's id. */
  key: string;
  body: Record<string, unknown>;
};

/**
 * The outbox row of an entry, written in the statement of the change it reports (`row-writes`);
 * for every destination, or for one (a snapshot).
 */
export function outboxRecord(
  entry: OutboxEntry,
  destination: string | null = null,
): Extract<RowWrite, { table: 'outbox_message' }> {
  return {
    table: 'outbox_message',
    row: {
      type: entry.type,
      agency_code: entry.agencyCode,
      key: entry.key,
      body: JSON.stringify(entry.body),
      destination,
    },
  };
}

// Any constant key: one sealer at a time numbers the outbox, whichever process it runs in.
const SEALER_LOCK_KEY = 7_240_127;

/** Numbers up to `batchSize` committed, unnumbered messages after the last number; answers how many. */
async function sealBatch(tx: Transaction<Database>, batchSize: number): Promise<number> {
  await sql`select pg_advisory_xact_lock(${SEALER_LOCK_KEY})`.execute(tx);
  const result = await sql`
    with base as (select coalesce(max(seq), 0) as last from outbox_message),
    pending as (
      select id, row_number() over (order by created_at, id) as n
      from outbox_message where seq is null
      order by created_at, id limit ${batchSize})
    update outbox_message set seq = base.last + pending.n
    from pending, base where outbox_message.id = pending.id`.execute(tx);
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Numbers the committed, unnumbered messages after the last number, in the order they were made;
 * answers how many. A message whose transaction commits late simply takes a later number: a
 * cursor that has passed a number never finds a message appear behind it.
 */
export async function sealOutbox(db: Kysely<Database>, batchSize = 5_000): Promise<number> {
  let sealed = 0;
  for (;;) {
    const count = await db.transaction().execute((tx) => sealBatch(tx, batchSize));
    sealed += count;
    if (count < batchSize) return sealed;
  }
}

/**
 * A snapshot of the past for a new destination, which must fall exactly between the changes
 * already numbered and those to come: no other transaction adds to the outbox until this one
 * ends (they wait). The changes numbered so far are skipped; `marker` (told that number) is
 * numbered next, then what `write` adds. Answers the number the destination starts after.
 */
export async function outboxSnapshot(
  tx: Transaction<Database>,
  destination: string,
  marker: (startsAfter: number) => OutboxEntry,
  write: () => Promise<void>,
): Promise<number> {
  const sealAll = async () => {
    while ((await sealBatch(tx, 5_000)) === 5_000);
  };
  await sql`lock table outbox_message in share row exclusive mode`.execute(tx);
  await sealAll();
  const startsAfter = await lastOutboxSeq(tx);
  await insertRows(tx, [outboxRecord(marker(startsAfter), destination)]);
  await sealAll();
  await write();
  await sealAll();
  return startsAfter;
}

/**
 * Writes, in one statement, the messages `rows` selects for one destination only (columns
 * `type`, `agency_code`, `key`, `body` and `position`, which orders them). Within
 * `outboxSnapshot`.
 */
export async function insertOutboxRows(
  tx: Transaction<Database>,
  destination: string,
  rows: RawBuilder<unknown>,
) {
  await sql`insert into outbox_message (type, agency_code, key, body, destination, created_at)
    select r.type, r.agency_code, r.key, r.body, ${destination},
      now() + r.position * interval '1 microsecond'
    from (${rows}) r`.execute(tx);
}

export type OutboxMessage = {
  id: string;
  seq: number;
  type: string;
  agencyCode: string;
  key: string;
  body: Record<string, unknown>;
  createdAt: Date;
};

/** Which messages a destination takes: one agency's, of some types (a webhook subscription). */
export type OutboxFilter = { agencyCode: string; types: string[] };

/**
 * The numbered messages after `afterSeq` for `destination`: those for every destination and its
 * own; of the filter's agency and types when there is one.
 */
const numberedAfter = (db: Db, afterSeq: number, destination: string, filter?: OutboxFilter) => {
  let query = db
    .selectFrom('outbox_message')
    .where('seq', '>', afterSeq)
    .where((eb) => eb.or([eb('destination', 'is', null), eb('destination', '=', destination)]));
  if (filter)
    query = query.where('agency_code', '=', filter.agencyCode).where('type', 'in', filter.types);
  return query;
};

/** Numbered messages after `afterSeq` for `destination` (those the filter takes), in order. */
export async function outboxAfter(
  db: Db,
  afterSeq: number,
  limit: number,
  destination: string,
  filter?: OutboxFilter,
): Promise<OutboxMessage[]> {
  const rows = await numberedAfter(db, afterSeq, destination, filter)
    .selectAll()
    .orderBy('seq')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq ?? 0,
    type: r.type,
    agencyCode: r.agency_code,
    key: r.key,
    body: r.body,
    createdAt: r.created_at,
  }));
}

/** How many numbered messages after `afterSeq` the filter takes, counted up to `cap`. */
export async function outboxCountAfter(
  db: Db,
  afterSeq: number,
  destination: string,
  filter: OutboxFilter,
  cap: number,
): Promise<number> {
  const row = await db
    .selectFrom(
      numberedAfter(db, afterSeq, destination, filter).select('seq').limit(cap).as('waiting'),
    )
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return row.n;
}

/** The newest number given: how far every destination has to go. */
export async function lastOutboxSeq(db: Db): Promise<number> {
  const last = await db
    .selectFrom('outbox_message')
    .select((eb) => eb.fn.max('seq').as('seq'))
    .executeTakeFirst();
  return last?.seq ?? 0;
}

/** The number of the first message of this type for this destination alone (0 when none). */
export async function firstSeqFor(db: Db, destination: string, type: string): Promise<number> {
  const row = await db
    .selectFrom('outbox_message')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .where('destination', '=', destination)
    .where('type', '=', type)
    .executeTakeFirst();
  return row?.seq ?? 0;
}

/**
 * Removes the messages numbered up to `deliveredUpTo` (every destination has them) and made
 * before `madeBefore` (none may be replayed any more); answers how many. The newest message
 * always stays: the sealer numbers on from it, and the numbers must never start again.
 */
export async function pruneOutbox(
  db: Kysely<Database>,
  { deliveredUpTo, madeBefore }: { deliveredUpTo: number; madeBefore: Date },
  batchSize = 10_000,
): Promise<number> {
  let removed = 0;
  for (;;) {
    const result = await sql`delete from outbox_message where id in (
      select id from outbox_message
      where seq <= ${deliveredUpTo} and created_at < ${madeBefore}
        and seq < (select max(seq) from outbox_message)
      limit ${batchSize})`.execute(db);
    const count = Number(result.numAffectedRows ?? 0n);
    removed += count;
    if (count < batchSize) return removed;
  }
}

/** The first number still kept (what a replay can start from); null when the outbox is empty. */
export async function firstKeptSeq(db: Db): Promise<number | null> {
  const row = await db
    .selectFrom('outbox_message')
    .select((eb) => eb.fn.min('seq').as('seq'))
    .executeTakeFirst();
  return row?.seq ?? null;
}
