import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { setTimeout as delay } from 'node:timers/promises';
import { InvariantError } from '@payterm/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalError } from '../src/errors.js';
import { TcpHostLink } from '../src/node/index.js';
import type { HostConnection } from '../src/ports/host-link.js';

/** A real TCP server on 127.0.0.1 that hands each accepted socket to the test. */
interface TestHost {
  readonly port: number;
  /** Resolves with the next connection the server accepts. */
  accepted(): Promise<Socket>;
}

const servers: Server[] = [];
const hostSockets: Socket[] = [];
const connections: HostConnection[] = [];
const children: ChildProcess[] = [];

afterEach(async () => {
  // The child's exit resets its connections, so closing them does not wait for the grace period.
  for (const child of children.splice(0)) {
    child.kill();
    if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
  for (const connection of connections.splice(0)) await connection.close();
  // A half-open socket on the host's side would keep server.close() waiting.
  for (const socket of hostSockets.splice(0)) socket.destroy();
  for (const server of servers.splice(0)) {
    server.close();
    await once(server, 'close');
  }
});

async function startHost(options: { allowHalfOpen?: boolean } = {}): Promise<TestHost> {
  const server = createServer({ allowHalfOpen: options.allowHalfOpen ?? false });
  const sockets: Socket[] = [];
  const waiting: ((socket: Socket) => void)[] = [];
  server.on('connection', (socket) => {
    socket.on('error', () => undefined);
    hostSockets.push(socket);
    const waiter = waiting.shift();
    if (waiter === undefined) sockets.push(socket);
    else waiter(socket);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  const port = (server.address() as AddressInfo).port;
  return {
    port,
    accepted: () => {
      const socket = sockets.shift();
      return socket === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(socket);
    },
  };
}

/**
 * A host in a child process that listens with a backlog of 1 and then blocks its event loop, so it
 * never accepts: once the kernel's accept queue is full, SYNs go unanswered.
 */
async function startHostThatNeverAccepts(): Promise<number> {
  const script = `
    const server = require('node:net').createServer();
    server.listen({ port: 0, host: '127.0.0.1', backlog: 1 }, () => {
      process.stdout.write(String(server.address().port) + '\\n', () => {
        Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      });
    });`;
  const child = spawn(process.execPath, ['-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  children.push(child);
  const [chunk] = (await once(child.stdout as NodeJS.ReadableStream, 'data')) as [Buffer];
  return Number(chunk.toString().trim());
}

async function connectTo(port: number, maxFrameBytes?: number): Promise<HostConnection> {
  const link = new TcpHostLink({
    host: '127.0.0.1',
    port,
    ...(maxFrameBytes === undefined ? {} : { maxFrameBytes }),
  });
  const connection = await link.connect(2000);
  connections.push(connection);
  return connection;
}

/** Collects messages; `next(n)` resolves once n messages have arrived in all. */
function collect(connection: HostConnection): {
  messages: Uint8Array[];
  until(count: number): Promise<Uint8Array[]>;
} {
  const messages: Uint8Array[] = [];
  const waiters: { count: number; resolve: (messages: Uint8Array[]) => void }[] = [];
  connection.onMessage((message) => {
    messages.push(message);
    for (const waiter of waiters.filter((candidate) => messages.length >= candidate.count)) {
      waiters.splice(waiters.indexOf(waiter), 1);
      waiter.resolve(messages);
    }
  });
  return {
    messages,
    until: (count) =>
      messages.length >= count
        ? Promise.resolve(messages)
        : new Promise((resolve) => waiters.push({ count, resolve })),
  };
}

/** Reads from the host's side until `length` bytes arrived. */
async function readBytes(socket: Socket, length: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let have = 0;
  for await (const chunk of socket as AsyncIterable<Buffer>) {
    chunks.push(chunk);
    have += chunk.length;
    if (have >= length) break;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

function whenClosed(connection: HostConnection): Promise<number> {
  let calls = 0;
  return new Promise((resolve) => {
    connection.onClose(() => {
      calls += 1;
      // A second call would land before this check runs.
      setImmediate(() => resolve(calls));
    });
  });
}

async function rejection(promise: Promise<unknown>): Promise<TerminalError> {
  const error: unknown = await promise.then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(TerminalError);
  return error as TerminalError;
}

const frame = (...bytes: number[]): Buffer => Buffer.from([bytes.length >> 8, bytes.length & 0xff, ...bytes]);

describe('TcpHostLink', () => {
  it('names its endpoint, bracketing IPv6 literals', () => {
    expect(new TcpHostLink({ host: '127.0.0.1', port: 8583 }).endpoint).toBe('tcp://127.0.0.1:8583');
    expect(new TcpHostLink({ host: 'host.example', port: 5000 }).endpoint).toBe('tcp://host.example:5000');
    expect(new TcpHostLink({ host: '::1', port: 8583 }).endpoint).toBe('tcp://[::1]:8583');
  });

  it('refuses a port, frame limit or timeout out of range as a programming error', () => {
    expect(() => new TcpHostLink({ host: '127.0.0.1', port: 0 })).toThrow(InvariantError);
    expect(() => new TcpHostLink({ host: '', port: 1 })).toThrow(InvariantError);
    expect(() => new TcpHostLink({ host: '127.0.0.1', port: 1, maxFrameBytes: 0x10000 })).toThrow(
      InvariantError,
    );
    expect(() => new TcpHostLink({ host: '127.0.0.1', port: 1 }).connect(0)).toThrow(InvariantError);
  });

  it('prefixes each message it sends with its 2-byte big-endian length', async () => {
    const host = await startHost();
    const connection = await connectTo(host.port);
    const socket = await host.accepted();
    const message = new Uint8Array(300).map((_, index) => index % 251);
    connection.send(message);
    connection.send(Uint8Array.of(0x60, 0x00));
    const received = await readBytes(socket, 2 + 300 + 2 + 2);
    expect([...received.subarray(0, 2)]).toEqual([0x01, 0x2c]);
    expect(received.subarray(2, 302)).toEqual(message);
    expect([...received.subarray(302)]).toEqual([0x00, 0x02, 0x60, 0x00]);
  });

  it('reassembles a message split across TCP chunks, even inside its length prefix', async () => {
    const host = await startHost();
    const connection = await connectTo(host.port);
    const socket = await host.accepted();
    socket.setNoDelay(true);
    const inbox = collect(connection);
    const bytes = frame(0x60, 0x00, 0x01, 0x00, 0x00, 0x02, 0x10);
    socket.write(bytes.subarray(0, 1));
    await delay(30);
    socket.write(bytes.subarray(1, 4));
    await delay(30);
    expect(inbox.messages).toEqual([]);
    socket.write(bytes.subarray(4));
    const [message] = await inbox.until(1);
    expect([...(message as Uint8Array)]).toEqual([0x60, 0x00, 0x01, 0x00, 0x00, 0x02, 0x10]);
  });

  it('delivers two messages that arrive in one chunk, in order, to every listener', async () => {
    const host = await startHost();
    const connection = await connectTo(host.port);
    const socket = await host.accepted();
    const inbox = collect(connection);
    const second: Uint8Array[] = [];
    const unsubscribe = connection.onMessage((message) => second.push(message));
    socket.write(Buffer.concat([frame(1, 2, 3), frame(4)]));
    const messages = await inbox.until(2);
    expect(messages.map((message) => [...message])).toEqual([[1, 2, 3], [4]]);
    expect(second.map((message) => [...message])).toEqual([[1, 2, 3], [4]]);

    unsubscribe();
    socket.write(frame(5));
    await inbox.until(3);
    expect(second).toHaveLength(2);
  });

  it('rejects with TERMINAL_HOST_UNREACHABLE, reason refused, when nothing listens on the port', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    server.close();
    await once(server, 'close');

    const link = new TcpHostLink({ host: '127.0.0.1', port });
    const error = await rejection(link.connect(2000));
    expect(error.code).toBe('TERMINAL_HOST_UNREACHABLE');
    expect(error.details).toEqual({
      endpoint: `tcp://127.0.0.1:${String(port)}`,
      reason: 'refused',
      timeoutMs: 2000,
    });
  });

  it('rejects with reason timeout when the host does not answer the SYN in time', async () => {
    const port = await startHostThatNeverAccepts();
    const link = new TcpHostLink({ host: '127.0.0.1', port });
    // The kernel completes handshakes until the listen backlog is full; then it drops further SYNs.
    let error: TerminalError | undefined;
    for (let attempt = 0; attempt < 64 && error === undefined; attempt++) {
      try {
        connections.push(await link.connect(250));
      } catch (failure) {
        error = failure as TerminalError;
      }
    }
    expect(error).toBeInstanceOf(TerminalError);
    expect(error?.code).toBe('TERMINAL_HOST_UNREACHABLE');
    expect(error?.details).toEqual({
      endpoint: `tcp://127.0.0.1:${String(port)}`,
      reason: 'timeout',
      timeoutMs: 250,
    });
    expect(error?.message).toMatch(/within 250 ms/);
  });

  it('rejects with reason timeout on a non-routable address', async (context) => {
    // 10.255.255.1 is not routed on most networks: the SYN goes unanswered. Where the OS refuses at
    // once (no route), or a sandbox's proxy answers for every address, this path cannot be reached.
    const link = new TcpHostLink({ host: '10.255.255.1', port: 8583 });
    const outcome = await link.connect(300).then(
      async (connection) => {
        await connection.close();
        return 'connected';
      },
      (failure: unknown) => failure,
    );
    if (outcome === 'connected') return context.skip('something on this network accepted the connection');
    const error = outcome as TerminalError;
    expect(error).toBeInstanceOf(TerminalError);
    expect(error.code).toBe('TERMINAL_HOST_UNREACHABLE');
    if (error.details.reason !== 'timeout')
      return context.skip(`the OS answered at once: ${String(error.details.reason)}`);
    expect(error.details).toEqual({ endpoint: 'tcp://10.255.255.1:8583', reason: 'timeout', timeoutMs: 300 });
  });

  it('names the errno code when the host name does not resolve', async () => {
    const link = new TcpHostLink({ host: 'no-such-host.invalid', port: 8583 });
    const error = await rejection(link.connect(5000));
    expect(error.code).toBe('TERMINAL_HOST_UNREACHABLE');
    expect(error.details.reason).toMatch(/^(ENOTFOUND|EAI_AGAIN)$/);
  });

  it('closes the connection on a frame longer than maxFrameBytes, after delivering the ones before it', async () => {
    const host = await startHost();
    const connection = await connectTo(host.port, 16);
    const socket = await host.accepted();
    const inbox = collect(connection);
    const closed = whenClosed(connection);
    const oversize = Buffer.from([0x00, 17, ...new Array<number>(17).fill(0xee)]);
    socket.write(Buffer.concat([frame(0x0a, 0x0b), oversize]));
    expect(await closed).toBe(1);
    expect(inbox.messages.map((message) => [...message])).toEqual([[0x0a, 0x0b]]);
    expect(() => connection.send(Uint8Array.of(1))).toThrow(TerminalError);
    await once(socket, 'close');
  });

  it('accepts a frame of exactly maxFrameBytes', async () => {
    const host = await startHost();
    const connection = await connectTo(host.port, 16);
    const socket = await host.accepted();
    const inbox = collect(connection);
    socket.write(frame(...new Array<number>(16).fill(7)));
    const [message] = await inbox.until(1);
    expect(message).toHaveLength(16);
  });

  it('calls onClose once when the host closes, and at once for a listener added afterwards', async () => {
    const host = await startHost();
    const connection = await connectTo(host.port);
    const socket = await host.accepted();
    const closed = whenClosed(connection);
    socket.end();
    expect(await closed).toBe(1);

    let late = 0;
    connection.onClose(() => (late += 1));
    await delay(0);
    expect(late).toBe(1);
    await connection.close();
    expect(late).toBe(1);
    const error = ((): unknown => {
      try {
        connection.send(Uint8Array.of(1));
        return undefined;
      } catch (failure) {
        return failure;
      }
    })();
    expect(error).toMatchObject({ code: 'TERMINAL_HOST_UNREACHABLE', details: { reason: 'closed' } });
  });

  it('closes gracefully: a half-close still receives what the host sends before it closes', async () => {
    const host = await startHost({ allowHalfOpen: true });
    const connection = await connectTo(host.port);
    const socket = await host.accepted();
    const inbox = collect(connection);
    const closedCalls = whenClosed(connection);
    socket.on('end', () => {
      socket.write(frame(0x99));
      socket.end();
    });
    await connection.close();
    expect(inbox.messages.map((message) => [...message])).toEqual([[0x99]]);
    expect(await closedCalls).toBe(1);
  });

  it('destroys the socket when the host never closes its side after the half-close', async () => {
    const host = await startHost({ allowHalfOpen: true });
    const connection = await connectTo(host.port);
    const socket = await host.accepted();
    socket.resume();
    const ended = once(socket, 'end');
    const closedCalls = whenClosed(connection);
    await connection.close();
    await ended;
    expect(await closedCalls).toBe(1);
    expect(() => connection.send(Uint8Array.of(1))).toThrow(TerminalError);
  });
});
