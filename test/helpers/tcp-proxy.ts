import { connect, createServer, type Server, type Socket } from 'node:net';

/**
 * A TCP proxy in front of a server (PostgreSQL here) that a test can break the way a failover or a
 * network fault does: reset every open connection, or refuse new ones for a while.
 */
export type FaultyProxy = {
  port: number;
  /** Resets (TCP RST) every connection open through the proxy now. */
  resetAll(): number;
  /** While down, every connection is reset at once, open ones included. */
  setDown(down: boolean): void;
  /**
   * While hung, nothing gets through and nothing is answered (a frozen host, a black-holed
   * network); what was sent meanwhile is lost. When it ends, connections held meanwhile are reset.
   */
  setHung(hung: boolean): void;
  close(): Promise<void>;
};

export async function startFaultyProxy(target: {
  host: string;
  port: number;
}): Promise<FaultyProxy> {
  const open = new Set<Socket>();
  const held = new Set<Socket>();
  let down = false;
  let hung = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server: Server = createServer((client) => {
    track(client);
    if (down) {
      client.resetAndDestroy();
      return;
    }
    if (hung) {
      held.add(client);
      return;
    }
    const upstream = connect(target.port, target.host);
    track(upstream);
    client.on('data', (chunk: Buffer) => {
      if (!hung) upstream.write(chunk);
    });
    upstream.on('data', (chunk: Buffer) => {
      if (!hung) client.write(chunk);
    });
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('proxy has no port');

  const resetAll = () => {
    const count = open.size;
    for (const socket of open) socket.resetAndDestroy();
    return count;
  };
  return {
    port: address.port,
    resetAll,
    setDown(value) {
      down = value;
      if (down) resetAll();
    },
    setHung(value) {
      hung = value;
      if (!hung) {
        for (const socket of held) socket.resetAndDestroy();
        held.clear();
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        resetAll();
        server.close(() => resolve());
      }),
  };
}
