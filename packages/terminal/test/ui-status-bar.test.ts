import { describe, expect, it } from 'vitest';
import type { PendingOutcome, TerminalStatus } from '../src/engine/terminal-status.js';
import { buildStatusBar } from '../src/ui/index.js';

const BASE: TerminalStatus = {
  tid: '10000001',
  mid: '898310058120001',
  merchantName: 'PayTerm Demo Store',
  softwareVersion: '000100',
  operator: { number: '01', role: 'cashier' },
  signedIn: true,
  resignInReason: null,
  batch: '000007',
  batchCount: 3,
  settlementRequired: null,
  locked: false,
  offline: false,
  pending: [],
  parameterVersion: null,
};

function pending(overrides: Partial<PendingOutcome>): PendingOutcome {
  return {
    voucher: '000012',
    type: 'sale',
    amount: { amountMinor: 19_198, currency: '156' },
    status: 'reversal-pending',
    action: 'reverse',
    reason: '98',
    attemptsLeft: 2,
    nextTry: 'before-next-transaction',
    ...overrides,
  };
}

describe('the status bar', () => {
  it('shows the operator and the batch when all is well', () => {
    const bar = buildStatusBar(BASE);
    expect(bar).toEqual({
      tid: '10000001',
      merchantName: 'PayTerm Demo Store',
      operator: { number: '01', role: 'cashier' },
      items: [{ kind: 'signed-in', tone: 'ok', zh: '已签到 批次 000007', en: 'Signed in, batch 000007' }],
    });
  });

  it('says why the terminal is not signed in', () => {
    expect(
      buildStatusBar({ ...BASE, signedIn: false, resignInReason: 'never-signed-in' }).items[0],
    ).toMatchObject({
      kind: 'not-signed-in',
      en: 'Not signed in',
    });
    expect(buildStatusBar({ ...BASE, signedIn: false, resignInReason: 'mac-error' }).items[0]?.en).toBe(
      'Not signed in (MAC error: sign in again)',
    );
  });

  it('names a pending reversal with its voucher and the attempts left', () => {
    const bar = buildStatusBar({ ...BASE, pending: [pending({})] });
    expect(bar.items[1]).toEqual({
      kind: 'reversal-pending',
      tone: 'alert',
      zh: '冲正待发送 凭证 000012，剩余 2 次，下笔交易前重发',
      en: 'Reversal pending: voucher 000012, 2 attempts left, next before the next transaction',
    });
  });

  it('says to call the bank when the reversal was given up, and an unknown refund outcome', () => {
    const bar = buildStatusBar({
      ...BASE,
      pending: [
        pending({ status: 'reversal-failed', attemptsLeft: 0, nextTry: 'call-the-bank' }),
        pending({ voucher: '000015', type: 'refund', status: 'unknown', action: 'repeat', attemptsLeft: 0 }),
      ],
    });
    expect(bar.items.slice(1).map((item) => [item.kind, item.en])).toEqual([
      ['reversal-failed', 'Reversal failed: voucher 000012, call the bank'],
      ['unknown-outcome', 'Unknown outcome: voucher 000015, checked at settlement'],
    ]);
  });

  it('shows a resolved unknown outcome only once it is no longer pending', () => {
    const resolved = { voucher: '000012', status: 'reversed' as const };
    expect(buildStatusBar(BASE, resolved).items[1]).toEqual({
      kind: 'recovered',
      tone: 'info',
      zh: '凭证 000012 已冲正',
      en: 'Voucher 000012 reversed',
    });
    const stillPending = buildStatusBar({ ...BASE, pending: [pending({})] }, resolved);
    expect(stillPending.items.map((item) => item.kind)).toEqual(['signed-in', 'reversal-pending']);
  });

  it('adds offline, locked and settlement required', () => {
    const bar = buildStatusBar({
      ...BASE,
      offline: true,
      locked: true,
      settlementRequired: 'batch-full',
      operator: null,
    });
    expect(bar.operator).toBeNull();
    expect(bar.items.map((item) => item.en)).toEqual([
      'Signed in, batch 000007',
      'Offline: host unreachable',
      'Terminal locked',
      'Settlement required (batch full)',
    ]);
  });

  it('says when an upgrade is offered, and when it is downloaded and ready to install', () => {
    const items = (upgrade: TerminalStatus['upgrade']) =>
      buildStatusBar({ ...BASE, ...(upgrade === undefined ? {} : { upgrade }) }).items.filter(
        (entry) => entry.kind === 'upgrade',
      );
    expect(items(undefined)).toEqual([]);
    expect(items('available')).toEqual([
      { kind: 'upgrade', tone: 'info', zh: '有可用升级', en: 'Upgrade available' },
    ]);
    expect(items('ready')).toEqual([
      { kind: 'upgrade', tone: 'info', zh: '升级包已就绪，可安装', en: 'Upgrade ready to install' },
    ]);
  });
});
