import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { replyWith, type FrameHandler } from '../../src/channel/index.js';
import { migrateToLatest } from '../../src/storage/index.js';
import { openTestDatabase, type OpenedTestDatabase } from '../support/database.js';
import { openHttpFixture, type HttpFixture } from './http-fixture.js';

/** The part of the `ws` client used here (the package ships no types of its own). */
interface WsClient {
  binaryType: string;
  send(data: Uint8Array): void;
  close(): void;
  on(event: 'open', listener: () => void): void;
  on(event: 'message', listener: (data: Buffer) => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
}
const WebSocket = createRequire(import.meta.url)('ws') as new (url: string) => WsClient;

/** Answers each frame with its bytes reversed. */
const reverser: FrameHandler = (frame) => Promise.resolve(replyWith(frame.slice().reverse()));

function framed(payload: Uint8Array): Uint8Array {
  return Uint8Array.from([payload.length >> 8, payload.length & 0xff, ...payload]);
}

describe('HTTP server: the ISO 8583 WebSocket channel', () => {
  let opened: OpenedTestDatabase;
  let fixture: HttpFixture;
  beforeAll(async () => {
    opened = await openTestDatabase('sqlite');
    await migrateToLatest(opened.database);
    fixture = await openHttpFixture(opened.database, { isoHandler: reverser });
    await fixture.app.listen({ host: '127.0.0.1', port: 0 });
  });
  afterAll(async () => {
    await fixture.close();
    await opened.cleanup();
  });

  it('serves /iso8583 without an API token, answers a frame and counts the connection', async () => {
    const address = fixture.app.server.address();
    if (address === null || typeof address === 'string') throw new Error('no TCP address');
    const socket = new WebSocket(`ws://127.0.0.1:${address.port}/iso8583`);
    const reply = new Promise<Uint8Array>((resolve, reject) => {
      socket.on('message', (data) => resolve(new Uint8Array(data)));
      socket.on('error', reject);
    });
    await new Promise<void>((resolve, reject) => {
      socket.on('open', resolve);
      socket.on('error', reject);
    });
    socket.send(framed(Uint8Array.from([1, 2, 3, 4])));
    expect(await reply).toEqual(framed(Uint8Array.from([4, 3, 2, 1])));
    expect(await fixture.metrics.render()).toContain('payterm_iso_open_connections{channel="websocket"} 1');
    socket.close();
  });

  it('is absent when no handler is given', async () => {
    const plain = await openHttpFixture(opened.database);
    try {
      const response = await plain.app.inject({ method: 'GET', url: '/iso8583' });
      expect(response.statusCode).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
