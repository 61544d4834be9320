import { randomUUID } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import {
  createServer,
  type IncomingMessage,
  type RequestListener,
  type Server,
  type ServerResponse,
} from 'node:http';
import type { FastifyServerFactory } from 'fastify';
import { clientErrorHandler } from './problem.ts';

/** Seconds a client is asked to wait while the process starts. */
const RETRY_AFTER_SECONDS = 3;
const STARTING_TITLE = 'Hệ thống đang khởi động, vui lòng thử lại sau ít giây';

/**
 * The HTTP server, opened first thing (decision 0023). While the database is opened, migrated and
 * seeded, and the application's modules load, it answers `/health` (the process is alive) and a
 * 503 with `Retry-After` to everything else, `/ready` included. Once the application is built, its
 * handler takes over the same sockets: nothing is closed and reopened, no connection is refused.
 */
export type EarlyServer = {
  /** Fastify's `serverFactory`: the application is built on these sockets, not on new ones. */
  factory: FastifyServerFactory;
  /** Requests go to the application from now on. */
  handOver(): void;
  /** Stops accepting connections; requests in flight finish, idle keep-alive connections close. */
  close(): Promise<void>;
};

function answerStarting(request: IncomingMessage, response: ServerResponse) {
  const path = (request.url ?? '/').split('?')[0] ?? '/';
  if (path === '/health' && (request.method === 'GET' || request.method === 'HEAD')) {
    response.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
    response.end(request.method === 'HEAD' ? undefined : '{"status":"ok"}');
    return;
  }
  response.setHeader('retry-after', String(RETRY_AFTER_SECONDS));
  response.setHeader('cache-control', 'no-store');
  if (request.method === 'GET' && /text\/html/.test(request.headers.accept ?? '')) {
    // a citizen opening the portal while it starts: a page that reloads itself
    response.writeHead(503, { 'content-type': 'text/html; charset=utf-8' });
    response.end(
      '<!doctype html><html lang="vi"><head><meta charset="utf-8">' +
        '<meta name="viewport" content="width=device-width, initial-scale=1">' +
        `<meta http-equiv="refresh" content="${String(RETRY_AFTER_SECONDS)}">` +
        '<title>Hệ thống đang khởi động</title></head>' +
        `<body><main><h1>Hệ thống đang khởi động</h1><p>Trang sẽ tự tải lại sau ${String(RETRY_AFTER_SECONDS)} giây.</p></main></body></html>`,
    );
    return;
  }
  const requestId = randomUUID();
  response.writeHead(503, {
    'content-type': 'application/problem+json; charset=utf-8',
    'x-request-id': requestId,
  });
  response.end(
    JSON.stringify({
      type: 'urn:opendvc:problem:starting',
      title: STARTING_TITLE,
      status: 503,
      instance: path,
      code: 'STARTING',
      requestId,
    }),
  );
}

/** The addresses `host` stands for: `localhost` is both loopbacks, as Fastify's own listen does. */
async function addressesOf(host: string): Promise<string[]> {
  if (host !== 'localhost') return [host];
  const found = await lookup(host, { all: true });
  return [...new Set(found.map((entry) => entry.address))];
}

function listen(server: Server, host: string, port: number) {
  return new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host, port }, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

export async function listenEarly({
  host,
  port,
}: {
  host: string;
  port: number;
}): Promise<EarlyServer> {
  // the application's handler, once Fastify gives it; it answers from `handOver` on
  let application: RequestListener = answerStarting;
  let serving: RequestListener = answerStarting;
  const handle: RequestListener = (request, response) => serving(request, response);
  const [first = host, ...others] = await addressesOf(host);
  const main = createServer(handle);
  main.on('clientError', clientErrorHandler);
  await listen(main, first, port);
  const secondaries: Server[] = [];
  for (const address of others) {
    const secondary = createServer(handle);
    // malformed requests on the other loopback are answered by the same handler as the main one's
    secondary.on('clientError', (error, socket) => main.emit('clientError', error, socket));
    // an address the machine does not have (no IPv6 loopback) is skipped, as Fastify does
    await listen(secondary, address, (main.address() as { port: number }).port).then(
      () => secondaries.push(secondary),
      () => secondary.close(),
    );
  }

  return {
    factory: (handler, options) => {
      application = handler;
      // the same timeouts Fastify gives a server it creates itself
      const { keepAliveTimeout, requestTimeout, connectionTimeout } = options as {
        keepAliveTimeout: number;
        requestTimeout: number;
        connectionTimeout: number;
      };
      for (const server of [main, ...secondaries]) {
        server.keepAliveTimeout = keepAliveTimeout;
        server.requestTimeout = requestTimeout;
        server.setTimeout(connectionTimeout);
      }
      // Fastify attaches its own handler for malformed requests to the server it is given
      main.off('clientError', clientErrorHandler);
      return main;
    },
    handOver() {
      serving = application;
    },
    async close() {
      // `server.close()` ends only the connections idle at that moment; a keep-alive connection
      // whose request was still in flight would then stay open until its client let go (Fastify
      // keeps them 72 s). Each such connection is closed as soon as its answer is sent.
      const servers = [main, ...secondaries];
      const closeIdle = setInterval(() => {
        for (const server of servers) server.closeIdleConnections();
      }, 50);
      try {
        await Promise.all(
          servers.map(
            (server) =>
              new Promise<void>((resolve) => {
                server.close(() => resolve());
                server.closeIdleConnections();
              }),
          ),
        );
      } finally {
        clearInterval(closeIdle);
      }
    },
  };
}
