import { createServer, type Server } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  IsoTcpClient,
  IsoTcpServer,
  NO_REPLY,
  replyWith,
  type FrameHandler,
} from '../../src/channel/index.js';
import { asResponse, isReplyTo, testMessage } from './channel-support.js';

const servers: IsoTcpServer[] = [];

async function start(handler: FrameHandler): Promise<number> {
  const server = new IsoTcpServer({ handler });
  servers.push(server);
  return (await server.listen({ host: '127.0.0.1', port: 0 })).port;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close({ drainTimeoutMs: 100 })));
});

describe('IsoTcpClient', () => {
  it('hands the handler each frame in a buffer of its own, not a view of the socket read buffer', async () => {
    const seen: Uint8Array[] = [];
    const port = await start((frame) => {
      seen.push(frame);
      return Promise.resolve(replyWith(asResponse(frame)));
    });
    const terminal = await IsoTcpClient.connect({ host: '127.0.0.1', port });
    terminal.send(testMessage(1, 100));
    await terminal.request(testMessage(2, 100), isReplyTo(2), 2000);
    expect(seen.map((frame) => [frame.byteOffset, frame.buffer.byteLength])).toEqual([
      [0, 100],
      [0, 100],
    ]);
    await terminal.destroy();
  });

  it('rejects a request with CHANNEL_REQUEST_TIMEOUT when no reply matches in time', async () => {
    const port = await start(() => Promise.resolve(NO_REPLY));
    const terminal = await IsoTcpClient.connect({ host: '127.0.0.1', port });
    await expect(terminal.request(testMessage(1), isReplyTo(1), 50)).rejects.toMatchObject({
      code: 'CHANNEL_REQUEST_TIMEOUT',
    });
    await terminal.destroy();
  });

  it('rejects pending requests with CHANNEL_CONNECTION_CLOSED when the connection closes', async () => {
    const port = await start(() => Promise.resolve(NO_REPLY));
    const terminal = await IsoTcpClient.connect({ host: '127.0.0.1', port });
    const pending = terminal.request(testMessage(1), isReplyTo(1), 5000);
    const rejected = expect(pending).rejects.toMatchObject({ code: 'CHANNEL_CONNECTION_CLOSED' });
    await servers.splice(0)[0]?.close({ drainTimeoutMs: 100 });
    await rejected;
    await expect(terminal.request(testMessage(2), isReplyTo(2), 50)).rejects.toMatchObject({
      code: 'CHANNEL_CONNECTION_CLOSED',
    });
  });

  it('fails to connect to a closed port', async () => {
    const silent: Server = createServer();
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const address = silent.address();
    await new Promise((resolve) => silent.close(resolve));
    const port = typeof address === 'object' && address !== null ? address.port : 0;
    await expect(IsoTcpClient.connect({ host: '127.0.0.1', port, timeoutMs: 2000 })).rejects.toMatchObject({
      code: 'ECONNREFUSED',
    });
  });
});
