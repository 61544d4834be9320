import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import Fastify from 'fastify';
import pg from 'pg';

/**
 * The throughput bench's bare baseline, run as a process of its own like the server it is
 * compared with: Fastify doing one insert of a dossier-sized row, or one select by its key, with
 * `pg` on PostgreSQL when DATABASE_URL is set, else with an embedded PGlite of its own. Prints
 * `listening <url>` once it answers; stops on SIGTERM.
 */
const databaseUrl = process.env.DATABASE_URL ?? '';

const table = `create table if not exists bench_dossier (
  id uuid primary key default gen_random_uuid(), code text unique not null,
  status text not null, form_data jsonb not null, submitted_at timestamptz not null default now())`;

let query: (text: string, params: unknown[]) => Promise<{ rows: unknown[] }>;
let close: () => Promise<void>;
if (databaseUrl) {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  query = (text, params) => pool.query(text, params);
  close = () => pool.end();
} else {
  const dir = await mkdtemp(path.join(tmpdir(), 'opendvc-bare-'));
  const lite = await PGlite.create(path.join(dir, 'pglite'));
  query = (text, params) => lite.query(text, params);
  close = async () => {
    await lite.close();
    await rm(dir, { recursive: true, force: true });
  };
}
await query(table, []);

let n = 0;
const app = Fastify({ logger: false });
app.post('/submit', async (request, reply) => {
  const { rows } = await query(
    `insert into bench_dossier (code, status, form_data) values ($1, 'submitted', $2)
     returning id, code, status, submitted_at`,
    [`bare-${String(process.pid)}-${String(n++)}`, JSON.stringify(request.body)],
  );
  return reply.status(201).send(rows[0]);
});
app.get('/lookup/:code', async (request) => {
  const { code } = request.params as { code: string };
  const { rows } = await query(
    'select code, status, submitted_at from bench_dossier where code = $1',
    [code],
  );
  return rows[0] ?? {};
});
app.get('/codes', async () =>
  (await query('select code from bench_dossier limit 200', [])).rows.map(
    (row) => (row as { code: string }).code,
  ),
);

process.once('SIGTERM', () => {
  void app
    .close()
    .then(close)
    .then(() => process.exit(0));
});
process.stdout.write(`listening ${await app.listen({ port: 0, host: '127.0.0.1' })}\n`);
