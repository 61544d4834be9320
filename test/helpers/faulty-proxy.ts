import { createServer, request, type Server } from 'node:http';

/**
 * An HTTP relay in front of a system, to play the network's faults: `down` closes every
 * connection unanswered (the system is unreachable), `lose-answer` lets the request through and
 * drops the answer (the system acted, the caller never hears), `pass` relays both ways.
 */
export type FaultMode = 'pass' | 'down' | 'lose-answer';

export async function startFaultyProxy(target: string) {
  let mode: FaultMode = 'pass';
  let relayed = 0;
  const server: Server = createServer((incoming, outgoing) => {
    if (mode === 'down') {
      incoming.socket.destroy();
      return;
    }
    const dropAnswer = mode === 'lose-answer';
    const upstream = request(
      new URL(incoming.url ?? '/', target),
      { method: incoming.method, headers: incoming.headers },
      (answer) => {
        relayed += 1;
        if (dropAnswer) {
          answer.resume();
          answer.on('end', () => outgoing.socket?.destroy());
          return;
        }
        outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(outgoing);
      },
    );
    upstream.on('error', () => outgoing.socket?.destroy());
    incoming.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no port');
  return {
    url: `http://127.0.0.1:${String(address.port)}`,
    set(next: FaultMode) {
      mode = next;
    },
    /** How many requests reached the system and were answered by it. */
    relayed: () => relayed,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
