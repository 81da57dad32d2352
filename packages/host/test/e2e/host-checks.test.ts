import type { FieldValue } from '@payterm/iso8583';
import { encodePosRequest } from '@payterm/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { decodeReply, flipLastByte, packSigned, saleRequest } from '../support/raw-requests.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const DEBIT = '6200001000000011';
const CREDIT = '6200001000000029';
const LOAD = '6200001000000110';
const PIN = '123456';
const TID = DEMO.tids[0];

for (const dialect of TEST_DIALECTS) {
  describe(`host checks over TCP [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;

    async function available(pan: string): Promise<number | undefined> {
      return (await host.runtime.issuer.balance(pan))?.availableMinor;
    }

    async function storedCount(): Promise<number> {
      return (await host.runtime.repositories.transactions.search({ limit: 1000 })).items.length;
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('answers an unknown terminal 97 and a terminal with another merchant id 03', async () => {
      const stranger = await host.connectTerminal('99999999');
      expect((await stranger.signIn()).response.responseCode).toBe('97');
      expect((await stranger.echo()).response.responseCode).toBe('97');
      const otherMerchant = await terminal.send({
        kind: 'sign-in',
        keyLayout: '004',
        operator: '001',
        mid: '898310058129999',
      });
      expect(otherMerchant.response.responseCode).toBe('03');
      expect(terminal.signedIn).toBe(true);
    });

    it('answers a sale of an unknown terminal 97 and of another merchant 03, and processes neither', async () => {
      const before = await available(LOAD);
      const count = await storedCount();
      const unknown = saleRequest(terminal, '99999999', LOAD, 1_97);
      const unknownReply = decodeReply(
        unknown,
        await terminal.sendRawAndWait(await packSigned(terminal, unknown), 2_000),
      );
      expect(unknownReply.responseCode).toBe('97');
      const otherMerchant = { ...saleRequest(terminal, TID, LOAD, 1_03), mid: '898310058129999' };
      const otherReply = decodeReply(
        otherMerchant,
        await terminal.sendRawAndWait(await packSigned(terminal, otherMerchant), 2_000),
      );
      expect(otherReply.responseCode).toBe('03');
      expect(await available(LOAD)).toBe(before);
      expect(await storedCount()).toBe(count);
    });

    it('answers 77 with header digit 3 when the terminal is signed out or sends another batch', async () => {
      const second = await host.connectTerminal(DEMO.tids[1]);
      expect((await second.signIn()).response.responseCode).toBe('00');
      // Another connection of the same terminal signs it off at the host; `second` still has its keys.
      const other = await host.connectTerminal(DEMO.tids[1]);
      expect((await other.signOff()).response.responseCode).toBe('00');
      const before = await available(DEBIT);
      const signedOut = await second.sale({ pan: DEBIT, amountMinor: 1_01, pin: PIN });
      expect(signedOut.response.responseCode).toBe('77');
      expect(signedOut.response.processingRequirement).toBe('3');
      expect(second.signInRequested).toBe(true);

      const wrongBatch = await terminal.send({
        kind: 'sale',
        batch: '000009',
        card: { pan: DEBIT, expiry: '3012', entryMode: '052' },
        amount: { amountMinor: 1_02, currency: '156' },
      });
      expect(wrongBatch.response.responseCode).toBe('77');
      expect(wrongBatch.response.processingRequirement).toBe('3');
      expect(await available(DEBIT)).toBe(before);
    });

    it('answers a wrong MAC A0 with header digit 3 and processes nothing', async () => {
      const before = await available(LOAD);
      const count = await storedCount();
      const request = saleRequest(terminal, TID, LOAD, 3_03);
      const tampered = flipLastByte(await packSigned(terminal, request));
      const reply = decodeReply(request, await terminal.sendRawAndWait(tampered, 2_000));
      expect(reply.responseCode).toBe('A0');
      expect(reply.processingRequirement).toBe('3');
      expect(await available(LOAD)).toBe(before);
      expect(await storedCount()).toBe(count);
      const stored = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        request.stan,
      );
      expect(stored).toEqual([]);
    });

    it('answers garbage after a valid TPDU, header and MTI with 30', async () => {
      const { requestBytes } = await terminal.echo();
      // TPDU (5) + header (6) of a real request, MTI 0200, then a bitmap promising fields that are not there.
      const garbage = Uint8Array.from([...requestBytes.subarray(0, 11), 0x02, 0x00, 0xff, 0xff, 0x01, 0x02]);
      const reply = await terminal.sendRawAndWait(garbage, 2_000);
      expect(reply.message?.mti).toBe('0210');
      expect(reply.message?.fields[39]).toBe('30');
    });

    it('answers a request without a mandatory field (4, the amount) with 30 and processes nothing', async () => {
      const before = await available(LOAD);
      const request = saleRequest(terminal, TID, LOAD, 3_04);
      const message = encodePosRequest(request);
      const fields: Record<number, FieldValue | undefined> = { ...message.fields };
      delete fields[4];
      delete fields[64];
      const reply = await terminal.sendRawAndWait(terminal.codec.pack({ ...message, fields }), 2_000);
      expect(reply.message?.mti).toBe('0210');
      expect(reply.message?.fields[39]).toBe('30');
      expect(await available(LOAD)).toBe(before);
    });

    it('drops a frame too short to answer and keeps the connection working', async () => {
      await expect(terminal.sendRawAndWait(Uint8Array.from([0x60, 0x00, 0x03]), 300)).rejects.toMatchObject({
        code: 'TERMINAL_RESPONSE_TIMEOUT',
      });
      expect((await terminal.echo()).response.responseCode).toBe('00');
    });

    it('answers a STAN reused with other content 94 and processes nothing', async () => {
      const first = await terminal.sale({ pan: DEBIT, amountMinor: 4_04, pin: PIN });
      expect(first.response.responseCode).toBe('00');
      const after = await available(DEBIT);
      const reused = await terminal.send({
        kind: 'sale',
        stan: first.request.stan,
        card: { pan: DEBIT, expiry: '3012', entryMode: '052' },
        amount: { amountMinor: 4_05, currency: '156' },
      });
      expect(reused.response.responseCode).toBe('94');
      expect(await available(DEBIT)).toBe(after);
      const stored = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        first.request.stan,
      );
      expect(stored.map((row) => [row.amountMinor, row.responseCode])).toEqual([[4_04, '00']]);
    });

    it('answers an exact retransmission with the original response and moves the money once', async () => {
      const before = await available(CREDIT);
      const sale = await terminal.sale({ pan: CREDIT, amountMinor: 5_05, pin: PIN });
      expect(sale.response.responseCode).toBe('00');
      const again = decodeReply(sale.request, await terminal.sendRawAndWait(sale.requestBytes, 2_000));
      expect(again).toMatchObject({
        responseCode: '00',
        rrn: sale.response.rrn,
        authCode: sale.response.authCode,
      });
      expect(await available(CREDIT)).toBe((before ?? 0) - 5_05);
      const stored = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        sale.request.stan,
      );
      expect(stored).toHaveLength(1);
    });

    it('answers a retransmission after a host restart with the original response', async () => {
      const sale = await terminal.sale({ pan: CREDIT, amountMinor: 6_06, pin: PIN });
      expect(sale.response.responseCode).toBe('00');
      const after = await available(CREDIT);
      await host.restartHost();
      // A new connection of the same terminal, which goes on with its STAN sequence.
      terminal = await host.connectTerminal(TID, 5_000, { lastStan: terminal.lastStan ?? 0 });
      const again = decodeReply(sale.request, await terminal.sendRawAndWait(sale.requestBytes, 2_000));
      expect(again).toMatchObject({
        responseCode: '00',
        rrn: sale.response.rrn,
        authCode: sale.response.authCode,
      });
      expect(await available(CREDIT)).toBe(after);
      const stored = await host.runtime.repositories.transactions.findByStan(
        TID,
        '000001',
        sale.request.stan,
      );
      expect(stored).toHaveLength(1);
      // The new connection goes on where the old one stopped.
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });

    it('declines zero 13 and over the merchant limit 61 without an issuer movement', async () => {
      const before = await available(LOAD);
      const zero = await terminal.sale({ pan: LOAD, amountMinor: 0, pin: PIN });
      expect(zero.response.responseCode).toBe('13');
      const over = await terminal.sale({
        pan: LOAD,
        amountMinor: DEMO.singleTransactionLimitMinor + 1,
        pin: PIN,
      });
      expect(over.response.responseCode).toBe('61');
      const atLimit = await terminal.sale({
        pan: LOAD,
        amountMinor: DEMO.singleTransactionLimitMinor,
        pin: PIN,
      });
      expect(atLimit.response.responseCode).toBe('00');
      expect(await available(LOAD)).toBe((before ?? 0) - DEMO.singleTransactionLimitMinor);
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        over.request.stan,
      );
      expect(row).toMatchObject({ responseCode: '61', declineRule: 'merchant-limit' });
    });

    it('declines a bad Luhn digit 14 and an expired card 54', async () => {
      const luhn = await terminal.sale({ pan: '6200001000000012', amountMinor: 7_07, pin: PIN });
      expect(luhn.response.responseCode).toBe('14');
      const expired = await terminal.sale({ pan: DEBIT, amountMinor: 7_08, pin: PIN, expiry: '2001' });
      expect(expired.response.responseCode).toBe('54');
      const [row] = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        luhn.request.stan,
      );
      expect(row).toMatchObject({ responseCode: '14', declineRule: 'card-number' });
    });

    it('acknowledges a reversal of an unknown original 25 and undoes a known one exactly once', async () => {
      const unknown = await terminal.send({
        kind: 'reversal',
        reversedKind: 'sale',
        reason: '98',
        amount: { amountMinor: 8_08, currency: '156' },
        card: { pan: DEBIT, expiry: '3012', entryMode: '052' },
      });
      expect(unknown.response.responseCode).toBe('25');

      const before = await available(DEBIT);
      const sale = await terminal.sale({ pan: DEBIT, amountMinor: 8_09, pin: PIN });
      expect(sale.response.responseCode).toBe('00');
      expect(await available(DEBIT)).toBe((before ?? 0) - 8_09);
      const reversal = await terminal.reversal(sale);
      expect(reversal.response.responseCode).toBe('00');
      expect(await available(DEBIT)).toBe(before);
      const repeated = await terminal.reversal(sale);
      expect(repeated.response.responseCode).toBe('00');
      expect(await available(DEBIT)).toBe(before);
      const rows = await host.runtime.repositories.transactions.findByStan(
        TID,
        terminal.batch,
        sale.request.stan,
      );
      expect(rows.find((row) => row.kind === 'sale')?.status).toBe('reversed');
    });
  });
}
