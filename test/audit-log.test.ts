import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/server/db/database.ts';
import { migrateTo, migrateToLatest } from '../src/server/db/migrate.ts';
import { auditHash, GENESIS_HASH } from '../src/server/platform/audit-chain.ts';
import {
  appendAudit,
  auditFieldsOf,
  sealAuditLog,
  verifyAuditLog,
} from '../src/server/platform/audit.ts';
import { findServiceId, submitBirthRegistration } from './helpers/factories.ts';
import { createTestApp, type TestApp } from './helpers/test-app.ts';

let t: TestApp;

/** Changes a record the way only someone bypassing the append-only trigger could. */
async function tamper(statement: ReturnType<typeof sql>) {
  await t.database.db.transaction().execute(async (tx) => {
    await sql`set local session_replication_role = replica`.execute(tx);
    await statement.execute(tx);
  });
}

beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('the audit log', () => {
  it('records sign-ins, every dossier transition, officers opening dossiers and files, exports', async () => {
    const citizen = await t.signIn('Nguyễn Văn An');
    const reception = await t.signIn('Lê Minh Châu');
    const admin = await t.signIn('Bùi Thị Lan');
    const serviceId = await findServiceId(t, 'khai sinh', '000.00.31.H29');
    const dossier = await submitBirthRegistration(citizen, serviceId);
    const opened = (await reception.get(`/api/v1/officer/dossiers/${dossier.id}`)).json<{
      lockVersion: number;
      files: { id: string }[];
    }>();
    await reception.get(`/api/v1/officer/dossiers/${dossier.id}/files/${opened.files[0]!.id}`);
    await reception.post(`/api/v1/officer/dossiers/${dossier.id}/actions`, {
      action: 'receive',
      lockVersion: opened.lockVersion,
    });
    expect((await admin.get('/api/v1/admin/catalog/export?format=json')).statusCode).toBe(200);

    const records = await t.database.db
      .selectFrom('audit_record')
      .select(['action', 'actor_name', 'subject_id', 'details', 'ip'])
      .orderBy('seq')
      .execute();
    expect(records.map((r) => [r.action, r.actor_name])).toEqual([
      ['identity.signed_in', 'Nguyễn Văn An'],
      ['identity.signed_in', 'Lê Minh Châu'],
      ['identity.signed_in', 'Bùi Thị Lan'],
      ['dossier.transition', 'Nguyễn Văn An'],
      ['dossier.opened', 'Lê Minh Châu'],
      ['dossier.file_opened', 'Lê Minh Châu'],
      ['dossier.transition', 'Lê Minh Châu'],
      ['catalog.exported', 'Bùi Thị Lan'],
    ]);
    expect(records[6]).toMatchObject({
      subject_id: dossier.id,
      details: { action: 'receive', code: dossier.code, from: 'submitted', to: 'received' },
    });
    expect(records.every((r) => r.ip === '127.0.0.1')).toBe(true);
  });

  it('records a hidden dossier asked for as a refusal (404, decision 0016), and nothing else', async () => {
    const before = (await verifyAuditLog(t.database.db)).records;
    const otherReception = await t.signIn('Hoàng Thị Hà'); // one record: the sign-in
    const someone = await t.database.db
      .selectFrom('dossier')
      .select('id')
      .executeTakeFirstOrThrow();
    const refused = await otherReception.get(`/api/v1/officer/dossiers/${someone.id}`);
    expect(refused.statusCode).toBe(404);
    // the same answer as a dossier that does not exist: the desk learns nothing
    const absent = await otherReception.get(
      '/api/v1/officer/dossiers/00000000-0000-4000-8000-000000000000',
    );
    const {
      instance: _a,
      requestId: _b,
      ...absentProblem
    } = absent.json<Record<string, unknown>>();
    const {
      instance: _c,
      requestId: _d,
      ...refusedProblem
    } = refused.json<Record<string, unknown>>();
    expect(absentProblem).toEqual(refusedProblem);
    expect((await verifyAuditLog(t.database.db)).records).toBe(before + 2);
    const record = await t.database.db
      .selectFrom('audit_record')
      .innerJoin('agency', 'agency.id', 'audit_record.agency_id')
      .select(['action', 'actor_name', 'details', 'agency.code'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(record).toEqual({
      action: 'access.refused',
      actor_name: 'Hoàng Thị Hà',
      code: '000.00.31.H41',
      details: {
        code: 'DOSSIER_NOT_FOUND',
        status: 404,
        method: 'GET',
        route: '/api/v1/officer/dossiers/:dossierId',
      },
    });
  });

  it('records each refusal of a signed-in actor by the access policy, and what was asked', async () => {
    const desk = await t.signIn('Lê Minh Châu'); // the ward's one-stop desk: no report of its own
    const refused = await desk.get('/api/v1/reports/monthly?agency=000.00.31.H29&month=2026-10');
    expect(refused.statusCode).toBe(403);
    const record = await t.database.db
      .selectFrom('audit_record')
      .select(['action', 'actor_name', 'details'])
      .orderBy('seq', 'desc')
      .executeTakeFirstOrThrow();
    expect(record).toMatchObject({
      action: 'access.refused',
      actor_name: 'Lê Minh Châu',
      details: {
        code: 'REPORT_FORBIDDEN',
        method: 'GET',
        route: '/api/v1/reports/monthly',
      },
    });
    // An administrator of the ward reads it back through the audit API.
    const admin = await t.signIn('Bùi Thị Lan');
    const listed = await admin.get('/api/v1/admin/audit?action=access.refused');
    expect(listed.json<{ actorName: string }[]>().map((r) => r.actorName)).toContain(
      'Lê Minh Châu',
    );
  });

  it('keeps one chain whatever the number of concurrent writers and sealers', async () => {
    await sealAuditLog(t.database.db);
    const appends = Array.from({ length: 25 }, (_, i) =>
      appendAudit(t.database.db, {
        actor: { anonymous: `load ${String(i)}`, ip: '10.0.0.1' },
        action: 'identity.sign_in_failed',
      }),
    );
    const sealers = Array.from({ length: 3 }, () => sealAuditLog(t.database.db, { blockSize: 4 }));
    await Promise.all(appends);
    const sealed = (await Promise.all(sealers)).reduce((a, b) => a + b, 0);
    const rest = await sealAuditLog(t.database.db, { blockSize: 4 });
    expect(sealed + rest).toBe(25); // each record sealed exactly once
    const { blocked } = await t.database.db
      .selectFrom('audit_seal')
      .select(({ fn }) => fn.sum<number | string>('records').as('blocked'))
      .executeTakeFirstOrThrow();
    const { all } = await t.database.db
      .selectFrom('audit_record')
      .select(({ fn }) => fn.countAll<number | string>().as('all'))
      .executeTakeFirstOrThrow();
    expect(Number(blocked)).toBe(Number(all));
    expect(await verifyAuditLog(t.database.db)).toMatchObject({ intact: true });
  });

  it('hashes a block as decision 0023 says, so that it can be checked outside the server', async () => {
    await appendAudit(t.database.db, {
      actor: { anonymous: 'Đinh Thị "Ngọc"\nHà', ip: '10.0.0.4' },
      action: 'identity.sign_in_failed',
      details: { tên: 'giá trị', a: [1, 2.5, null], z: { y: true } },
    });
    await sealAuditLog(t.database.db);
    const [block, before] = await t.database.db
      .selectFrom('audit_seal')
      .selectAll()
      .orderBy('pos', 'desc')
      .limit(2)
      .execute();
    // the records' texts, written out here as the decision writes them
    const { rows } = await sql<{ body: string }>`
      select jsonb_build_array(seq, trunc(extract(epoch from occurred_at) * 1000000)::bigint,
        actor_id, actor_name, action, subject_type, subject_id, agency_id, ip, details)::text as body
      from audit_record where seq > ${before?.last_seq ?? 0} and seq <= ${block?.last_seq ?? 0}
      order by seq`.execute(t.database.db);
    expect(rows.length).toBe(block?.records);
    expect(rows.at(-1)?.body).toContain('"Đinh Thị \\"Ngọc\\"\\nHà"');
    const hash = createHash('sha256')
      .update(`${block?.prev_hash ?? ''}${rows.map((r) => `\n${r.body}`).join('')}`)
      .digest('hex');
    expect(hash).toBe(block?.hash);
  });

  it('shows an agency administrator the records of their agencies, the system administrator all', async () => {
    type Row = { action: string; agencyName: string | null };
    const wardAdmin = await t.signIn('Bùi Thị Lan');
    const otherWardAdmin = await t.signIn('Ngô Đức Minh');
    const systemAdmin = await t.signIn('Trịnh Quốc Việt');
    const mine = (await wardAdmin.get('/api/v1/admin/audit')).json<Row[]>();
    expect(mine.map((r) => r.action)).toEqual(
      expect.arrayContaining(['dossier.transition', 'dossier.opened', 'dossier.file_opened']),
    );
    expect(new Set(mine.map((r) => r.agencyName))).toEqual(
      new Set(['Ủy ban nhân dân Phường Sài Gòn']),
    );
    // the other ward's administrator sees only what its own desk did: the probe refused above
    const theirs = (await otherWardAdmin.get('/api/v1/admin/audit')).json<Row[]>();
    expect(new Set(theirs.map((r) => `${r.agencyName ?? ''}: ${r.action}`))).toEqual(
      new Set(['Ủy ban nhân dân Phường Trường Vinh: access.refused']),
    );
    const all = (await systemAdmin.get('/api/v1/admin/audit?action=identity.signed_in')).json<
      Row[]
    >();
    expect(all.length).toBeGreaterThanOrEqual(6);
    expect((await systemAdmin.get('/api/v1/admin/audit/verify')).json()).toMatchObject({
      intact: true,
    });
    expect((await wardAdmin.get('/api/v1/admin/audit/verify')).statusCode).toBe(403);
  });

  it('refuses UPDATE and DELETE of a record, sealed or not, and of a block', async () => {
    await expect(
      sql`update audit_record set actor_name = 'x' where seq = 1`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(
      sql`delete from audit_record where seq = 1`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await appendAudit(t.database.db, {
      actor: { anonymous: 'chưa niêm phong', ip: '10.0.0.2' },
      action: 'identity.sign_in_failed',
    });
    await expect(
      sql`update audit_record set chain_pos = 1000000, prev_hash = ${'0'.repeat(64)},
            hash = ${'f'.repeat(64)} where seq = (select max(seq) from audit_record)`.execute(
        t.database.db,
      ),
    ).rejects.toThrow(/append-only/);
    await sealAuditLog(t.database.db);
    await expect(
      sql`update audit_seal set hash = ${'f'.repeat(64)}`.execute(t.database.db),
    ).rejects.toThrow(/append-only/);
    await expect(sql`delete from audit_seal`.execute(t.database.db)).rejects.toThrow(/append-only/);
    await expect(sql`truncate audit_seal`.execute(t.database.db)).rejects.toThrow(/append-only/);
    expect(await verifyAuditLog(t.database.db)).toMatchObject({ intact: true });
  });

  it('finds a record slipped in among numbers already sealed', async () => {
    await sealAuditLog(t.database.db);
    // numbers start at 1: a 0 lies among the sealed ones, as someone writing behind the server
    // could choose it
    await sql`insert into audit_record (seq, occurred_at, actor_name, action, details)
              values (0, now(), 'Người ngoài', 'identity.sign_in_failed', '{}')`.execute(
      t.database.db,
    );
    const result = await verifyAuditLog(t.database.db);
    expect(result).toMatchObject({ intact: false, broken: { reason: 'unlinked' } });
    // taken out again behind the trigger's back, the chain holds as it was sealed
    await tamper(sql`delete from audit_record where seq = 0`);
    expect(await verifyAuditLog(t.database.db)).toMatchObject({ intact: true });
  });

  it('names the block holding a record changed behind the trigger’s back', async () => {
    const { seq } = await t.database.db
      .selectFrom('audit_record')
      .select('seq')
      .where('action', '=', 'dossier.file_opened')
      .executeTakeFirstOrThrow();
    await tamper(sql`update audit_record set actor_name = 'Người khác' where seq = ${seq}`);
    const result = await verifyAuditLog(t.database.db);
    expect(result).toMatchObject({ intact: false, broken: { reason: 'altered' } });
    if (result.intact) return;
    expect(result.broken.fromSeq).toBeLessThanOrEqual(seq);
    expect(result.broken.toSeq).toBeGreaterThanOrEqual(seq);
    const systemAdmin = await t.signIn('Trịnh Quốc Việt');
    expect((await systemAdmin.get('/api/v1/admin/audit/verify')).json()).toMatchObject({
      intact: false,
      brokenAt: result.broken.fromSeq,
      brokenThrough: result.broken.toSeq,
      reason: 'altered',
    });
  });
});

describe('npm run audit:verify', () => {
  const execFileAsync = promisify(execFile);
  let dataDir: string;
  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'opendvc-audit-'));
  });
  afterAll(() => rm(dataDir, { recursive: true, force: true }));

  const verify = () =>
    execFileAsync(process.execPath, ['scripts/audit-verify.ts'], {
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: dataDir },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (error: unknown) => {
        const failed = error as { code: number; stdout: string };
        return { code: failed.code, stdout: failed.stdout };
      },
    );

  it('proves the chain intact, then fails and names the record deleted from it', async () => {
    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    await migrateToLatest(database.db);
    for (const name of ['Một', 'Hai', 'Ba'])
      await appendAudit(database.db, {
        actor: { anonymous: name, ip: '127.0.0.1' },
        action: 'identity.sign_in_failed',
      });
    await database.close();
    const intact = await verify();
    expect(intact.code).toBe(0);
    expect(intact.stdout).toMatch(/^audit chain intact: 3 records/);

    const again = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    await again.db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql`delete from audit_record where seq = 2`.execute(tx);
    });
    await again.close();
    const broken = await verify();
    expect(broken.code).toBe(1);
    expect(broken.stdout).toContain('audit chain BROKEN in the block of records #1 to #3');
    expect(broken.stdout).toContain('a record was removed or inserted');
  });
});

describe('a log sealed record by record, before blocks (migration 0040)', () => {
  it('is verified as it was sealed, and the first block continues its chain', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'opendvc-audit-'));
    const database = await openDatabase({ pgliteDir: path.join(dataDir, 'pglite') });
    const append = (name: string) =>
      appendAudit(database.db, {
        actor: { anonymous: name, ip: '127.0.0.1' },
        action: 'identity.sign_in_failed',
      });
    try {
      await migrateTo(database.db, '0039_predicted_numbers');
      for (const name of ['Một', 'Hai', 'Ba']) await append(name);
      // sealed the way the sealer did then, one record after the other; the third left unsealed
      const records = await database.db
        .selectFrom('audit_record')
        .selectAll()
        .orderBy('seq')
        .limit(2)
        .execute();
      let prevHash = GENESIS_HASH;
      for (const [index, r] of records.entries()) {
        const hash = auditHash(auditFieldsOf(r), prevHash);
        await sql`update audit_record set chain_pos = ${index + 1}, prev_hash = ${prevHash},
                    hash = ${hash} where seq = ${r.seq}`.execute(database.db);
        prevHash = hash;
      }

      await migrateToLatest(database.db);
      await append('Bốn');
      expect(await verifyAuditLog(database.db)).toMatchObject({ intact: true, records: 4 });
      const numbers = await database.db
        .selectFrom('audit_record')
        .select('seq')
        .orderBy('seq')
        .execute();
      expect(numbers.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
      expect(await database.db.selectFrom('audit_seal').selectAll().execute()).toMatchObject([
        { pos: 1, last_seq: 4, records: 2, prev_hash: prevHash },
      ]);

      // a record sealed one by one is still named alone
      await database.db.transaction().execute(async (tx) => {
        await sql`set local session_replication_role = replica`.execute(tx);
        await sql`update audit_record set actor_name = 'Người khác' where seq = 2`.execute(tx);
      });
      expect(await verifyAuditLog(database.db)).toMatchObject({
        intact: false,
        records: 1,
        broken: { reason: 'altered', fromSeq: 2, toSeq: 2 },
      });
    } finally {
      await database.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
