import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IndexedDbStorage, terminalDatabaseName } from '../src/browser/index.js';
import { openWsTerminalRig, openWsTestHost, type WsTestHost } from './support/ws-rig.js';
import type { TerminalRig } from './support/terminal-rig.js';

/** Long enough that the test, not the timer, decides when the terminal stops waiting (under setTimeout's limit). */
const NEVER_MS = 2 ** 31 - 1;

describe('the browser adapters against the real host: IndexedDB journal, WebSocket link', () => {
  let host: WsTestHost;
  beforeAll(async () => {
    host = await openWsTestHost();
  });
  afterAll(async () => {
    await host.cleanup();
  });

  describe('a terminal over WebSocketHostLink and IndexedDbStorage', () => {
    let storage: IndexedDbStorage;
    let rig: TerminalRig;
    beforeAll(async () => {
      storage = await IndexedDbStorage.open(terminalDatabaseName('10000001'), {
        indexedDB: new IDBFactory(),
      });
      rig = await openWsTerminalRig({ url: host.url, storage });
    });
    afterAll(async () => {
      await rig.close();
      await storage.close();
    });

    it('logs in and signs in over the WebSocket channel', async () => {
      await rig.terminal.login('01', '0000');
      const outcome = await rig.terminal.signIn();
      expect(outcome.approved).toBe(true);
      expect(outcome.checkValues.mak).toMatch(/^[0-9A-F]{8}$/);
      expect(rig.terminal.status()).toMatchObject({ signedIn: true, offline: false, batch: outcome.batch });
    });

    it('sells and voids; the journal in IndexedDB holds both, without the clear PAN', async () => {
      rig.present('6200001000000011', 'insert', '123456');
      const sale = await rig.terminal.sale(12_345);
      expect(sale).toMatchObject({ approved: true, responseCode: '00', outcome: 'approved' });
      expect(sale.record.rrn).toMatch(/^\d{12}$/);

      rig.present('6200001000000011', 'swipe', '123456');
      const voided = await rig.terminal.voidSale(sale.record.stan, '123456');
      expect(voided).toMatchObject({ approved: true, responseCode: '00' });
      expect(rig.terminal.transaction(sale.record.stan).voidedBy).toBe(voided.record.id);

      const journal = await storage.list<{ stan: string; type: string; status: string; voidedBy?: string }>(
        'journal',
      );
      expect(journal.map(({ stan, type, status, voidedBy }) => ({ stan, type, status, voidedBy }))).toEqual([
        { stan: sale.record.stan, type: 'sale', status: 'approved', voidedBy: voided.record.id },
        { stan: voided.record.stan, type: 'void', status: 'approved', voidedBy: undefined },
      ]);
      expect(JSON.stringify(journal)).not.toContain('6200001000000011');
      expect(host.processed).toEqual(
        expect.arrayContaining([
          { mti: '0200', kind: 'sale', responseCode: '00' },
          { mti: '0200', kind: 'void', responseCode: '00' },
        ]),
      );
    });
  });
});

describe('a page reload between send and response, over the browser adapters', () => {
  it('reverses the sale whose answer the reload lost: the new page finds it pending and reverses it', async () => {
    const host = await openWsTestHost();
    const indexedDB = new IDBFactory();
    const name = terminalDatabaseName('10000002');
    const profile = { responseTimeoutMs: NEVER_MS };
    let lost: Promise<unknown> | undefined;
    try {
      const beforeStorage = await IndexedDbStorage.open(name, { indexedDB });
      const before = await openWsTerminalRig({
        url: host.url,
        tid: '10000002',
        storage: beforeStorage,
        profile,
      });
      await before.terminal.login('01', '0000');
      await before.terminal.signIn();
      before.present('6200001000000011', 'insert', '123456');

      // 9198: the host approves and records the sale, and never answers.
      lost = before.terminal.sale(19_198).catch((error: unknown) => error);
      await host.processedCount('sale', 1);
      const journal = await beforeStorage.list<{ type: string; status: string }>('journal');
      expect(journal.map(({ type, status }) => ({ type, status }))).toEqual([
        { type: 'sale', status: 'sending' },
      ]);
      // The reload: the page and its IndexedDB connection go; that terminal never hears an answer.
      await beforeStorage.close();

      const afterStorage = await IndexedDbStorage.open(name, { indexedDB });
      const after = await openWsTerminalRig({
        url: host.url,
        tid: '10000002',
        storage: afterStorage,
        profile,
      });
      try {
        expect(after.terminal.interruptedAtStart).toHaveLength(1);
        const [pending] = after.terminal.status().pending;
        expect(pending).toMatchObject({
          type: 'sale',
          status: 'reversal-pending',
          action: 'reverse',
          reason: '98',
          amount: { amountMinor: 19_198 },
        });

        const [report] = await after.terminal.resolvePending();
        expect(report).toMatchObject({ resolved: true, record: { status: 'reversed' } });
        expect(after.terminal.status().pending).toEqual([]);
        expect(host.processed).toContainEqual({ mti: '0400', kind: 'reversal', responseCode: '00' });
        const stored = await afterStorage.list<{ type: string; status: string }>('journal');
        expect(stored.map(({ type, status }) => ({ type, status }))).toEqual([
          { type: 'sale', status: 'reversed' },
        ]);
      } finally {
        await after.close();
        await afterStorage.close();
      }
    } finally {
      // The old page's sale ends when the host closes its connection; its journal is closed by then.
      await host.cleanup();
    }
    expect(await lost).toMatchObject({ code: 'TERMINAL_STORAGE_FAILED' });
  });
});
