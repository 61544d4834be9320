import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import {
  appendAudit,
  sealAuditLog,
  startAuditSealer,
  verifyAuditLog,
} from '../src/server/platform/audit.ts';
import { openTestDatabase } from './helpers/test-database.ts';

// Runs on the PostgreSQL pass only (vitest.config.ts): PGlite has one connection, so no
// transaction stays open while another commits.
let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

const append = (db: Parameters<typeof appendAudit>[0], name: string) =>
  appendAudit(db, {
    actor: { anonymous: name, ip: '10.0.0.9' },
    action: 'identity.sign_in_failed',
  });

/** The names on the records the blocks cover, in number order. */
async function sealedNames() {
  const last = await database.db
    .selectFrom('audit_seal')
    .select('last_seq')
    .orderBy('pos', 'desc')
    .executeTakeFirstOrThrow();
  const records = await database.db
    .selectFrom('audit_record')
    .select('actor_name')
    .where('seq', '<=', last.last_seq)
    .orderBy('seq')
    .execute();
  return records.map((r) => r.actor_name);
}

describe('sealing the audit log in blocks', () => {
  it('never seals past a number whose transaction is still open', async () => {
    await database.db.transaction().execute(async (tx) => {
      await append(tx, 'Giao dịch chậm'); // numbered first, committed last
      await append(database.db, 'Giao dịch nhanh');
      // the later record is committed, but the earlier number could still come: nothing sealed
      expect(await sealAuditLog(database.db, { waitMs: 200 })).toBe(0);
    });
    expect(await sealAuditLog(database.db)).toBe(2);
    expect(await sealedNames()).toEqual(['Giao dịch chậm', 'Giao dịch nhanh']);
    expect(await verifyAuditLog(database.db)).toMatchObject({ intact: true, records: 2 });
  });

  it('seals under a stream of writers, from the marks of rounds before, and all of it on stop', async () => {
    const sealer = startAuditSealer(
      database.db,
      (error) => {
        throw error;
      },
      20,
    );
    let writing = true;
    const writers = Array.from({ length: 4 }, async (_, w) => {
      let n = 0;
      while (writing) {
        await database.db.transaction().execute(async (tx) => {
          await append(tx, `người ${String(w)}-${String((n += 1))}`);
        });
      }
      return n;
    });
    // while the writers run, a transaction open at almost every moment, blocks are written
    for (;;) {
      const blocks = await database.db
        .selectFrom('audit_seal')
        .select(({ fn }) => fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(blocks.n) >= 4) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    writing = false;
    const written = (await Promise.all(writers)).reduce((a, b) => a + b, 0);
    await sealer.stop();
    expect(await verifyAuditLog(database.db)).toMatchObject({ intact: true, records: written + 2 });
  });
});
