import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp } from '../../src/server/app.ts';
import type { AppInstance } from '../../src/server/app-instance.ts';
import { loadConfig } from '../../src/server/config.ts';
import { DEMO_ACCOUNTS, seedDemoData } from '../../src/server/db/seed/demo-data.ts';
import { loadReferenceAgencies } from '../../src/server/db/seed/reference-agencies.ts';
import type { DatabaseHandle } from '../../src/server/db/database.ts';
import { openTestDatabase } from './test-database.ts';
import { multipartBody } from './upload-bodies.ts';

export type DemoName = (typeof DEMO_ACCOUNTS)[number]['fullName'];

/** A signed-in caller: sends the session cookie and the CSRF token like the web app does. */
export type Caller = {
  /** What the caller sends with every request: its session cookie and CSRF token. */
  headers: Record<string, string>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown): Promise<LightMyRequestResponse>;
  put(url: string, body: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  upload(
    fileName: string,
    content: Buffer,
    mediaType: string,
    url?: string,
  ): Promise<LightMyRequestResponse>;
};

export type TestApp = {
  app: AppInstance;
  database: DatabaseHandle;
  signIn(name: DemoName): Promise<Caller>;
  anonymous: Caller;
  /** Where the app keeps its files. */
  filesDir: string;
  /** The instance secret (what seals keys at rest). */
  appSecret: string;
  close(): Promise<void>;
};

export async function createTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const database = await openTestDatabase();
  await seedDemoData(database.db, { services: env.INSTANCE_ROLE !== 'national' });
  await loadReferenceAgencies(database.db);
  const filesDir = await mkdtemp(path.join(tmpdir(), 'opendvc-files-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    FILES_DIR: filesDir,
    RATE_LIMIT_PER_MINUTE: '100000',
    ...env,
  });
  const app = await buildApp({ config, database, logger: false });
  await app.ready();

  const callerWith = (cookie?: string, csrf?: string): Caller => {
    const headers = { ...(cookie ? { cookie } : {}), ...(csrf ? { 'x-csrf-token': csrf } : {}) };
    return {
      headers,
      get: (url) => app.inject({ method: 'GET', url, headers }),
      post: (url, body) => app.inject({ method: 'POST', url, headers, payload: body ?? {} }),
      put: (url, body) => app.inject({ method: 'PUT', url, headers, payload: body ?? {} }),
      delete: (url) => app.inject({ method: 'DELETE', url, headers }),
      upload: (fileName, content, mediaType, url = '/api/v1/files') => {
        const { payload, contentType } = multipartBody(fileName, content, mediaType);
        return app.inject({
          method: 'POST',
          url,
          headers: { ...headers, 'content-type': contentType },
          payload,
        });
      },
    };
  };

  return {
    app,
    database,
    anonymous: callerWith(),
    filesDir,
    appSecret: config.APP_SECRET,
    async signIn(name) {
      const account = await database.db
        .selectFrom('account')
        .select('id')
        .where('full_name', '=', name)
        .executeTakeFirstOrThrow();
      const response = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/demo/sign-in',
        payload: { accountId: account.id },
      });
      const cookie = response.cookies.find((c) => c.name === 'dvc_session');
      if (response.statusCode !== 200 || !cookie)
        throw new Error(`sign-in failed: ${response.body}`);
      const cookieHeader = `dvc_session=${cookie.value}`;
      const me = await app.inject({
        method: 'GET',
        url: '/api/v1/auth/me',
        headers: { cookie: cookieHeader },
      });
      return callerWith(
        cookieHeader,
        me.json<{ account: { csrfToken: string } }>().account.csrfToken,
      );
    },
    async close() {
      await app.close();
      await database.close();
      await rm(filesDir, { recursive: true, force: true });
    },
  };
}

/** Smallest well-formed PDF: enough for content sniffing. */
export const SAMPLE_PDF = Buffer.from(
  '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
);
