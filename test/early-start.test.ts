import { request as httpRequest, Agent } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import Fastify from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { listenEarly, type EarlyServer } from '../src/server/platform/early-server.ts';
import { removeDataDir, startServer, type RunningServer } from './helpers/server-process.ts';

/** One request on a given keep-alive agent, so a test can see one connection change hands. */
function get(url: string, agent: Agent, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; headers: Record<string, unknown>; body: string }>(
    (resolve, reject) => {
      const request = httpRequest(url, { agent, headers }, (response) => {
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (body += chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, body }),
        );
      });
      request.on('error', reject);
      request.end();
    },
  );
}

describe('the port opens before the application is loaded (decision 0023)', () => {
  let early: EarlyServer | undefined;
  let running: RunningServer | undefined;
  afterEach(async () => {
    await early?.close();
    early = undefined;
    if (running) {
      await running.stop();
      await removeDataDir(running.dataDir);
      running = undefined;
    }
  });

  it('answers /health while starting, 503 with Retry-After to the rest, then hands the same connection to the application', async () => {
    early = await listenEarly({ host: '127.0.0.1', port: 0 });
    const app = Fastify({ serverFactory: early.factory });
    const address = app.server.address();
    const base = `http://127.0.0.1:${String(typeof address === 'object' ? address?.port : 0)}`;
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const sockets = new Set<unknown>();
    agent.on('free', (socket) => sockets.add(socket));

    expect((await get(`${base}/health`, agent)).status).toBe(200);
    const api = await get(`${base}/api/v1/catalog/procedures`, agent);
    expect(api.status).toBe(503);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.headers['retry-after']).toBe('3');
    expect(JSON.parse(api.body)).toMatchObject({
      status: 503,
      code: 'STARTING',
      title: 'Hệ thống đang khởi động, vui lòng thử lại sau ít giây',
      instance: '/api/v1/catalog/procedures',
    });
    const page = await get(`${base}/`, agent, { accept: 'text/html' });
    expect(page.status).toBe(503);
    expect(page.body).toContain('<html lang="vi">');
    expect(page.body).toContain('http-equiv="refresh"');

    // built and ready, but not handed over: still the starting answers
    app.get('/api/v1/catalog/procedures', () => ({ items: [] }));
    await app.ready();
    expect((await get(`${base}/api/v1/catalog/procedures`, agent)).status).toBe(503);
    early.handOver();
    const served = await get(`${base}/api/v1/catalog/procedures`, agent);
    expect(served.status).toBe(200);
    expect(JSON.parse(served.body)).toEqual({ items: [] });
    // every request went over the one kept-alive connection: nothing was closed and reopened
    expect(sockets.size).toBe(1);
    agent.destroy();
    await app.close();
  });

  it('closes a kept-alive connection that was busy when closing began, as soon as its answer is sent', async () => {
    early = await listenEarly({ host: '127.0.0.1', port: 0 });
    const app = Fastify({ serverFactory: early.factory });
    const address = app.server.address();
    const base = `http://127.0.0.1:${String(typeof address === 'object' ? address?.port : 0)}`;
    let arrived!: () => void;
    const inHandler = new Promise<void>((resolve) => (arrived = resolve));
    let answer!: () => void;
    const answered = new Promise<void>((resolve) => (answer = resolve));
    app.get('/slow', async () => {
      arrived();
      await answered;
      return { done: true };
    });
    await app.ready();
    early.handOver();
    const agent = new Agent({ keepAlive: true });
    const slow = get(`${base}/slow`, agent);
    await inHandler;
    const closing = early.close();
    early = undefined;
    answer();
    expect((await slow).status).toBe(200);
    // Before, the connection stayed open until Fastify's keep-alive timeout (72 s) let it go.
    const outcome = await Promise.race([
      closing.then(() => 'closed'),
      delay(5_000).then(() => 'still open after 5 s'),
    ]);
    expect(outcome).toBe('closed');
    agent.destroy();
    await app.close();
  });

  it('the product answers /health on a fresh folder before its database is loaded, and /ready only once it is', async () => {
    running = await startServer({ early: true });
    let health = 0;
    while (health !== 200) {
      health = await fetch(`${running.url}/health`).then(
        (response) => response.status,
        () => 0,
      );
      if (running.process.exitCode !== null) throw new Error(running.output());
      if (health !== 200) await delay(20); // polling the port until it opens
    }
    // the demo is still being loaded into the new database: the application is not there yet
    const ready = await fetch(`${running.url}/ready`);
    expect(ready.status).toBe(503);
    const catalog = await fetch(`${running.url}/api/v1/catalog/procedures`);
    expect(catalog.status).toBe(503);
    expect(await catalog.json()).toMatchObject({ code: 'STARTING' });

    await running.banner;
    expect((await fetch(`${running.url}/ready`)).status).toBe(200);
    expect((await fetch(`${running.url}/api/v1/catalog/procedures`)).status).toBe(200);
  });
});
