import { TEST_CARDS, type Screen, type Slip } from '@payterm/terminal';
import { describe, expect, it } from 'vitest';
import { batteryBars, batteryLabel, batteryState, clampBattery } from '../src/terminal/battery.js';
import {
  isNoteworthy,
  journalDetail,
  recoveryDetail,
  withStep,
  type SelfTestStep,
} from '../src/terminal/self-test.js';
import {
  acceptsCard,
  bothTexts,
  customerDevice,
  demoOperators,
  pinDots,
  showsDemoOperators,
  statusEntries,
} from '../src/terminal/screen-view.js';
import { SLOT_CAPACITY, SlotPrinter } from '../src/terminal/slot-printer.js';
import { cardName } from '../src/terminal/card-name.js';

function screen(id: string, extra: Partial<Screen> = {}): Screen {
  return {
    id,
    kind: 'input',
    language: 'zh',
    title: { zh: '标题', en: 'Title' },
    body: [],
    status: null,
    slip: null,
    hint: '',
    ...extra,
  };
}

describe('the battery', () => {
  it('keeps a level to whole 5 % steps between 0 and 100', () => {
    expect([-10, 0, 3, 12, 99, 150, Number.NaN].map(clampBattery)).toEqual([0, 0, 5, 10, 100, 100, 100]);
  });

  it('is empty at 0, low up to 15 %, and draws 0–4 bars', () => {
    expect([0, 5, 15, 20, 100].map(batteryState)).toEqual(['empty', 'low', 'low', 'ok', 'ok']);
    expect([0, 5, 25, 30, 75, 100].map(batteryBars)).toEqual([0, 1, 1, 2, 3, 4]);
    expect(batteryLabel(10)).toBe('电量 10% Battery 10%，电量低 (low)');
    expect(batteryLabel(0)).toContain('empty');
  });
});

describe('the screen, as the page reads it', () => {
  it('knows which customer device a screen calls for', () => {
    expect(customerDevice(screen('customer.card'))).toBe('card');
    expect(customerDevice(screen('customer.entry'))).toBe('card');
    expect(customerDevice(screen('customer.pin'))).toBe('pin');
    expect(customerDevice(screen('customer.signature'))).toBe('signature');
    expect(customerDevice(screen('sale.amount'))).toBeUndefined();
    expect(customerDevice(null)).toBeUndefined();
    expect(acceptsCard(screen('customer.entry'))).toBe(true);
    expect(acceptsCard(screen('customer.pin'))).toBe(false);
  });

  it('counts the PIN digits typed, on the PIN screen only', () => {
    const input = { label: '密码', value: '****', kind: 'pin' as const, maxLength: 12 };
    expect(pinDots(screen('customer.pin', { input }))).toBe(4);
    expect(pinDots(screen('login.password', { input }))).toBe(0);
  });

  it('shows the demo operators, cashier first, on the login screens of the demo terminals only', () => {
    expect(demoOperators()).toEqual([
      { number: '01', role: 'cashier', password: '0000' },
      { number: '00', role: 'supervisor', password: '123456' },
      { number: '99', role: 'administrator', password: '12345678' },
    ]);
    expect(showsDemoOperators(screen('login.operator'), '10000001')).toBe(true);
    expect(showsDemoOperators(screen('login.password'), '10000002')).toBe(true);
    expect(showsDemoOperators(screen('login.change.new-password'), '10000001')).toBe(false);
    expect(showsDemoOperators(screen('login.operator'), '20000009')).toBe(false);
    expect(showsDemoOperators(screen('menu.main'), '10000001')).toBe(false);
  });

  it('builds the status line from the status bar in the display language', () => {
    const status = {
      tid: '10000001',
      merchantName: 'PayTerm Demo Store',
      operator: { number: '01', role: 'cashier' as const },
      items: [
        {
          kind: 'signed-in' as const,
          tone: 'ok' as const,
          zh: '已签到 批次 000001',
          en: 'Signed in, batch 000001',
        },
        {
          kind: 'reversal-pending' as const,
          tone: 'alert' as const,
          zh: '冲正待发送 凭证 000004',
          en: 'Reversal pending: voucher 000004',
        },
      ],
    };
    expect(statusEntries(screen('menu.main', { status }), 'en')).toEqual([
      { key: 'tid', text: 'TID 10000001' },
      { key: 'operator', text: 'Operator 01 cashier' },
      { key: 'signed-in-0', text: 'Signed in, batch 000001', tone: 'ok' },
      { key: 'reversal-pending-1', text: 'Reversal pending: voucher 000004', tone: 'alert' },
    ]);
    expect(
      statusEntries(screen('login.operator', { status: { ...status, operator: null } }), 'zh')[1],
    ).toEqual({
      key: 'operator',
      text: '未登录',
    });
    expect(statusEntries(screen('starting'), 'zh')).toEqual([]);
  });

  it('writes a bilingual title once when both languages read the same', () => {
    expect(bothTexts({ zh: '消费', en: 'Sale' })).toBe('消费 Sale');
    expect(bothTexts({ zh: 'QR', en: 'QR' })).toBe('QR');
  });
});

describe('the card panel', () => {
  it('names each test card by its masked number and brand, never the full PAN, all names distinct', () => {
    const names = TEST_CARDS.map(cardName);
    expect(names[0]).toBe('620000******0011 UnionPay');
    expect(names).toContain('400000******0018 Visa');
    expect(new Set(names).size).toBe(TEST_CARDS.length);
    for (const [index, card] of TEST_CARDS.entries()) expect(names[index]).not.toContain(card.pan);
  });
});

describe('the self-test lines', () => {
  it('replace a check reported again and stay in the order journal, keys, host, recovery', () => {
    let steps: SelfTestStep[] = [];
    steps = withStep(steps, { check: 'host', state: 'running', detail: { zh: '', en: '' } });
    steps = withStep(steps, { check: 'journal', state: 'ok', detail: { zh: '', en: '' } });
    steps = withStep(steps, { check: 'host', state: 'warning', detail: { zh: '脱机', en: 'offline' } });
    expect(steps.map((step) => `${step.check}:${step.state}`)).toEqual(['journal:ok', 'host:warning']);
  });

  it('name each transaction a power loss left unfinished and what became of it', () => {
    expect(
      recoveryDetail([
        { stan: '000003', status: 'reversed' },
        { stan: '000007', status: 'approved' },
        { stan: '000009', status: 'reversal-pending' },
      ]),
    ).toEqual({
      zh: '凭证 000003 已冲正，凭证 000007 重发确认成功，凭证 000009 待处理',
      en: 'voucher 000003 reversed, voucher 000007 confirmed approved, voucher 000009 still pending',
    });
  });

  it('keep the boot screen up only when something was recovered or a check warned', () => {
    const ok: SelfTestStep = { check: 'host', state: 'ok', detail: { zh: '', en: '' } };
    expect(isNoteworthy([ok])).toBe(false);
    expect(isNoteworthy([ok, { ...ok, state: 'warning' }])).toBe(true);
    expect(isNoteworthy([ok, { check: 'recovery', state: 'ok', detail: { zh: '', en: '' } }])).toBe(true);
  });

  it('say how big the journal is', () => {
    expect(journalDetail({ documents: 3, bytes: 512 })).toEqual({
      zh: '3 条记录，512 B',
      en: '3 records, 512 B',
    });
    expect(journalDetail({ documents: 40, bytes: 5_300 }).en).toBe('40 records, 5.2 KB');
  });
});

describe('the printer slot', () => {
  const slip = (kind: Slip['kind']): Slip => ({ kind, reprint: false, lines: ['x'] });

  it('puts the newest slip on top and answers paper-out while the paper is out, keeping the slip as missed', async () => {
    const printer = new SlotPrinter();
    let changes = 0;
    printer.onChange(() => (changes += 1));
    expect(await printer.print(slip('transaction'))).toBe('printed');
    printer.setPaperOut(true);
    expect(await printer.print(slip('settlement'))).toBe('paper-out');
    printer.setPaperOut(false);
    expect(await printer.print(slip('totals'))).toBe('printed');
    expect(printer.entries.map((entry) => [entry.sequence, entry.slip.kind, entry.paperOut])).toEqual([
      [3, 'totals', false],
      [2, 'settlement', true],
      [1, 'transaction', false],
    ]);
    expect(changes).toBe(5);
    printer.takeSlips();
    expect(printer.entries).toEqual([]);
  });

  it(`keeps the last ${SLOT_CAPACITY} slips`, async () => {
    const printer = new SlotPrinter();
    for (let index = 0; index < SLOT_CAPACITY + 5; index += 1) await printer.print(slip('transaction'));
    expect(printer.entries).toHaveLength(SLOT_CAPACITY);
    expect(printer.entries[0]?.sequence).toBe(SLOT_CAPACITY + 5);
  });
});
