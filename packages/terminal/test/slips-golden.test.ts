/**
 * Golden slips: every sample record, settlement report, the detail list and the totals, in Chinese and
 * English, compared line for line with the committed text under fixtures/slips/. After a deliberate
 * layout change run `PAYTERM_WRITE_GOLDEN=1 npx vitest run packages/terminal/test/slips-golden.test.ts`
 * and read the rewritten files before committing them.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Slip } from '../src/ports/printer.js';
import type { Language } from '../src/profile.js';
import {
  displayWidth,
  renderDetailList,
  renderSettlementSlip,
  renderTotals,
  renderTransactionSlip,
  SLIP_COLUMNS,
} from '../src/slips/index.js';
import type { TransactionTotals } from '../src/journal/transaction-totals.js';
import { DEMO_PROFILE, SAMPLE_COPIES, SAMPLE_RECORDS, SAMPLE_REPORTS } from './fixtures/slips/sample-data.js';

const WRITE = process.env['PAYTERM_WRITE_GOLDEN'] === '1';
const LANGUAGES: readonly Language[] = ['zh', 'en'];

const TOTALS: TransactionTotals = {
  currency: '156',
  byType: [
    { type: 'sale', count: 3, amountMinor: 904_690 },
    { type: 'void', count: 1, amountMinor: 12_345 },
    { type: 'refund', count: 1, amountMinor: 5_000 },
    { type: 'preauth-completion-void', count: 0, amountMinor: 0 },
  ],
  byOperator: [
    { operator: '01', count: 4, amountMinor: 909_690 },
    { operator: '02', count: 1, amountMinor: 12_345 },
  ],
};

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

describe.each(LANGUAGES)('golden slips (%s)', (language) => {
  it.each(Object.keys(SAMPLE_RECORDS))('transaction slip: %s', (name) => {
    const record = SAMPLE_RECORDS[name];
    const { copy, reprint } = SAMPLE_COPIES[name as keyof typeof SAMPLE_COPIES];
    if (record === undefined) throw new Error(`no sample ${name}`);
    const slip = renderTransactionSlip({ record, profile: DEMO_PROFILE, copy, reprint, language });
    expect(slip).toMatchObject({ kind: 'transaction', copy, reprint });
    expectGolden(`${name}.${language}`, slip);
  });

  it.each(Object.keys(SAMPLE_REPORTS))('settlement slip: %s', (name) => {
    const sample = SAMPLE_REPORTS[name];
    if (sample === undefined) throw new Error(`no sample ${name}`);
    const slip = renderSettlementSlip({ ...sample, profile: DEMO_PROFILE, language });
    expect(slip).toMatchObject({ kind: 'settlement', reprint: sample.reprint });
    expectGolden(`${name}.${language}`, slip);
  });

  it('detail list of every sample record', () => {
    const slip = renderDetailList({
      records: Object.values(SAMPLE_RECORDS),
      profile: DEMO_PROFILE,
      language,
    });
    expect(slip.kind).toBe('detail-list');
    expectGolden(`detail-list.${language}`, slip);
  });

  it('totals by type and by operator', () => {
    const slip = renderTotals({ totals: TOTALS, profile: DEMO_PROFILE, language });
    expect(slip.kind).toBe('totals');
    expectGolden(`totals.${language}`, slip);
  });
});
