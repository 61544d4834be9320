import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from './helpers/server-process.ts';

// The real product started as a person would: `PORT=3101 npm start`, nothing else.
const servers: RunningServer[] = [];
afterAll(() => Promise.all(servers.map((s) => s.stop())));

describe('a server started with PORT alone', () => {
  it('says the address it answers at and sends citizens back to it after signing in', async () => {
    const server = await startServer({ env: { PUBLIC_URL: '' } });
    servers.push(server);
    const port = new URL(server.url).port;
    expect(server.output()).toContain(`OpenDVC đang chạy tại http://localhost:${port}`);

    // The sign-in goes to the embedded identity provider, which returns to this port.
    const start = await fetch(`${server.url}/api/v1/auth/oidc/start?returnTo=%2Ftra-cuu`, {
      redirect: 'manual',
    });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get('location') ?? '');
    expect(authorize.port).toBe(port);
    expect(authorize.searchParams.get('redirect_uri')).toBe(
      `http://localhost:${port}/api/v1/auth/oidc/callback`,
    );
  });
});
