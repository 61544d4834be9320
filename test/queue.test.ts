import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { startQueue, type Queue } from '../src/server/platform/queue.ts';
import { openTestDatabase } from './helpers/test-database.ts';

let database: DatabaseHandle;
let queue: Queue;

beforeAll(async () => {
  database = await openTestDatabase();
  queue = await startQueue(database.sql, pino({ level: 'silent' }));
});
afterAll(async () => {
  await queue.stop({ graceful: true, wait: true });
  await database.close();
});

describe('pg-boss on the application database', () => {
  it('delivers a job to its worker exactly once', async () => {
    await queue.createQueue('test.echo');
    const received: unknown[] = [];
    const delivered = new Promise<void>((resolve) => {
      void queue.work<{ code: string }>(
        'test.echo',
        { pollingIntervalSeconds: 0.5 },
        async ([job]) => {
          received.push(job?.data);
          resolve();
        },
      );
    });
    const id = await queue.send('test.echo', { code: '000.00.31.H29-261123-0001' });
    await delivered;
    expect(received).toEqual([{ code: '000.00.31.H29-261123-0001' }]);
    await expect
      .poll(async () => (id ? (await queue.getJobById('test.echo', id))?.state : undefined))
      .toBe('completed');
  });

  it('keeps its tables beside the application’s, in the same database', async () => {
    const tables = await database.sql.executeSql(
      "select table_schema from information_schema.tables where table_name in ('job', 'dossier') order by table_schema",
    );
    expect(tables.rows).toEqual([{ table_schema: 'pgboss' }, { table_schema: 'public' }]);
  });
});
