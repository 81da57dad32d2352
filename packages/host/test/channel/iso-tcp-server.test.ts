import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '@payterm/iso8583';
import {
  IsoTcpClient,
  IsoTcpServer,
  NO_REPLY,
  replyWith,
  type FrameHandler,
} from '../../src/channel/index.js';
import {
  RecordingObserver,
  asResponse,
  delay,
  echoHandler,
  isReplyTo,
  sequenceOf,
  testMessage,
  waitFor,
} from './channel-support.js';

const servers: IsoTcpServer[] = [];
const clients: IsoTcpClient[] = [];

async function start(
  handler: FrameHandler,
  observer = new RecordingObserver(),
): Promise<{ port: number; server: IsoTcpServer }> {
  const server = new IsoTcpServer({ handler, observer });
  servers.push(server);
  const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
  return { port, server };
}

async function client(port: number): Promise<IsoTcpClient> {
  const connected = await IsoTcpClient.connect({ host: '127.0.0.1', port });
  clients.push(connected);
  return connected;
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await Promise.all(servers.splice(0).map((s) => s.close({ drainTimeoutMs: 1000 })));
});

describe('IsoTcpServer', () => {
  it('answers a frame over a real socket (echo round trip)', async () => {
    const observer = new RecordingObserver();
    const { port } = await start(echoHandler, observer);
    const terminal = await client(port);
    const request = testMessage(7, 121);
    const reply = await terminal.request(request, isReplyTo(7), 2000);
    expect(reply).toEqual(asResponse(request));
    expect(observer.frames).toBe(1);
    expect(observer.replies).toBe(1);
    expect(observer.opened).toHaveLength(1);
    expect(observer.opened[0]?.channel).toBe('tcp');
    expect(observer.opened[0]?.remoteAddress).toMatch(/^127\.0\.0\.1:\d+$/);
  });

  it('answers 100 concurrent connections × 20 frames each', async () => {
    const { port } = await start(echoHandler);
    const terminals = await Promise.all(Array.from({ length: 100 }, () => client(port)));
    const replies = await Promise.all(
      terminals.flatMap((terminal, t) =>
        Array.from({ length: 20 }, (_, i) =>
          terminal.request(testMessage(t * 1000 + i, 250), isReplyTo(t * 1000 + i), 10_000),
        ),
      ),
    );
    expect(replies).toHaveLength(2000);
    replies.forEach((reply, index) => {
      const t = Math.floor(index / 20);
      expect(reply).toEqual(asResponse(testMessage(t * 1000 + (index % 20), 250)));
    });
  });

  it('reassembles a frame sent byte by byte, and many frames sent in one chunk', async () => {
    const { port } = await start(echoHandler);
    const terminal = await client(port);
    const framed = encodeFrame(testMessage(1, 90), 'binary-2');
    const first = terminal.expect(isReplyTo(1), 5000);
    for (const byte of framed) {
      terminal.sendRaw(Uint8Array.of(byte));
      await delay(1);
    }
    expect(await first).toEqual(asResponse(testMessage(1, 90)));

    const batch = Array.from({ length: 50 }, (_, i) => encodeFrame(testMessage(100 + i, 40 + i), 'binary-2'));
    const waits = batch.map((_, i) => terminal.expect(isReplyTo(100 + i), 5000));
    terminal.sendRaw(Buffer.concat(batch));
    const replies = await Promise.all(waits);
    replies.forEach((reply, i) => expect(reply).toEqual(asResponse(testMessage(100 + i, 40 + i))));
  });

  it('answers several frames in flight on one connection as each completes (out of order), matched by sequence', async () => {
    const handler: FrameHandler = async (frame) => {
      await delay((10 - sequenceOf(frame)) * 15);
      return replyWith(asResponse(frame));
    };
    const { port } = await start(handler);
    const terminal = await client(port);
    const arrival: number[] = [];
    terminal.onFrame((frame) => arrival.push(sequenceOf(frame)));
    for (let i = 0; i < 10; i++) terminal.send(testMessage(i));
    await waitFor(() => arrival.length === 10, 'ten replies');
    expect([...arrival].sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(arrival).not.toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(arrival[0]).toBe(9);

    const matched = await Promise.all(
      [3, 8, 1].map((i) => terminal.request(testMessage(i), isReplyTo(i), 2000)),
    );
    expect(matched.map(sequenceOf)).toEqual([3, 8, 1]);
  });

  it("writes nothing for a 'none' reply and two frames, in order, for a two-frame reply", async () => {
    const handler: FrameHandler = (frame) => {
      const sequence = sequenceOf(frame);
      if (sequence === 1) return Promise.resolve(NO_REPLY);
      if (sequence === 2) return Promise.resolve(replyWith(asResponse(frame), asResponse(testMessage(3))));
      return echoHandler(frame, { channel: 'tcp', connectionId: '', remoteAddress: '' });
    };
    const { port } = await start(handler);
    const received: Buffer[] = [];
    const raw = connect({ host: '127.0.0.1', port });
    raw.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise((resolve) => raw.once('connect', resolve));
    raw.write(encodeFrame(testMessage(1), 'binary-2'));
    raw.write(encodeFrame(testMessage(4), 'binary-2'));
    const echoed = encodeFrame(asResponse(testMessage(4)), 'binary-2');
    await waitFor(() => Buffer.concat(received).length >= echoed.length, 'the echo reply');
    await delay(50);
    expect(new Uint8Array(Buffer.concat(received))).toEqual(echoed);

    received.length = 0;
    raw.write(encodeFrame(testMessage(2), 'binary-2'));
    const expected = Buffer.concat([
      encodeFrame(asResponse(testMessage(2)), 'binary-2'),
      encodeFrame(asResponse(testMessage(3)), 'binary-2'),
    ]);
    await waitFor(() => Buffer.concat(received).length >= expected.length, 'two reply frames');
    expect(Buffer.concat(received)).toEqual(expected);
    raw.destroy();
  });

  it('writes the replies completing together as one stream of frames, in order, skipping an unframable one', async () => {
    const observer = new RecordingObserver();
    const handler: FrameHandler = (frame) => {
      if (sequenceOf(frame) !== 5)
        return echoHandler(frame, { channel: 'tcp', connectionId: '', remoteAddress: '' });
      // The middle frame is longer than a 2-byte prefix can count.
      return Promise.resolve(
        replyWith(asResponse(frame), new Uint8Array(0x10000), asResponse(testMessage(99))),
      );
    };
    const { port } = await start(handler, observer);
    const received: Buffer[] = [];
    const raw = connect({ host: '127.0.0.1', port });
    raw.on('data', (chunk: Buffer) => received.push(chunk));
    await new Promise((resolve) => raw.once('connect', resolve));
    const sequences = Array.from({ length: 12 }, (_, i) => i);
    raw.write(Buffer.concat(sequences.map((i) => encodeFrame(testMessage(i, 40 + i * 20), 'binary-2'))));
    const expected = Buffer.concat(
      [...sequences.slice(0, 6).map((i) => testMessage(i, 40 + i * 20)), testMessage(99)]
        .concat(sequences.slice(6).map((i) => testMessage(i, 40 + i * 20)))
        .map((message) => encodeFrame(asResponse(message), 'binary-2')),
    );
    await waitFor(() => Buffer.concat(received).length >= expected.length, 'every reply');
    await delay(20);
    expect(Buffer.concat(received)).toEqual(expected);
    expect(observer.errors.map((e) => [e.kind, (e.error as { code: string }).code])).toEqual([
      ['reply', 'ISO8583_FRAME_TOO_LONG'],
    ]);
    raw.destroy();
  });

  it('keeps serving a connection whose handler rejected or threw, and counts the failures', async () => {
    const observer = new RecordingObserver();
    const handler: FrameHandler = (frame) => {
      if (sequenceOf(frame) === 1) return Promise.reject(new Error('handler bug'));
      if (sequenceOf(frame) === 2) throw new Error('synchronous handler bug');
      if (sequenceOf(frame) === 3) return Promise.resolve({ kind: 'maybe' } as never);
      return echoHandler(frame, { channel: 'tcp', connectionId: '', remoteAddress: '' });
    };
    const { port, server } = await start(handler, observer);
    const terminal = await client(port);
    terminal.send(testMessage(1));
    terminal.send(testMessage(2));
    terminal.send(testMessage(3));
    const reply = await terminal.request(testMessage(4), isReplyTo(4), 2000);
    expect(sequenceOf(reply)).toBe(4);
    expect(observer.errors.map((e) => e.kind)).toEqual(['handler', 'handler', 'handler']);
    expect(observer.errors.map((e) => (e.error as Error).message)).toContain('handler bug');
    expect((observer.errors[2]?.error as { code: string }).code).toBe('CHANNEL_HANDLER_INVALID_REPLY');
    expect(server.connectionStats()[0]?.handlerFailures).toBe(3);
    expect(server.connectionCount).toBe(1);
  });

  it('answers what a terminal sent before half-closing its side', async () => {
    const { port } = await start(echoHandler);
    const terminal = await client(port);
    const replies: number[] = [];
    terminal.onFrame((frame) => replies.push(sequenceOf(frame)));
    for (let i = 0; i < 5; i++) terminal.send(testMessage(i));
    await terminal.end();
    expect(replies).toEqual([0, 1, 2, 3, 4]);
  });
});
