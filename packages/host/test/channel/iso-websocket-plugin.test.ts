import { createRequire } from 'node:module';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '@payterm/iso8583';
import { isoWebSocketPlugin, replyWith, WS_CLOSE, type FrameHandler } from '../../src/channel/index.js';
import {
  RecordingObserver,
  asResponse,
  delay,
  echoHandler,
  sequenceOf,
  testMessage,
  waitFor,
} from './channel-support.js';

/** The part of the `ws` client used here (the package ships no types of its own). */
interface WsClient {
  binaryType: string;
  send(data: Uint8Array | string): void;
  close(): void;
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer, isBinary: boolean) => void): void;
  on(event: 'close', listener: (code: number, reason: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => WsClient;

interface Session {
  readonly socket: WsClient;
  readonly messages: Uint8Array[];
  readonly closed: Promise<{ code: number; reason: string }>;
}

const apps: FastifyInstance[] = [];
const sessions: Session[] = [];

async function start(handler: FrameHandler, observer: RecordingObserver, path?: string): Promise<string> {
  const app = Fastify();
  apps.push(app);
  await app.register(isoWebSocketPlugin, {
    handler,
    observer,
    maxFrameBytes: 1024,
    ...(path === undefined ? {} : { path }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error('no TCP address');
  return `ws://127.0.0.1:${address.port}${path ?? '/iso8583'}`;
}

async function open(url: string): Promise<Session> {
  const socket = new WebSocket(url);
  const messages: Uint8Array[] = [];
  socket.on('message', (data) => messages.push(new Uint8Array(data)));
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })),
  );
  await new Promise<void>((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('error', reject);
  });
  const session = { socket, messages, closed };
  sessions.push(session);
  return session;
}

afterEach(async () => {
  for (const session of sessions.splice(0)) session.socket.close();
  await Promise.all(apps.splice(0).map((app) => app.close()));
});

describe('isoWebSocketPlugin', () => {
  it('answers framed binary messages, one reply per message, several in flight', async () => {
    const observer = new RecordingObserver();
    const slowFirst: FrameHandler = async (frame) => {
      await delay(sequenceOf(frame) === 1 ? 100 : 0);
      return replyWith(asResponse(frame));
    };
    const url = await start(slowFirst, observer);
    const session = await open(url);
    session.socket.send(encodeFrame(testMessage(1, 121), 'binary-2'));
    session.socket.send(encodeFrame(testMessage(2, 250), 'binary-2'));
    await waitFor(() => session.messages.length === 2, 'two replies');
    expect(session.messages).toEqual([
      encodeFrame(asResponse(testMessage(2, 250)), 'binary-2'),
      encodeFrame(asResponse(testMessage(1, 121)), 'binary-2'),
    ]);
    expect(observer.opened[0]?.channel).toBe('websocket');
    expect(observer.frames).toBe(2);
  });

  it('serves a custom path and writes two messages for a two-frame reply', async () => {
    const twice: FrameHandler = (frame) => Promise.resolve(replyWith(asResponse(frame), asResponse(frame)));
    const url = await start(twice, new RecordingObserver(), '/terminals/iso');
    const session = await open(url);
    session.socket.send(encodeFrame(testMessage(5), 'binary-2'));
    await waitFor(() => session.messages.length === 2, 'two replies');
    expect(session.messages[0]).toEqual(session.messages[1]);
  });

  it('closes with a policy violation when the length prefix does not match the message', async () => {
    const observer = new RecordingObserver();
    const session = await open(await start(echoHandler, observer));
    const framed = encodeFrame(testMessage(1), 'binary-2');
    framed[1] = (framed[1] as number) + 1;
    session.socket.send(framed);
    const { code, reason } = await session.closed;
    expect(code).toBe(WS_CLOSE.policyViolation);
    expect(reason).toMatch(/length prefix/);
    expect(observer.errors.map((e) => [e.kind, (e.error as { code: string }).code])).toEqual([
      ['protocol', 'CHANNEL_WS_BAD_LENGTH_PREFIX'],
    ]);
    await waitFor(() => observer.closed.length === 1, 'the close reported');
    expect(observer.closed[0]?.reason).toBe('protocol-error');
  });

  it('closes on a message shorter than its prefix and on a frame above the maximum', async () => {
    const observer = new RecordingObserver();
    const url = await start(echoHandler, observer);
    const short = await open(url);
    short.socket.send(Uint8Array.of(0x00));
    expect((await short.closed).code).toBe(WS_CLOSE.policyViolation);
    const big = await open(url);
    big.socket.send(encodeFrame(testMessage(1, 1025), 'binary-2'));
    expect((await big.closed).code).toBe(WS_CLOSE.messageTooBig);
  });

  it('rejects text messages', async () => {
    const observer = new RecordingObserver();
    const session = await open(await start(echoHandler, observer));
    session.socket.send('0800');
    const { code } = await session.closed;
    expect(code).toBe(WS_CLOSE.unsupportedData);
    expect((observer.errors[0]?.error as { code: string }).code).toBe('CHANNEL_WS_TEXT_MESSAGE');
    expect(session.messages).toEqual([]);
  });

  it('answers an in-flight frame before the server closes', async () => {
    const observer = new RecordingObserver();
    const slow: FrameHandler = async (frame) => {
      await delay(150);
      return replyWith(asResponse(frame));
    };
    const session = await open(await start(slow, observer));
    session.socket.send(encodeFrame(testMessage(9), 'binary-2'));
    await waitFor(() => observer.frames === 1, 'the frame received');
    await apps.splice(0)[0]?.close();
    expect(session.messages).toEqual([encodeFrame(asResponse(testMessage(9)), 'binary-2')]);
    expect((await session.closed).code).toBe(WS_CLOSE.goingAway);
  });
});
