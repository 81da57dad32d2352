import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { InvariantError } from '@payterm/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalError } from '../src/errors.js';
import { FailoverHostLink, TcpHostLink } from '../src/node/index.js';
import type { HostConnection } from '../src/ports/host-link.js';

/** A real TCP server on 127.0.0.1 that keeps what each accepted socket receives. */
interface TestHost {
  readonly port: number;
  readonly link: TcpHostLink;
  /** Bytes received, per accepted connection. */
  readonly received: Buffer[][];
}

const servers: Server[] = [];
const sockets: Socket[] = [];
const connections: HostConnection[] = [];

afterEach(async () => {
  for (const connection of connections.splice(0)) await connection.close();
  for (const socket of sockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    server.close();
    await once(server, 'close');
  }
});

async function startHost(): Promise<TestHost> {
  const server = createServer();
  const received: Buffer[][] = [];
  server.on('connection', (socket) => {
    const chunks: Buffer[] = [];
    received.push(chunks);
    sockets.push(socket);
    socket.on('error', () => undefined);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return { port, link: new TcpHostLink({ host: '127.0.0.1', port }), received };
}

/** A port nothing listens on: bound once, then closed, so connecting is refused. */
async function refusedPort(): Promise<TcpHostLink> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as AddressInfo).port;
  server.close();
  await once(server, 'close');
  return new TcpHostLink({ host: '127.0.0.1', port });
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => {
      throw new Error('expected a rejection');
    },
    (failure: unknown) => failure,
  );
}

async function until(condition: () => boolean): Promise<void> {
  for (let tries = 0; !condition(); tries++) {
    if (tries > 200) throw new Error('the condition was never met');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('FailoverHostLink', () => {
  it('connects to the primary when it listens, and never to the secondary', async () => {
    const primary = await startHost();
    const secondary = await startHost();
    const link = new FailoverHostLink([primary.link, secondary.link]);
    expect(link.endpoint).toBe(`tcp://127.0.0.1:${String(primary.port)}`);
    expect(link.endpoints).toEqual([primary.link.endpoint, secondary.link.endpoint]);

    const connection = await link.connect(2000);
    connections.push(connection);
    connection.send(Uint8Array.of(1, 2, 3));
    await until(() => primary.received[0]?.length === 1);
    expect(Buffer.concat(primary.received[0] ?? [])).toEqual(Buffer.from([0, 3, 1, 2, 3]));
    expect(secondary.received).toEqual([]);
    expect(link.endpoint).toBe(primary.link.endpoint);
  });

  it('connects to the secondary when the primary refuses, reports it, and tries the primary first again', async () => {
    const primary = await refusedPort();
    const secondary = await startHost();
    const link = new FailoverHostLink([primary, secondary.link]);

    const connection = await link.connect(2000);
    connections.push(connection);
    expect(link.endpoint).toBe(secondary.link.endpoint);
    connection.send(Uint8Array.of(9));
    await until(() => secondary.received[0]?.length === 1);
    expect(Buffer.concat(secondary.received[0] ?? [])).toEqual(Buffer.from([0, 1, 9]));

    // The primary is back: the next connection goes there.
    const revived = createServer((socket) => sockets.push(socket));
    revived.listen(Number(new URL(primary.endpoint).port), '127.0.0.1');
    await once(revived, 'listening');
    servers.push(revived);
    connections.push(await link.connect(2000));
    expect(link.endpoint).toBe(primary.endpoint);
    expect(secondary.received).toHaveLength(1);
  });

  it('rejects with TERMINAL_HOST_UNREACHABLE naming both endpoints when both refuse', async () => {
    const primary = await refusedPort();
    const secondary = await refusedPort();
    const link = new FailoverHostLink([primary, secondary]);

    const error = await rejection(link.connect(2000));
    expect(error).toBeInstanceOf(TerminalError);
    const failure = error as TerminalError;
    expect(failure.code).toBe('TERMINAL_HOST_UNREACHABLE');
    expect(failure.message).toBe(
      `the host could not be reached at any of its addresses: ${primary.endpoint} refused, ${secondary.endpoint} refused`,
    );
    expect(failure.details).toEqual({
      endpoint: `${primary.endpoint} ${secondary.endpoint}`,
      reason: `${primary.endpoint} refused, ${secondary.endpoint} refused`,
      timeoutMs: 2000,
    });
    expect((failure.cause as TerminalError).details['endpoint']).toBe(secondary.endpoint);
    expect(link.endpoint).toBe(primary.endpoint);
  });

  it('with one address, rejects with that link’s own error', async () => {
    const only = await refusedPort();
    const error = await rejection(new FailoverHostLink([only]).connect(1000));
    expect(error).toMatchObject({
      code: 'TERMINAL_HOST_UNREACHABLE',
      details: { endpoint: only.endpoint, reason: 'refused', timeoutMs: 1000 },
    });
  });

  it('does not fail over on a broken invariant, and needs at least one link', async () => {
    const secondary = await startHost();
    const link = new FailoverHostLink([await refusedPort(), secondary.link]);
    expect(await rejection(link.connect(0))).toBeInstanceOf(InvariantError);
    expect(secondary.received).toEqual([]);
    expect(() => new FailoverHostLink([])).toThrow(InvariantError);
  });
});
