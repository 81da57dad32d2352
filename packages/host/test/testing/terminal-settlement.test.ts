import { afterEach, describe, expect, it } from 'vitest';
import { formatSettlementTotals, type SettlementTotals } from '@payterm/protocol';
import { TestTerminal, grossSettlementTotals, type JournalEntry } from '../../src/testing/index.js';
import { DEMO, FakeHost } from './fake-host.js';

const DOMESTIC = '6200001000000011';
const FOREIGN = '4000001000000018';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function signedInTerminal(): Promise<{ host: FakeHost; terminal: TestTerminal }> {
  const { host, port } = await FakeHost.start({ batch: '000042' });
  cleanups.push(() => host.close());
  const terminal = await TestTerminal.connect({ host: '127.0.0.1', port, ...DEMO, timeoutMs: 5000 });
  cleanups.push(() => terminal.close());
  await terminal.signIn();
  return { host, terminal };
}

describe('TestTerminal settlement', () => {
  it('settles with its own gross totals of a scripted journal (sale, voided sale, void, refund, foreign, reversed)', async () => {
    const { host, terminal } = await signedInTerminal();
    await terminal.sale({ pan: DOMESTIC, amountMinor: 10_000, pin: '123456' });
    const voided = await terminal.sale({ pan: DOMESTIC, amountMinor: 2500, pin: '123456' });
    const voidExchange = await terminal.void(voided);
    await terminal.refund({ rrn: '330000000001', date: '1125', amountMinor: 700, pan: DOMESTIC });
    await terminal.sale({ pan: FOREIGN, amountMinor: 4000, pin: '1234' });
    const reversed = await terminal.sale({ pan: FOREIGN, amountMinor: 999 });
    await terminal.reversal(reversed, '96');

    // The void: 61 = original batch + STAN + date, 37 its RRN, the full amount, no card read.
    expect(voidExchange.request).toMatchObject({
      originalRrn: voided.response.rrn,
      originalAuthCode: voided.response.authCode,
      original: { batch: '000042', stan: voided.request.stan, date: '1126' },
      amount: { amountMinor: 2500 },
      card: { pan: DOMESTIC, entryMode: '012' },
    });
    expect(host.requests('reversal')[0]).toMatchObject({
      authCode: reversed.response.authCode,
      reason: '96',
    });
    expect(host.requests('refund')[0]).toMatchObject({ cardOrganisation: 'CUP', original: { date: '1125' } });

    const journal = terminal.journal.entries;
    expect(journal.find((entry) => entry.stan === voided.request.stan)?.voided).toBe(true);
    expect(journal.find((entry) => entry.stan === reversed.request.stan)?.reversed).toBe(true);

    const expected: SettlementTotals = {
      domestic: {
        debitCount: 2,
        debitAmountMinor: 12_500,
        creditCount: 2,
        creditAmountMinor: 3200,
        result: 'request',
      },
      foreign: {
        debitCount: 1,
        debitAmountMinor: 4000,
        creditCount: 0,
        creditAmountMinor: 0,
        result: 'request',
      },
    };
    expect(terminal.settlementTotals()).toEqual(expected);
    const { request, response, requestBytes } = await terminal.settle();
    expect(request).toMatchObject({ kind: 'settlement', operator: '001', currency: '156', batch: '000042' });
    expect(host.requests('settlement')[0]?.totals).toEqual(expected);
    expect(terminal.codec.unpack(requestBytes).fields[48]).toBe(formatSettlementTotals(expected));
    expect(response.kind === 'settlement' && response.totals?.domestic.result).toBe('balanced');
  });

  it('lets a test force unbalanced totals, uploads the journal and closes the batch after the upload end', async () => {
    const { host, terminal } = await signedInTerminal();
    const sale = await terminal.sale({ pan: DOMESTIC, amountMinor: 1500 });
    await terminal.sale({ pan: FOREIGN, amountMinor: 800 });
    const forced: SettlementTotals = {
      domestic: {
        debitCount: 9,
        debitAmountMinor: 1,
        creditCount: 0,
        creditAmountMinor: 0,
        result: 'request',
      },
      foreign: {
        debitCount: 0,
        debitAmountMinor: 0,
        creditCount: 0,
        creditAmountMinor: 0,
        result: 'request',
      },
    };
    await terminal.settle(forced);
    expect(host.requests('settlement')[0]?.totals).toEqual(forced);

    await terminal.batchUploadMagstripe();
    const upload = host.requests('batch-upload')[0]?.upload;
    expect(upload).toEqual({
      type: 'magstripe',
      entries: [
        { foreign: false, stan: sale.request.stan, pan: DOMESTIC, amountMinor: 1500 },
        { foreign: true, stan: '000003', pan: FOREIGN, amountMinor: 800 },
      ],
    });
    expect(terminal.batch).toBe('000042');
    await terminal.batchUploadEnd(false, 2);
    expect(host.requests('batch-upload')[1]?.upload).toEqual({ type: 'end', balanced: false, count: 2 });
    expect(terminal.batch).toBe('000043');
    expect(terminal.journal.entries).toHaveLength(0);
  });

  it('completes and voids a pre-auth completion, cancels a pre-auth', async () => {
    const { terminal } = await signedInTerminal();
    const preauth = await terminal.preauth({ pan: DOMESTIC, amountMinor: 10_000, pin: '123456' });
    const completion = await terminal.completion(preauth, 11_000);
    expect(completion.request).toMatchObject({
      originalAuthCode: preauth.response.authCode,
      original: { stan: preauth.request.stan },
      amount: { amountMinor: 11_000 },
    });
    await terminal.completionVoid(completion);
    const other = await terminal.preauth({ pan: DOMESTIC, amountMinor: 500 });
    await terminal.preauthCancel(other);
    const entries = terminal.journal.entries;
    expect(entries.map((entry) => [entry.kind, entry.voided])).toEqual([
      ['preauth', false],
      ['preauth-completion', true],
      ['preauth-completion-void', false],
      ['preauth', true],
      ['preauth-cancel', false],
    ]);
    expect(terminal.settlementTotals().domestic).toMatchObject({
      debitCount: 1,
      debitAmountMinor: 11_000,
      creditCount: 1,
      creditAmountMinor: 11_000,
    });
  });
});

describe('TestTerminal QR payments', () => {
  it('journals a QR sale as a domestic debit and its void (by voucher, 61 of the sale) as a credit', async () => {
    const { host, terminal } = await signedInTerminal();
    const sale = await terminal.qrSale('6225880000000001', 3300);
    expect(sale.response.voucher).toBe(`V${sale.request.stan}`);
    const qrVoid = await terminal.qrVoid(sale);
    expect(host.requests('qr-void')[0]).toMatchObject({
      voucher: `V${sale.request.stan}`,
      amount: { amountMinor: 3300 },
      original: { batch: '000042', stan: sale.request.stan, date: '1126' },
    });
    expect(qrVoid.response.responseCode).toBe('00');
    expect(terminal.journal.entries.map((entry) => [entry.kind, entry.scope, entry.voided])).toEqual([
      ['qr-customer-sale', 'domestic', true],
      ['qr-void', 'domestic', false],
    ]);
    expect(terminal.settlementTotals().domestic).toMatchObject({
      debitCount: 1,
      debitAmountMinor: 3300,
      creditCount: 1,
      creditAmountMinor: 3300,
    });
    const order = await terminal.qrOrder(100);
    const status = await terminal.qrOrderStatus(order.response.rrn ?? '');
    expect(host.requests('qr-order-status')[0]?.orderRrn).toBe(order.response.rrn);
    expect(status.response.responseCode).toBe('00');
  });
});

describe('grossSettlementTotals', () => {
  const entry = (
    fields: Partial<JournalEntry> & Pick<JournalEntry, 'kind' | 'amountMinor'>,
  ): JournalEntry => ({
    stan: '000001',
    batch: '000001',
    currency: '156',
    date: '1126',
    scope: 'domestic',
    voided: false,
    reversed: false,
    ...fields,
  });

  it('counts voided debits, skips reversed entries and pre-auths, and splits domestic from foreign', () => {
    const totals = grossSettlementTotals([
      entry({ kind: 'sale', amountMinor: 100, voided: true }),
      entry({ kind: 'void', amountMinor: 100 }),
      entry({ kind: 'sale', amountMinor: 50, reversed: true }),
      entry({ kind: 'preauth', amountMinor: 7000 }),
      entry({ kind: 'qr-customer-sale', amountMinor: 30 }),
      entry({ kind: 'qr-refund', amountMinor: 10 }),
      entry({ kind: 'refund', amountMinor: 5, scope: 'foreign' }),
      entry({ kind: 'preauth-completion', amountMinor: 40, scope: 'foreign' }),
    ]);
    expect(totals).toEqual({
      domestic: {
        debitCount: 2,
        debitAmountMinor: 130,
        creditCount: 2,
        creditAmountMinor: 110,
        result: 'request',
      },
      foreign: {
        debitCount: 1,
        debitAmountMinor: 40,
        creditCount: 1,
        creditAmountMinor: 5,
        result: 'request',
      },
    });
  });
});
