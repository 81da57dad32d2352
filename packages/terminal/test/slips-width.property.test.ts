/** No slip line is ever wider than the paper, whatever the merchant name, amounts or record state. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { JournalRecord, TransactionStatus, TransactionType } from '../src/journal/journal-record.js';
import type { SettlementReport } from '../src/journal/settlement-report.js';
import type { CardEntry } from '../src/ports/card-reader.js';
import type { Slip, SlipCopy } from '../src/ports/printer.js';
import { resolveProfile, type Language, type TerminalProfile } from '../src/profile.js';
import {
  displayWidth,
  renderDetailList,
  renderSettlementSlip,
  renderTotals,
  renderTransactionSlip,
  SLIP_COLUMNS,
  wrapToWidth,
} from '../src/slips/index.js';
import { SAMPLE_RECORDS } from './fixtures/slips/sample-data.js';

const RUNS = 400;

const fromCodePoints = (min: number, max: number) =>
  fc.integer({ min, max }).map((cp) => String.fromCodePoint(cp));
const character = fc.oneof(
  { weight: 4, arbitrary: fromCodePoints(0x4e00, 0x9fff) },
  {
    weight: 4,
    arbitrary: fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789'),
  },
  { weight: 2, arbitrary: fc.constant(' ') },
  { weight: 1, arbitrary: fc.constantFrom(...'，。、（）()&-.·/《》：') },
  { weight: 1, arbitrary: fromCodePoints(0xff01, 0xff5e) },
  { weight: 1, arbitrary: fc.constantFrom('😀', '𠀀', 'é', 'ｱ', '\n', '\t') },
);
const merchantName = fc
  .oneof(
    fc.array(character, { minLength: 1, maxLength: 90 }).map((parts) => parts.join('')),
    fc.string({ unit: fc.constantFrom('W', 'M', '中'), minLength: 1, maxLength: 80 }),
  )
  .filter((name) => name.trim().length > 0);

const amountMinor = fc.oneof(fc.integer({ min: 0, max: 999_999_999_999 }), fc.maxSafeNat());
const currency = fc.constantFrom('156', '840', '392', '414', '978');
const language = fc.constantFrom<Language>('zh', 'en');
const types: readonly TransactionType[] = [
  'sale',
  'void',
  'refund',
  'preauth',
  'preauth-cancel',
  'preauth-completion',
  'preauth-completion-void',
  'balance',
];
const statuses: readonly TransactionStatus[] = [
  'sending',
  'approved',
  'declined',
  'not-sent',
  'reversal-pending',
  'reversed',
  'reversal-failed',
  'unknown',
];
const digits = (length: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((d) => d.join(''));

const profile = fc
  .record({ merchantName, language })
  .map(({ merchantName: name, language: lang }) =>
    resolveProfile({ tid: '10000001', mid: '898310058120001', merchantName: name, language: lang }),
  );

const base = SAMPLE_RECORDS['sale-pin'] as JournalRecord;
const record = fc
  .record({
    type: fc.constantFrom(...types),
    status: fc.constantFrom(...statuses),
    amountMinor,
    currency,
    balanceMinor: amountMinor,
    entry: fc.constantFrom<CardEntry>('swipe', 'insert', 'tap', 'keyed'),
    maskedPan: fc.oneof(digits(16), digits(19), fc.constant('620000*********0011')),
    brand: fc.oneof(fc.constantFrom('UnionPay', 'Visa', 'Mastercard'), merchantName),
    pinVerified: fc.boolean(),
    signed: fc.boolean(),
    responseCode: fc.constantFrom('51', '05', '55', 'A0', '96', 'Z9'),
    withOriginal: fc.boolean(),
  })
  .map((r): JournalRecord => ({
    ...base,
    type: r.type,
    status: r.status,
    amount: { amountMinor: r.amountMinor, currency: r.currency },
    balanceMinor: r.balanceMinor,
    entry: r.entry,
    maskedPan: r.maskedPan,
    brand: r.brand,
    pinVerified: r.pinVerified,
    responseCode: r.responseCode,
    ...(r.signed ? { signature: 'M0 0 L10 10' } : {}),
    ...(r.withOriginal
      ? { original: { batch: '000006', stan: '000042', rrn: '000123450001', authCode: 'X1', date: '1125' } }
      : {}),
  }));

function expectFits(slip: Slip): void {
  for (const line of slip.lines) {
    expect(displayWidth(line), JSON.stringify(line)).toBeLessThanOrEqual(SLIP_COLUMNS);
    expect(line).not.toMatch(/[\n\r\t]/u);
  }
}

const operatorName = fc.option(merchantName, { nil: undefined });

describe('slip width', () => {
  it('transaction slips fit 32 columns and show the merchant name and amount', () => {
    fc.assert(
      fc.property(
        profile,
        record,
        fc.constantFrom<SlipCopy>('merchant', 'customer', 'bank'),
        fc.boolean(),
        language,
        operatorName,
        (terminal, journalRecord, copy, reprint, lang, name) => {
          const slip = renderTransactionSlip({
            record: journalRecord,
            profile: terminal,
            copy,
            reprint,
            language: lang,
            ...(name === undefined ? {} : { operatorName: name }),
          });
          expectFits(slip);
          const joined = slip.lines.join('').replace(/\s/gu, '');
          expect(joined).toContain(terminal.merchantName.replace(/\s/gu, ''));
          if (journalRecord.type !== 'balance') {
            expect(joined).toContain(String(journalRecord.amount.amountMinor).slice(0, -3));
          }
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('settlement slips fit 32 columns', () => {
    const half = fc.record({
      debitCount: fc.integer({ min: 0, max: 999 }),
      debitMinor: amountMinor,
      creditCount: fc.integer({ min: 0, max: 999 }),
      creditMinor: amountMinor,
    });
    const result = fc.constantFrom('balanced', 'unbalanced', 'error', 'request' as const);
    const report = fc
      .record({
        domestic: half,
        foreign: half,
        domesticResult: result,
        foreignResult: result,
        uploaded: fc.nat(),
      })
      .map((r): SettlementReport => ({
        batch: '000007',
        settledAt: '2025-11-26T15:00:05.000Z',
        operator: '00',
        currency: '156',
        domestic: r.domestic,
        foreign: r.foreign,
        domesticResult: r.domesticResult,
        foreignResult: r.foreignResult,
        balanced: r.domesticResult === 'balanced' && r.foreignResult === 'balanced',
        differences: [
          ...(r.domesticResult === 'balanced'
            ? []
            : [{ scope: 'domestic' as const, result: r.domesticResult }]),
          ...(r.foreignResult === 'balanced' ? [] : [{ scope: 'foreign' as const, result: r.foreignResult }]),
        ],
        uploadedCount: r.uploaded,
        nextBatch: '000008',
      }));
    fc.assert(
      fc.property(profile, report, language, fc.boolean(), (terminal, settled, lang, reprint) => {
        expectFits(renderSettlementSlip({ report: settled, profile: terminal, language: lang, reprint }));
      }),
      { numRuns: RUNS },
    );
  });

  it('detail lists and totals fit 32 columns', () => {
    const row = fc.record({
      count: fc.nat(),
      amountMinor: fc.integer({ min: -999_999_999_999, max: 999_999_999_999 }),
    });
    const totals = fc.record({
      byType: fc.array(
        fc.tuple(fc.constantFrom(...types), row).map(([type, r]) => ({ type, ...r })),
        { maxLength: 8 },
      ),
      byOperator: fc.array(
        fc.tuple(digits(2), row).map(([operator, r]) => ({ operator, ...r })),
        { maxLength: 5 },
      ),
      currency,
    });
    fc.assert(
      fc.property(
        profile,
        fc.array(record, { maxLength: 6 }),
        totals,
        language,
        (terminal: TerminalProfile, records, sums, lang) => {
          expectFits(renderDetailList({ records, profile: terminal, language: lang }));
          expectFits(renderTotals({ totals: sums, profile: terminal, language: lang }));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it('wrapping keeps every non-space character in order', () => {
    fc.assert(
      fc.property(
        fc.array(character, { maxLength: 120 }).map((parts) => parts.join('').replace(/[\n\t]/gu, ' ')),
        fc.integer({ min: 2, max: 40 }),
        (text, width) => {
          const lines = wrapToWidth(text, width);
          for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(width);
          expect(lines.join('').replace(/ /gu, '')).toBe(text.replace(/ /gu, ''));
        },
      ),
      { numRuns: 2_000 },
    );
  });
});
