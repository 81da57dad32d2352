import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import { TestTerminal } from '../../src/testing/test-terminal.js';
import { HostProcess } from '../support/host-process.js';
import { WebSocketTerminalLink } from '../support/ws-terminal-link.js';
import { openProcessStorage, type ProcessStorage } from './process-database.js';

const CARD = '6200001000000011';

describe('the ISO 8583 WebSocket channel of the real host process', () => {
  let storage: ProcessStorage;
  let host: HostProcess;
  let link: WebSocketTerminalLink;
  let terminal: TestTerminal;
  beforeAll(async () => {
    storage = await openProcessStorage('sqlite');
    host = await HostProcess.start({ dataDir: storage.dataDir });
    link = await WebSocketTerminalLink.connect(host.banner.webSocketUrl);
    terminal = TestTerminal.over(link, {
      tid: DEMO.tids[1],
      mid: DEMO.mid,
      tmkHex: DEMO.tmkHex,
      timeoutMs: 10_000,
    });
  });
  afterAll(async () => {
    await terminal.close().catch(() => undefined);
    await HostProcess.killAll();
    await storage.cleanup();
  });

  it('signs in, sells, voids and settles balanced: the same pipeline as TCP', async () => {
    const signIn = await terminal.signIn();
    expect(signIn.response.responseCode).toBe('00');
    expect(terminal.signedIn).toBe(true);

    const voided = await terminal.sale({ pan: CARD, amountMinor: 25_00, pin: '123456' });
    expect(voided.response).toMatchObject({ responseCode: '00' });
    expect(voided.response.rrn).toMatch(/^\d{12}$/);
    const voiding = await terminal.void(voided);
    expect(voiding.response.responseCode).toBe('00');
    const kept = await terminal.sale({ pan: CARD, amountMinor: 7_50, pin: '123456' });
    expect(kept.response.responseCode).toBe('00');

    const settlement = await terminal.settle();
    expect(settlement.response.responseCode).toBe('00');
    const totals = settlement.response.kind === 'settlement' ? settlement.response.totals : undefined;
    expect(totals?.domestic).toMatchObject({
      result: 'balanced',
      debitCount: 2,
      debitAmountMinor: 25_00 + 7_50,
      creditCount: 1,
      creditAmountMinor: 25_00,
    });
    expect(link.malformed).toEqual([]);
  });

  it('records the WebSocket transactions like TCP ones (HTTP API) and counts the channel', async () => {
    const token = host.banner.apiToken ?? '';
    const headers = { authorization: `Bearer ${token}` };
    const response = await fetch(`${host.httpUrl}/api/transactions?tid=${DEMO.tids[1]}`, { headers });
    expect(response.status).toBe(200);
    const { items } = (await response.json()) as {
      items: { kind: string; amount: { amountMinor: number }; responseCode: string; status: string }[];
    };
    expect(
      items.map(({ kind, amount, responseCode, status }) => ({
        kind,
        amountMinor: amount.amountMinor,
        responseCode,
        status,
      })),
    ).toEqual(
      expect.arrayContaining([
        { kind: 'sale', amountMinor: 25_00, responseCode: '00', status: 'voided' },
        { kind: 'void', amountMinor: 25_00, responseCode: '00', status: 'approved' },
        { kind: 'sale', amountMinor: 7_50, responseCode: '00', status: 'approved' },
      ]),
    );
    const metrics = await (await fetch(`${host.httpUrl}/metrics`, { headers })).text();
    expect(metrics).toContain('payterm_iso_open_connections{channel="websocket"} 1');
  });

  it('closes the WebSocket connections when the host stops, and exits 0', async () => {
    const exit = await host.stop('SIGTERM');
    expect(exit, host.output).toEqual({ code: 0, signal: null });
    await link.closed;
  });
});
