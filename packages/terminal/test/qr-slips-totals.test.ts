/**
 * QR records on paper and in the totals: golden slips (method QR, the payment voucher, no card line,
 * nothing to sign) and the gross rule (QR sales debit, QR voids and refunds credit, domestic half).
 * After a deliberate layout change run with PAYTERM_WRITE_GOLDEN=1 and read the rewritten files.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grossTotals } from '../src/journal/gross-totals.js';
import type { JournalRecord } from '../src/journal/journal-record.js';
import { transactionTotals } from '../src/journal/transaction-totals.js';
import type { Slip } from '../src/ports/printer.js';
import type { Language } from '../src/profile.js';
import { displayWidth, renderTransactionSlip, SLIP_COLUMNS } from '../src/slips/index.js';
import { QR_SAMPLE_RECORDS } from './fixtures/slips/qr-sample-data.js';
import { DEMO_PROFILE, SAMPLE_RECORDS } from './fixtures/slips/sample-data.js';

const WRITE = process.env['PAYTERM_WRITE_GOLDEN'] === '1';
const LANGUAGES: readonly Language[] = ['zh', 'en'];

function expectGolden(name: string, slip: Slip): void {
  const text = `${slip.lines.join('\n')}\n`;
  const file = new URL(`./fixtures/slips/${name}.txt`, import.meta.url);
  for (const line of slip.lines) expect(displayWidth(line), line).toBeLessThanOrEqual(SLIP_COLUMNS);
  if (WRITE) {
    writeFileSync(file, text);
    return;
  }
  expect(existsSync(file), `${name}.txt is missing: run with PAYTERM_WRITE_GOLDEN=1`).toBe(true);
  expect(text).toBe(readFileSync(file, 'utf8'));
}

function sample(name: string): JournalRecord {
  const record = QR_SAMPLE_RECORDS[name];
  if (record === undefined) throw new Error(`no sample ${name}`);
  return record;
}

describe.each(LANGUAGES)('QR slips (%s)', (language) => {
  it.each(Object.keys(QR_SAMPLE_RECORDS))('golden slip: %s', (name) => {
    const slip = renderTransactionSlip({
      record: sample(name),
      profile: DEMO_PROFILE,
      copy: 'merchant',
      reprint: false,
      language,
    });
    expectGolden(`${name}.${language}`, slip);
  });
});

describe('what a QR slip shows', () => {
  it('shows the method and the payment voucher, no card line and no signature', () => {
    const text = renderTransactionSlip({
      record: sample('qr-sale-code'),
      profile: DEMO_PROFILE,
      copy: 'merchant',
      reprint: false,
      language: 'zh',
    }).lines.join('\n');
    expect(text).toContain('扫码 QR');
    expect(text).toContain('202611260002');
    expect(text).not.toContain('CARD NO.');
    expect(text).not.toContain('621234');
    expect(text).not.toContain('SIGNATURE');
  });

  it('names the original payment voucher on a refund', () => {
    const text = renderTransactionSlip({
      record: sample('qr-refund'),
      profile: DEMO_PROFILE,
      copy: 'customer',
      reprint: false,
      language: 'en',
    }).lines.join('\n');
    expect(text).toContain('QR REFUND');
    expect(text).toMatch(/ORIG PAY VOUCHER:\s+202611260001/);
    expect(text).toContain('RMB -50.00');
  });
});

describe('QR records in the totals', () => {
  const card = Object.values(SAMPLE_RECORDS);
  const qr = Object.values(QR_SAMPLE_RECORDS);

  it('counts QR sales as debits and QR voids and refunds as credits, in the domestic half', () => {
    const withQr = grossTotals([...card, ...qr]);
    const cardOnly = grossTotals(card);
    expect(withQr.foreign).toEqual(cardOnly.foreign);
    expect(withQr.domestic).toEqual({
      debitCount: cardOnly.domestic.debitCount + 2,
      debitMinor: cardOnly.domestic.debitMinor + 12_345 + 2_000,
      creditCount: cardOnly.domestic.creditCount + 2,
      creditMinor: cardOnly.domestic.creditMinor + 2_000 + 5_000,
    });
  });

  it('leaves declined QR records out and lists QR types in the totals by type', () => {
    const declined: JournalRecord = { ...sample('qr-sale-code'), status: 'declined', responseCode: '14' };
    expect(grossTotals([declined]).domestic.debitCount).toBe(0);
    const totals = transactionTotals(qr, '156');
    expect(totals.byType).toEqual(
      expect.arrayContaining([
        { type: 'qr-sale', count: 2, amountMinor: 14_345 },
        { type: 'qr-void', count: 1, amountMinor: -2_000 },
        { type: 'qr-refund', count: 1, amountMinor: -5_000 },
      ]),
    );
  });
});
