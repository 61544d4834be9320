import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import type { SqlExecutor } from '../db/database.ts';

export type Queue = PgBoss;

/** pg-boss on the application's own database (pg or PGlite), so jobs commit with the data they follow. */
export async function startQueue(sql: SqlExecutor, log: Logger): Promise<Queue> {
  const boss = new PgBoss({ db: sql, schema: 'pgboss' });
  boss.on('error', (error) => log.error({ err: error }, 'queue error'));
  await boss.start();
  return boss;
}
