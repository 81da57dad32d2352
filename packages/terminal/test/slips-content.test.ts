import { describe, expect, it } from 'vitest';
import { TerminalError } from '../src/errors.js';
import type { JournalRecord } from '../src/journal/journal-record.js';
import {
  formatRecordDateTime,
  formatSlipAmount,
  formatSlipInstant,
  renderTransactionSlip,
  slipCurrencyCode,
} from '../src/slips/index.js';
import { DEMO_PROFILE, SAMPLE_RECORDS } from './fixtures/slips/sample-data.js';

function sample(name: string): JournalRecord {
  const record = SAMPLE_RECORDS[name];
  if (record === undefined) throw new Error(`no sample ${name}`);
  return record;
}

const text = (
  record: JournalRecord,
  options: Partial<Parameters<typeof renderTransactionSlip>[0]> = {},
): string =>
  renderTransactionSlip({
    record,
    profile: DEMO_PROFILE,
    copy: 'merchant',
    reprint: false,
    language: 'zh',
    ...options,
  }).lines.join('\n');

describe('transaction slip content', () => {
  it('prints the acknowledgement on the merchant copy only', () => {
    const sale = sample('sale-signature');
    expect(text(sale, { copy: 'merchant' })).toContain('本人确认以上交易，');
    expect(text(sale, { copy: 'customer' })).not.toContain('本人确认以上交易');
    expect(text(sale, { copy: 'bank' })).toContain('银行存根 BANK COPY');
    expect(text(sale, { copy: 'bank' })).not.toContain('I ACKNOWLEDGE');
  });

  it('prints English only in English', () => {
    const slip = text(sample('sale-pin'), { language: 'en' });
    expect(slip).not.toMatch(/[\u4e00-\u9fff]/u);
    expect(slip).toContain('TRANS TYPE:');
  });

  it('leaves a signature line when neither a PIN nor a drawn signature verified the cardholder', () => {
    const unsigned: JournalRecord = { ...sample('sale-pin'), pinVerified: false };
    const slip = text(unsigned);
    expect(slip).toContain('持卡人签名 CARDHOLDER SIGNATURE\n\n\n' + '_'.repeat(32));
    expect(slip).not.toContain('PIN VERIFIED');
    expect(text(sample('sale-signature'))).toContain('持卡人签名 CARDHOLDER SIGNATURE\n(已签名 SIGNED)');
  });

  it('shows every type that gives money back as a negative amount', () => {
    for (const type of ['void', 'refund', 'preauth-cancel', 'preauth-completion-void'] as const) {
      expect(text({ ...sample('sale-pin'), type }, { language: 'en' })).toMatch(/^AMOUNT: +RMB -123\.45$/mu);
    }
    for (const type of ['sale', 'preauth', 'preauth-completion'] as const) {
      expect(text({ ...sample('sale-pin'), type }, { language: 'en' })).toMatch(/^AMOUNT: +RMB 123\.45$/mu);
    }
  });

  it('names the completion types in both languages', () => {
    const completionVoid = text({ ...sample('sale-pin'), type: 'preauth-completion-void' });
    expect(completionVoid).toContain('预授权完成撤销 COMPLETE VOID');
    expect(text({ ...sample('sale-pin'), type: 'preauth-completion' }, { language: 'en' })).toMatch(
      /^TRANS TYPE: +AUTH COMPLETE$/mu,
    );
  });

  it('masks a card number the journal holds in clear to its first 6 and last 4 digits', () => {
    const slip = text({ ...sample('sale-pin'), maskedPan: '6200001000000011' });
    expect(slip).toContain('620000******0011');
    expect(slip).not.toContain('6200001000000011');
  });

  it('adds the operator name after the number when given', () => {
    expect(text(sample('sale-pin'), { operatorName: '王芳' })).toContain('操作员号(OPERATOR NO.):  01 王芳');
  });

  it('marks a reprint and keeps the notice of a record that did not go through', () => {
    const slip = text(sample('declined'), { reprint: true });
    expect(slip).toContain('*** 重打印 REPRINT ***');
    expect(slip).toContain('交易失败 DECLINED 51');
    expect(slip).not.toContain('CARDHOLDER SIGNATURE');
    expect(slip).not.toContain('PIN VERIFIED');
  });

  it.each([
    ['reversal-pending', '待冲正 REVERSAL PENDING'],
    ['reversal-failed', '冲正失败 REVERSAL FAILED'],
    ['sending', '结果未知 OUTCOME UNKNOWN'],
    ['unknown', '结果未知 OUTCOME UNKNOWN'],
    ['not-sent', '未发送 NOT SENT'],
  ] as const)('a %s record is not a receipt', (status, headline) => {
    const slip = text({ ...sample('sale-pin'), status });
    expect(slip).toContain(headline);
    expect(slip).toContain('本单无效 NOT A VALID RECEIPT');
    expect(slip).not.toContain('本人确认以上交易');
  });

  it('rejects an amount in a currency ISO 4217 does not know', () => {
    const record: JournalRecord = { ...sample('sale-pin'), amount: { amountMinor: 100, currency: '999' } };
    expect(() => text(record)).toThrow(TerminalError);
    expect(() => text(record)).toThrow(expect.objectContaining({ code: 'TERMINAL_INVALID_INPUT' }));
  });
});

describe('slip amounts', () => {
  it('formats minor units by the currency exponent, yuan as RMB', () => {
    expect(formatSlipAmount(1234, '156', { currency: true })).toBe('RMB 12.34');
    expect(formatSlipAmount(1234, '156', { currency: true, negative: true })).toBe('RMB -12.34');
    expect(formatSlipAmount(5, '840', { currency: true })).toBe('USD 0.05');
    expect(formatSlipAmount(1234, '392', { currency: true })).toBe('JPY 1234');
    expect(formatSlipAmount(1234, '414')).toBe('1.234');
    expect(formatSlipAmount(0, '156', { negative: true })).toBe('0.00');
    expect(slipCurrencyCode('978')).toBe('EUR');
  });
});

describe('slip dates', () => {
  it('takes the year from the start in the terminal time zone', () => {
    // 16:30 UTC on 31 December is 00:30 on 1 January in Beijing.
    const record = { date: '0101', time: '003000', createdAt: '2025-12-31T16:30:00.000Z' };
    expect(formatRecordDateTime(record, 480)).toBe('2026/01/01 00:30:00');
  });

  it('moves the year with a host date across New Year', () => {
    const started = { date: '0101', time: '000002', createdAt: '2025-12-31T15:59:59.000Z' };
    expect(formatRecordDateTime(started, 480)).toBe('2026/01/01 00:00:02');
    const hostBehind = { date: '1231', time: '235958', createdAt: '2026-01-01T00:00:01+08:00' };
    expect(formatRecordDateTime(hostBehind, 480)).toBe('2025/12/31 23:59:58');
  });

  it('reads a start without a zone as the terminal wall clock', () => {
    const record = { date: '1126', time: '102030', createdAt: '2025-11-26T10:20:28' };
    expect(formatRecordDateTime(record, 480)).toBe('2025/11/26 10:20:30');
  });

  it('prints what it cannot read as it is', () => {
    expect(formatRecordDateTime({ date: '11-26', time: '1020', createdAt: 'x' }, 480)).toBe('11-26 1020');
    expect(formatRecordDateTime({ date: '1126', time: '102030', createdAt: 'x' }, 480)).toBe(
      '11/26 10:20:30',
    );
    expect(formatSlipInstant('not a date', 480)).toBe('not a date');
    expect(formatSlipInstant('2025-11-26T15:00:05Z', 0)).toBe('2025/11/26 15:00:05');
  });
});
