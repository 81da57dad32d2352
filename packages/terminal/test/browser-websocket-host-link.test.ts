import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createRequire } from 'node:module';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { InvariantError } from '@payterm/kernel';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WebSocketHostLink, type WebSocketConstructor } from '../src/browser/index.js';
import { TerminalError } from '../src/errors.js';
import type { HostConnection } from '../src/ports/host-link.js';

/** The part of a `ws` server-side socket used here (the package ships no types of its own). */
interface PeerSocket {
  send(data: Uint8Array | string): void;
  close(code?: number, reason?: string): void;
  terminate(): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): void;
}
interface PeerServer {
  on(event: 'connection', listener: (socket: PeerSocket) => void): void;
  on(event: 'listening', listener: () => void): void;
  address(): AddressInfo;
  close(callback: () => void): void;
}
/** `ws` gives the browser WebSocket API in Node 20 (which has none) and a server to stand in for the host. */
const { WebSocket: NodeWebSocket, WebSocketServer } = createRequire(import.meta.url)('ws') as {
  WebSocket: WebSocketConstructor;
  WebSocketServer: new (options: { host: string; port: number }) => PeerServer;
};

/** A real WebSocket server on 127.0.0.1 standing in for the host, handing each connection to the test. */
interface TestPeer {
  readonly url: string;
  accepted(): Promise<PeerSocket>;
}

const peerServers: PeerServer[] = [];
const peerSockets: PeerSocket[] = [];
const tcpServers: Server[] = [];
const tcpSockets: Socket[] = [];
const connections: HostConnection[] = [];

afterEach(async () => {
  for (const connection of connections.splice(0)) await connection.close();
  for (const socket of peerSockets.splice(0)) socket.terminate();
  for (const server of peerServers.splice(0)) await new Promise<void>((resolve) => server.close(resolve));
  for (const socket of tcpSockets.splice(0)) socket.destroy();
  for (const server of tcpServers.splice(0)) {
    server.close();
    await once(server, 'close');
  }
});

async function startPeer(): Promise<TestPeer> {
  const server = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  peerServers.push(server);
  const sockets: PeerSocket[] = [];
  const waiting: ((socket: PeerSocket) => void)[] = [];
  server.on('connection', (socket) => {
    peerSockets.push(socket);
    const waiter = waiting.shift();
    if (waiter === undefined) sockets.push(socket);
    else waiter(socket);
  });
  await new Promise<void>((resolve) => server.on('listening', resolve));
  return {
    url: `ws://127.0.0.1:${String(server.address().port)}/iso8583`,
    accepted: () => {
      const socket = sockets.shift();
      return socket === undefined ? new Promise((resolve) => waiting.push(resolve)) : Promise.resolve(socket);
    },
  };
}

async function connectTo(url: string, maxFrameBytes?: number): Promise<HostConnection> {
  const link = new WebSocketHostLink(url, {
    WebSocket: NodeWebSocket,
    ...(maxFrameBytes === undefined ? {} : { maxFrameBytes }),
  });
  const connection = await link.connect(2000);
  connections.push(connection);
  return connection;
}

function nextMessage(socket: PeerSocket): Promise<{ data: Buffer; isBinary: boolean }> {
  return new Promise((resolve) => socket.on('message', (data, isBinary) => resolve({ data, isBinary })));
}

function peerClosed(socket: PeerSocket): Promise<{ code: number; reason: string }> {
  return new Promise((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
}

/** Collects messages; `until(n)` resolves once n messages have arrived in all. */
function collect(connection: HostConnection): {
  messages: number[][];
  until(count: number): Promise<number[][]>;
} {
  const messages: number[][] = [];
  const waiters: { count: number; resolve: (messages: number[][]) => void }[] = [];
  connection.onMessage((message) => {
    messages.push([...message]);
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

/** Resolves with how often onClose was called, a turn after the first call (a second would land first). */
function whenClosed(connection: HostConnection): Promise<number> {
  let calls = 0;
  return new Promise((resolve) => {
    connection.onClose(() => {
      calls += 1;
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

function sendFailure(connection: HostConnection): unknown {
  try {
    connection.send(Uint8Array.of(1));
    return undefined;
  } catch (failure) {
    return failure;
  }
}

const frame = (...bytes: number[]): Uint8Array =>
  Uint8Array.from([bytes.length >> 8, bytes.length & 0xff, ...bytes]);

/**
 * A host that completes the WebSocket handshake by hand and then ignores everything, the closing
 * handshake included. Resolves with its URL and the accepted TCP socket.
 */
async function startMutePeer(): Promise<{ url: string; accepted: Promise<Socket> }> {
  const server = createServer();
  const accepted = new Promise<Socket>((resolve) =>
    server.on('connection', (socket) => {
      socket.on('error', () => undefined);
      tcpSockets.push(socket);
      socket.once('data', (request: Buffer) => {
        const key = /^sec-websocket-key: *(\S+)/im.exec(request.toString('latin1'))?.[1] ?? '';
        const accept = createHash('sha1')
          .update(`${key}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
          .digest('base64');
        socket.write(
          'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' +
            `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
        );
        socket.resume();
        resolve(socket);
      });
    }),
  );
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  tcpServers.push(server);
  return { url: `ws://127.0.0.1:${String((server.address() as AddressInfo).port)}/iso8583`, accepted };
}

describe('WebSocketHostLink', () => {
  it('names its endpoint by the URL it was given', () => {
    const url = 'wss://host.example/iso8583';
    expect(new WebSocketHostLink(url, { WebSocket: NodeWebSocket }).endpoint).toBe(url);
  });

  it('accepts the browser WebSocket as its implementation (the type the default must fit)', () => {
    const fits: typeof WebSocket extends WebSocketConstructor ? true : false = true;
    expect(fits).toBe(true);
  });

  it('refuses a URL, frame limit or timeout out of range, and a missing WebSocket, as programming errors', () => {
    const options = { WebSocket: NodeWebSocket };
    expect(() => new WebSocketHostLink('http://127.0.0.1/iso8583', options)).toThrow(InvariantError);
    expect(() => new WebSocketHostLink('not a url', options)).toThrow(InvariantError);
    expect(() => new WebSocketHostLink('ws://127.0.0.1/', { ...options, maxFrameBytes: 0x10000 })).toThrow(
      InvariantError,
    );
    expect(() => new WebSocketHostLink('ws://127.0.0.1/', options).connect(0)).toThrow(InvariantError);
    vi.stubGlobal('WebSocket', undefined);
    try {
      expect(() => new WebSocketHostLink('ws://127.0.0.1/')).toThrow(/no WebSocket/);
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('sends each message as one binary WebSocket message: the 2-byte big-endian length, then the message', async () => {
    const peer = await startPeer();
    const connection = await connectTo(peer.url);
    const socket = await peer.accepted();
    const message = new Uint8Array(300).map((_, index) => index % 251);
    const received = nextMessage(socket);
    connection.send(message);
    const { data, isBinary } = await received;
    expect(isBinary).toBe(true);
    expect([...data.subarray(0, 2)]).toEqual([0x01, 0x2c]);
    expect(new Uint8Array(data.subarray(2))).toEqual(message);
  });

  it('delivers each frame the host sends, unframed, in order, to every listener', async () => {
    const peer = await startPeer();
    const connection = await connectTo(peer.url);
    const socket = await peer.accepted();
    const inbox = collect(connection);
    const second: number[][] = [];
    const unsubscribe = connection.onMessage((message) => second.push([...message]));
    socket.send(frame(1, 2, 3));
    socket.send(frame(4));
    expect(await inbox.until(2)).toEqual([[1, 2, 3], [4]]);
    expect(second).toEqual([[1, 2, 3], [4]]);

    unsubscribe();
    socket.send(frame());
    expect(await inbox.until(3)).toEqual([[1, 2, 3], [4], []]);
    expect(second).toHaveLength(2);
  });

  it('rejects with TERMINAL_HOST_UNREACHABLE, reason refused, when nothing listens on the port', async () => {
    const server = createServer().listen(0, '127.0.0.1');
    await once(server, 'listening');
    const port = (server.address() as AddressInfo).port;
    server.close();
    await once(server, 'close');

    const url = `ws://127.0.0.1:${String(port)}/iso8583`;
    const error = await rejection(new WebSocketHostLink(url, { WebSocket: NodeWebSocket }).connect(2000));
    expect(error.code).toBe('TERMINAL_HOST_UNREACHABLE');
    expect(error.details).toEqual({ endpoint: url, reason: 'refused', timeoutMs: 2000 });
  });

  it('rejects with reason timeout and drops the connection when the handshake is never answered', async () => {
    // A TCP server that accepts and then says nothing: the WebSocket stays CONNECTING.
    const server = createServer({ allowHalfOpen: false });
    const accepted = new Promise<Socket>((resolve) =>
      server.on('connection', (socket) => {
        socket.on('error', () => undefined);
        socket.resume();
        tcpSockets.push(socket);
        resolve(socket);
      }),
    );
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    tcpServers.push(server);
    const url = `ws://127.0.0.1:${String((server.address() as AddressInfo).port)}/iso8583`;

    const error = await rejection(new WebSocketHostLink(url, { WebSocket: NodeWebSocket }).connect(250));
    expect(error.code).toBe('TERMINAL_HOST_UNREACHABLE');
    expect(error.details).toEqual({ endpoint: url, reason: 'timeout', timeoutMs: 250 });
    expect(error.message).toMatch(/within 250 ms/);
    const socket = await accepted;
    if (!socket.destroyed) await once(socket, 'close');
    expect(socket.destroyed).toBe(true);
  });

  it('closes the connection on a message that is not one frame, after delivering the frames before it', async () => {
    const peer = await startPeer();
    const connection = await connectTo(peer.url);
    const socket = await peer.accepted();
    const inbox = collect(connection);
    const closedCalls = whenClosed(connection);
    const closedByTerminal = peerClosed(socket);
    socket.send(frame(0x0a, 0x0b));
    // The prefix announces 5 bytes; the message holds 2.
    socket.send(Uint8Array.of(0x00, 0x05, 0x60, 0x00));
    socket.send(frame(0x0c));
    expect(await closedByTerminal).toEqual({
      code: 4008,
      reason: 'length prefix does not match the message',
    });
    expect(await closedCalls).toBe(1);
    expect(inbox.messages).toEqual([[0x0a, 0x0b]]);
    expect(sendFailure(connection)).toMatchObject({
      code: 'TERMINAL_HOST_UNREACHABLE',
      details: { reason: 'closed' },
    });
  });

  it('closes the connection on a text message and on a message of one byte', async () => {
    const peer = await startPeer();
    const text = await connectTo(peer.url);
    const textSocket = await peer.accepted();
    const textClosed = peerClosed(textSocket);
    textSocket.send('0200');
    expect(await textClosed).toEqual({ code: 4003, reason: 'binary frames only' });

    const short = await connectTo(peer.url);
    const shortSocket = await peer.accepted();
    const shortClosed = whenClosed(short);
    shortSocket.send(Uint8Array.of(0x00));
    expect(await shortClosed).toBe(1);
    expect(sendFailure(text)).toBeInstanceOf(TerminalError);
  });

  it('accepts a frame of exactly maxFrameBytes and closes on a longer one', async () => {
    const peer = await startPeer();
    const connection = await connectTo(peer.url, 16);
    const socket = await peer.accepted();
    const inbox = collect(connection);
    const closedByTerminal = peerClosed(socket);
    socket.send(frame(...new Array<number>(16).fill(7)));
    socket.send(frame(...new Array<number>(17).fill(8)));
    expect(await closedByTerminal).toEqual({ code: 4009, reason: 'frame too long' });
    expect(inbox.messages).toEqual([new Array<number>(16).fill(7)]);
  });

  it('calls onClose once when the host closes, and at once for a listener added afterwards', async () => {
    const peer = await startPeer();
    const connection = await connectTo(peer.url);
    const socket = await peer.accepted();
    const closed = whenClosed(connection);
    socket.close(1001, 'server closing');
    expect(await closed).toBe(1);

    let late = 0;
    connection.onClose(() => (late += 1));
    await Promise.resolve();
    expect(late).toBe(1);
    await connection.close();
    expect(late).toBe(1);
    expect(sendFailure(connection)).toMatchObject({
      code: 'TERMINAL_HOST_UNREACHABLE',
      details: { reason: 'closed' },
    });
  });

  it('closes gracefully with code 1000: the host sees a clean close, onClose fires once', async () => {
    const peer = await startPeer();
    const connection = await connectTo(peer.url);
    const socket = await peer.accepted();
    const closedByTerminal = peerClosed(socket);
    const closedCalls = whenClosed(connection);
    await connection.close();
    expect(await closedByTerminal).toEqual({ code: 1000, reason: 'terminal closing' });
    expect(await closedCalls).toBe(1);
    expect(sendFailure(connection)).toBeInstanceOf(TerminalError);
    // A second close is the same close.
    await connection.close();
  });

  it('counts as closed after the grace period when the host never answers the closing handshake', async () => {
    const peer = await startMutePeer();
    const connection = await new WebSocketHostLink(peer.url, { WebSocket: NodeWebSocket }).connect(2000);
    await peer.accepted;
    const closedCalls = whenClosed(connection);
    await connection.close();
    expect(await closedCalls).toBe(1);
    expect(sendFailure(connection)).toMatchObject({ details: { reason: 'closed' } });
  });
});
