import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCipher, createCupEcbMac } from '@payterm/crypto';
import { encodePosRequest, packWithMac, type SaleRequest } from '@payterm/protocol';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';

const PAN = '6200001000000011';

describe('sales under a special condition code (field 25)', () => {
  let host: TcpTestHost;
  let terminal: TestTerminal;
  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    terminal = await host.connectTerminal();
    await terminal.signIn();
  });
  afterAll(async () => {
    await host.cleanup();
  });

  it('refuses an instalment sale (25 = 64) with 40 instead of booking it as a plain sale', async () => {
    const keys = terminal.workingKeys;
    if (keys === undefined) throw new Error('not signed in');
    const before = await host.runtime.issuer.balance(PAN);
    const request: SaleRequest = {
      kind: 'sale',
      tpdu: '6000030000',
      header: '603100000000',
      tid: '10000001',
      mid: '898310058120001',
      stan: terminal.nextStan(),
      batch: terminal.batch,
      card: { pan: PAN, expiry: '3012', entryMode: '022' },
      amount: { amountMinor: 600_00, currency: '156' },
    };
    const message = encodePosRequest(request);
    const instalment = { ...message, fields: { ...message.fields, 25: '64' } };
    const bytes = await packWithMac(terminal.codec, instalment, (input) =>
      createCupEcbMac(createCipher, keys.mak).compute(input),
    );
    const reply = await terminal.sendRawAndWait(bytes, 5_000);
    expect(reply.message?.mti).toBe('0210');
    expect(reply.message?.fields[39]).toBe('40');
    expect(await host.runtime.issuer.balance(PAN)).toEqual(before);
  });

  it('answers the balance of the load-test card (10^12 fen) with the n12 maximum of field 54', async () => {
    const { response } = await terminal.balance({ pan: '6200001000000110', pin: '123456' });
    expect(response.responseCode).toBe('00');
    expect(response.kind === 'balance' && response.balance?.amountMinor).toBe(999_999_999_999);
  });

  it('answers the reversal of a sale refunded in part with the issuer refusal, and moves no money', async () => {
    const pan = '6200001000000029';
    const sale = await terminal.sale({ pan, amountMinor: 300_00, pin: '123456' });
    expect(sale.response.responseCode).toBe('00');
    const refund = await terminal.refund({
      rrn: sale.response.rrn ?? '',
      date: sale.response.localDate ?? '',
      amountMinor: 100_00,
      pan,
    });
    expect(refund.response.responseCode).toBe('00');
    const before = await host.runtime.issuer.balance(pan);
    const reversal = await terminal.reversal(sale, '98');
    expect(reversal.response.responseCode).not.toBe('00');
    expect(reversal.response.responseCode).toBe('12');
    expect(await host.runtime.issuer.balance(pan)).toEqual(before);
    const stored = await host.runtime.repositories.transactions.findByStan(
      '10000001',
      terminal.batch,
      sale.request.stan,
    );
    expect(stored.find((row) => row.kind === 'sale')?.status).toBe('approved');
    expect(stored.find((row) => row.kind === 'reversal')?.status).toBe('reversal-refused');
  });
});
