import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_WORKFLOW } from '../src/domain/access.ts';
import type { DatabaseHandle } from '../src/server/db/database.ts';
import { openTestDatabase } from './helpers/test-database.ts';

let database: DatabaseHandle;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database.close());

describe('the access policy and the database', () => {
  it('gives a new service version the workflow the policy file states, step roles included', async () => {
    const result = await sql<{ workflow: string | null }>`
      select column_default::text as workflow from information_schema.columns
      where table_name = 'service_version' and column_name = 'workflow'`.execute(database.db);
    const text = result.rows[0]?.workflow ?? '';
    const json = /^'(.*)'::jsonb$/s.exec(text)?.[1] ?? '';
    expect(JSON.parse(json)).toEqual(DEFAULT_WORKFLOW);
  });
});
