import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { encodeFrame } from '@payterm/iso8583';
import {
  IsoTcpClient,
  IsoTcpServer,
  replyWith,
  type FrameHandler,
  type IsoTcpServerOptions,
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

async function start(options: IsoTcpServerOptions): Promise<{ port: number; server: IsoTcpServer }> {
  const server = new IsoTcpServer(options);
  servers.push(server);
  const { port } = await server.listen({ host: '127.0.0.1', port: 0 });
  return { port, server };
}

async function client(port: number): Promise<IsoTcpClient> {
  const connected = await IsoTcpClient.connect({ host: '127.0.0.1', port, maxFrameBytes: 0xffff });
  clients.push(connected);
  return connected;
}

/** A handler whose answers wait until `release()`. */
function gatedHandler(): { handler: FrameHandler; release: () => void } {
  let open: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (open = resolve));
  return {
    handler: async (frame) => {
      await gate;
      return replyWith(asResponse(frame));
    },
    release: () => open(),
  };
}

afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.destroy()));
  await Promise.all(servers.splice(0).map((s) => s.close({ drainTimeoutMs: 1000 })));
});

describe('IsoTcpServer limits', () => {
  it('closes a connection that announces an oversize frame and keeps serving the others', async () => {
    const observer = new RecordingObserver();
    const { port, server } = await start({ handler: echoHandler, observer, maxFrameBytes: 512 });
    const bad = await client(port);
    const good = await client(port);
    const before = bad.expect(isReplyTo(1), 2000);
    bad.sendRaw(Buffer.concat([encodeFrame(testMessage(1), 'binary-2'), Uint8Array.of(0x02, 0x01)]));
    expect(sequenceOf(await before)).toBe(1); // the frame completed before the bad prefix is still answered
    await bad.closed;
    expect(observer.errors.map((e) => [e.kind, (e.error as { code: string }).code])).toEqual([
      ['frame', 'ISO8583_FRAME_TOO_LONG'],
    ]);
    await waitFor(() => observer.closed.length === 1, 'the close reported');
    expect(observer.closed.map((c) => c.reason)).toEqual(['frame-error']);
    expect(sequenceOf(await good.request(testMessage(2, 512), isReplyTo(2), 2000))).toBe(2);
    expect(server.connectionCount).toBe(1);
  });

  it('closes a connection that sends nothing for the idle timeout', async () => {
    const observer = new RecordingObserver();
    const { port } = await start({ handler: echoHandler, observer, idleTimeoutMs: 100 });
    const terminal = await client(port);
    expect(sequenceOf(await terminal.request(testMessage(1), isReplyTo(1), 2000))).toBe(1);
    await terminal.closed;
    await waitFor(() => observer.closed.length === 1, 'the close reported');
    expect(observer.closed.map((c) => c.reason)).toEqual(['idle-timeout']);
  });

  it('pauses reading at the in-flight limit, so a flood of frames is not buffered', async () => {
    const observer = new RecordingObserver();
    const { handler, release } = gatedHandler();
    const { port, server } = await start({ handler, observer, maxInFlightPerConnection: 4 });
    const terminal = await client(port);
    const replies: number[] = [];
    terminal.onFrame((frame) => replies.push(sequenceOf(frame)));
    for (let i = 0; i < 2000; i++) terminal.send(testMessage(i, 1000)); // 2 MB
    await waitFor(() => server.connectionStats()[0]?.readPaused === true, 'reading paused');
    await delay(100);
    const stats = server.connectionStats()[0];
    expect(stats?.inFlight).toBe(4);
    expect(observer.frames).toBeLessThan(500); // what arrived before the pause, not the whole flood
    expect(observer.frames).toBe((stats?.inFlight ?? 0) + (stats?.queued ?? 0));
    release();
    await waitFor(() => replies.length === 2000, 'every reply after the release', 20_000);
    expect(replies).toEqual(Array.from({ length: 2000 }, (_, i) => i));
    expect(server.connectionStats()[0]?.readPaused).toBe(false);
  });

  it('pauses reading while a terminal does not read its replies (write buffer above the high-water mark)', async () => {
    const observer = new RecordingObserver();
    const replyBytes = 60_000;
    const bigReply: FrameHandler = (frame) => {
      const reply = new Uint8Array(replyBytes);
      reply.set(asResponse(frame));
      return Promise.resolve(replyWith(reply));
    };
    const { port, server } = await start({ handler: bigReply, observer, maxInFlightPerConnection: 64 });
    const terminal = await client(port);
    terminal.pauseReading();
    // 180 MB of replies: far more than the loopback socket buffers of both ends can absorb.
    const count = 3000;
    for (let i = 0; i < count; i++) terminal.send(testMessage(i));
    await waitFor(() => server.connectionStats()[0]?.writeBlocked === true, 'the write buffer full');
    let answered = -1;
    await waitFor(
      () => {
        const stable = answered === observer.replies;
        answered = observer.replies;
        return stable && server.connectionStats()[0]?.readPaused === true;
      },
      'replies to stop while the terminal does not read',
      10_000,
      200,
    );
    expect(answered).toBeLessThan(count);
    const stats = server.connectionStats()[0];
    expect(stats?.writeBlocked).toBe(true);
    // At most two handler rounds of replies wait in user space; the rest waits unread in the queue.
    expect(stats?.writableBytes).toBeLessThanOrEqual(2 * 64 * (replyBytes + 2));
    const received: number[] = [];
    terminal.onFrame((frame) => received.push(sequenceOf(frame)));
    terminal.resumeReading();
    await waitFor(() => received.length === count, 'every reply after the terminal reads again', 30_000);
  });

  it('drops a terminal that has not read its replies for the idle timeout', async () => {
    const observer = new RecordingObserver();
    const bigReply: FrameHandler = (frame) => {
      const reply = new Uint8Array(60_000);
      reply.set(asResponse(frame));
      return Promise.resolve(replyWith(reply));
    };
    const { port } = await start({ handler: bigReply, observer, idleTimeoutMs: 150 });
    const terminal = await client(port);
    terminal.pauseReading();
    for (let i = 0; i < 3000; i++) terminal.send(testMessage(i));
    // The terminal does not read, so it cannot see the close: watch the server side.
    await waitFor(() => observer.closed.length === 1, 'the close reported');
    expect(observer.closed.map((c) => c.reason)).toEqual(['idle-timeout']);
  });

  it('on close, waits for an in-flight slow handler and delivers its reply, and refuses new connections', async () => {
    const observer = new RecordingObserver();
    const slow: FrameHandler = async (frame) => {
      await delay(200);
      return replyWith(asResponse(frame));
    };
    const { port, server } = await start({ handler: slow, observer });
    const terminal = await client(port);
    const reply = terminal.expect(isReplyTo(1), 5000);
    terminal.send(testMessage(1));
    await waitFor(() => observer.frames === 1, 'the frame received');
    const closed = server.close({ drainTimeoutMs: 5000 });
    const refused = await new Promise<boolean>((resolve) => {
      const late = connect({ host: '127.0.0.1', port });
      late.once('connect', () => resolve(false));
      late.once('error', () => resolve(true));
    });
    expect(refused).toBe(true);
    expect(sequenceOf(await reply)).toBe(1);
    await closed;
    await terminal.closed;
    expect(observer.closed.map((c) => c.reason)).toEqual(['server-closing']);
  });

  it('on close, finishes as soon as the peer hangs up even when it sent a frame after the stop', async () => {
    const observer = new RecordingObserver();
    const slow: FrameHandler = async (frame) => {
      await delay(200);
      return replyWith(asResponse(frame));
    };
    const { port, server } = await start({ handler: slow, observer });
    const terminal = await client(port);
    const reply = terminal.expect(isReplyTo(1), 5000);
    terminal.send(testMessage(1));
    await waitFor(() => observer.frames === 1, 'the frame received');
    // A drain timeout far beyond the test's own: the close must not wait for it.
    const closed = server.close({ drainTimeoutMs: 600_000 });
    await delay(20);
    terminal.send(testMessage(2));
    expect(sequenceOf(await reply)).toBe(1);
    await terminal.closed;
    await closed;
    expect(observer.closed.map((c) => c.reason)).toEqual(['server-closing']);
  });

  it('on close, drops connections still busy after the drain timeout', async () => {
    const observer = new RecordingObserver();
    const { handler, release } = gatedHandler();
    const { port, server } = await start({ handler, observer });
    const terminal = await client(port);
    terminal.send(testMessage(1));
    await waitFor(() => observer.frames === 1, 'the frame received');
    await server.close({ drainTimeoutMs: 50 });
    await terminal.closed;
    expect(observer.closed.map((c) => c.reason)).toEqual(['drain-timeout']);
    release();
    await waitFor(() => observer.errors.length === 1, 'the dropped reply reported');
    expect((observer.errors[0]?.error as { code: string }).code).toBe('CHANNEL_CONNECTION_CLOSED');
  });

  it('refuses connections beyond maxConnections', async () => {
    const observer = new RecordingObserver();
    const { port, server } = await start({ handler: echoHandler, observer, maxConnections: 2 });
    await client(port);
    await client(port);
    const third = await client(port);
    await third.closed;
    expect(observer.errors.map((e) => e.kind)).toEqual(['connection-limit']);
    expect(server.connectionCount).toBe(2);
  });

  it('rejects out-of-range options with CHANNEL_INVALID_OPTION', () => {
    expect(() => new IsoTcpServer({ handler: echoHandler, maxFrameBytes: 70_000 })).toThrow(
      expect.objectContaining({ code: 'CHANNEL_INVALID_OPTION' }),
    );
    expect(() => new IsoTcpServer({ handler: echoHandler, maxInFlightPerConnection: 0 })).toThrow(
      expect.objectContaining({ code: 'CHANNEL_INVALID_OPTION' }),
    );
  });
});
