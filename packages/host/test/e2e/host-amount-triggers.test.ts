import { bytesToHex } from '@payterm/iso8583';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import { TerminalError } from '../../src/testing/terminal-error.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { decodeReply, packSigned } from '../support/raw-requests.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const DEBIT = '6200001000000011';
const CREDIT = '6200001000000029';
const PIN = '123456';
const TID = DEMO.tids[0];

for (const dialect of TEST_DIALECTS) {
  describe(`amount triggers over TCP [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;

    async function available(pan: string): Promise<number | undefined> {
      return (await host.runtime.issuer.balance(pan))?.availableMinor;
    }

    async function timedOut(promise: Promise<unknown>): Promise<TerminalError> {
      const error: unknown = await promise.then(
        () => undefined,
        (reason: unknown) => reason,
      );
      if (!(error instanceof TerminalError)) throw new Error('expected the request to fail');
      expect(error.code).toBe('TERMINAL_RESPONSE_TIMEOUT');
      return error;
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('9198: records the sale approved without answering; the reversal restores the balance once', async () => {
      const before = await available(DEBIT);
      const error = await timedOut(
        terminal.sale({ pan: DEBIT, amountMinor: 1_9198, pin: PIN }, { timeoutMs: 300 }),
      );
      const request = error.request;
      if (request?.kind !== 'sale') throw new Error('the timeout carries the sale');
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        request.stan,
      );
      expect(row).toMatchObject({
        kind: 'sale',
        responseCode: '00',
        status: 'approved',
        amountMinor: 1_9198,
      });
      expect(await available(DEBIT)).toBe((before ?? 0) - 1_9198);

      // A terminal that retransmits instead of reversing gets the stored approval (same RRN), nothing moves twice.
      const retransmitted = decodeReply(
        request,
        await terminal.sendRawAndWait(await packSigned(terminal, request), 2_000),
      );
      expect(retransmitted).toMatchObject({ responseCode: '00', rrn: row?.rrn, authCode: row?.authCode });
      expect(await available(DEBIT)).toBe((before ?? 0) - 1_9198);

      const reversal = await terminal.reversal(request, '98');
      expect(reversal.response.responseCode).toBe('00');
      expect(await available(DEBIT)).toBe(before);
      const again = await terminal.reversal(request, '98');
      expect(again.response.responseCode).toBe('00');
      expect(await available(DEBIT)).toBe(before);
      const rows = await host.runtime.repositories.transactions.findByStan(TID, terminal.batch, request.stan);
      expect(rows.find((candidate) => candidate.kind === 'sale')?.status).toBe('reversed');
    });

    it('9198 on a pre-auth: the hold is placed without an answer; the reversal releases it', async () => {
      const before = await host.runtime.issuer.balance(CREDIT);
      const error = await timedOut(
        terminal.preauth({ pan: CREDIT, amountMinor: 7_9198, pin: PIN }, { timeoutMs: 300 }),
      );
      expect((await host.runtime.issuer.balance(CREDIT))?.heldMinor).toBe((before?.heldMinor ?? 0) + 7_9198);
      const request = error.request;
      if (request === undefined) throw new Error('the timeout carries the pre-auth');
      expect((await terminal.reversal(request, '98')).response.responseCode).toBe('00');
      expect(await host.runtime.issuer.balance(CREDIT)).toEqual(before);
    });

    it('9168: answers after the delay', async () => {
      const sale = await terminal.sale({ pan: DEBIT, amountMinor: 2_9168, pin: PIN });
      expect(sale.response.responseCode).toBe('00');
    });

    it('9168: a terminal that gave up gets the late answer unmatched and reverses', async () => {
      const before = await available(CREDIT);
      const unmatchedBefore = terminal.unmatched.length;
      // The host waits lateResponseMs (50) after the commit: a 10 ms wait always gives up first.
      const error = await timedOut(
        terminal.sale({ pan: CREDIT, amountMinor: 3_9168, pin: PIN }, { timeoutMs: 10 }),
      );
      await vi.waitFor(() => expect(terminal.unmatched.length).toBe(unmatchedBefore + 1));
      expect(terminal.unmatched.at(-1)?.message?.fields[39]).toBe('00');
      expect(await available(CREDIT)).toBe((before ?? 0) - 3_9168);
      const request = error.request;
      if (request === undefined) throw new Error('the timeout carries the sale');
      expect((await terminal.reversal(request, '98')).response.responseCode).toBe('00');
      expect(await available(CREDIT)).toBe(before);
    });

    it('9194: answers twice with identical replies, the second lands in unmatched', async () => {
      const before = await available(DEBIT);
      const unmatchedBefore = terminal.unmatched.length;
      const sale = await terminal.sale({ pan: DEBIT, amountMinor: 4_9194, pin: PIN });
      expect(sale.response.responseCode).toBe('00');
      await vi.waitFor(() => expect(terminal.unmatched.length).toBe(unmatchedBefore + 1));
      const duplicate = terminal.unmatched.at(-1);
      expect(bytesToHex(duplicate?.bytes ?? new Uint8Array())).toBe(bytesToHex(sale.responseBytes));
      expect(await available(DEBIT)).toBe((before ?? 0) - 4_9194);
    });

    it('9196: the issuer fails 96; 9191: the issuer is unavailable 91; no money moves', async () => {
      const before = await available(DEBIT);
      const failed = await terminal.sale({ pan: DEBIT, amountMinor: 5_9196, pin: PIN });
      expect(failed.response.responseCode).toBe('96');
      const unavailable = await terminal.sale({ pan: DEBIT, amountMinor: 6_9191, pin: PIN });
      expect(unavailable.response.responseCode).toBe('91');
      expect(await available(DEBIT)).toBe(before);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        unavailable.request.stan,
      );
      expect(row?.responseCode).toBe('91');
    });
  });
}
