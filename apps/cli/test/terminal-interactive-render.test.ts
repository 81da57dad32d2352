import { displayWidth, type Screen } from '@payterm/terminal';
import { describe, expect, it } from 'vitest';
import { ANSI, ansiFrame, mapKeypress, plainFrame } from '../src/commands/terminal/interactive/index.js';

const SCREEN: Screen = {
  id: 'menu.main',
  kind: 'menu',
  language: 'en',
  title: { zh: '主菜单', en: 'Main menu' },
  body: ['A line long enough that it has to be wrapped inside the display box of the device'],
  menu: [
    { key: '1', zh: '消费', en: 'Sale' },
    { key: '2', zh: '撤销', en: 'Void' },
  ],
  selected: 1,
  notice: { zh: '已取消', en: 'Cancelled', tone: 'info' },
  status: {
    tid: '10000001',
    merchantName: 'PayTerm Demo Store',
    operator: { number: '01', role: 'cashier' },
    items: [
      { kind: 'reversal-pending', tone: 'alert', zh: '冲正待发送', en: 'Reversal pending: voucher 000012' },
    ],
  },
  slip: {
    kind: 'transaction',
    copy: 'customer',
    reprint: false,
    lines: ['签购单 POS SALES SLIP', 'CARD 620000******0011'],
    paperOut: false,
  },
  hint: 'Digit: choose · Enter: OK',
};

describe('the keyboard as the keypad', () => {
  it('maps digits, Enter, Esc, Backspace, Delete, arrows and Menu', () => {
    expect(mapKeypress('7', { name: '7' })).toEqual({ type: 'key', key: '7' });
    expect(mapKeypress('\r', { name: 'return' })).toEqual({ type: 'key', key: 'enter' });
    expect(mapKeypress(undefined, { name: 'escape', meta: true })).toEqual({ type: 'key', key: 'cancel' });
    expect(mapKeypress('\x7f', { name: 'backspace' })).toEqual({ type: 'key', key: 'backspace' });
    expect(mapKeypress(undefined, { name: 'delete' })).toEqual({ type: 'key', key: 'clear' });
    expect(mapKeypress(undefined, { name: 'up' })).toEqual({ type: 'key', key: 'up' });
    expect(mapKeypress(undefined, { name: 'down' })).toEqual({ type: 'key', key: 'down' });
    expect(mapKeypress('m', { name: 'm' })).toEqual({ type: 'key', key: 'menu' });
  });

  it('quits on q and Ctrl-C, switches language on F2 and l, ignores the rest', () => {
    expect(mapKeypress('q', { name: 'q' })).toEqual({ type: 'quit' });
    expect(mapKeypress('\x03', { name: 'c', ctrl: true })).toEqual({ type: 'quit' });
    expect(mapKeypress(undefined, { name: 'f2' })).toEqual({ type: 'toggle-language' });
    expect(mapKeypress('l', { name: 'l' })).toEqual({ type: 'toggle-language' });
    expect(mapKeypress('x', { name: 'x' })).toBeUndefined();
    expect(mapKeypress('1', { name: '1', meta: true })).toBeUndefined();
  });
});

describe('drawing a screen', () => {
  it('draws plain frames: the box keeps its width with Chinese text, the cursor line is marked', () => {
    const frame = plainFrame(SCREEN);
    expect(frame).not.toContain('\x1b');
    const lines = frame.split('\n');
    expect(lines[0]).toBe('# menu.main');
    const boxLines = lines.filter(
      (line) => line.startsWith('│') || line.startsWith('┌') || line.startsWith('└'),
    );
    expect(new Set(boxLines.map(displayWidth))).toEqual(new Set([42]));
    expect(lines).toContain(`│>2 撤销 Void${' '.repeat(27)} │`);
    expect(lines).toContain(`│ 1 消费 Sale${' '.repeat(27)} │`);
    expect(frame).toContain('Reversal pending: voucher 000012');
    expect(frame.indexOf('CARD 620000******0011')).toBeGreaterThan(frame.indexOf('└'));
    expect(lines.at(-2)).toBe('='.repeat(42));
  });

  it('draws on a terminal: cleared, coloured by tone, the slip beside when it fits, else below', () => {
    const wide = ansiFrame(SCREEN, 120);
    expect(wide.startsWith(`${ANSI.home}${ANSI.clear}┌`)).toBe(true);
    expect(wide).toContain(`${ANSI.reverse}2 撤销 Void`);
    expect(wide).toContain('\x1b[31mReversal pending: voucher 000012');
    expect(wide.split('\n')[1]).toMatch(/│ 主菜单 Main menu +│ {3}签购单 POS SALES SLIP$/);
    const narrow = ansiFrame(SCREEN, 60);
    const narrowLines = narrow.split('\n');
    expect(narrowLines.findIndex((line) => line.includes('签购单'))).toBeGreaterThan(
      narrowLines.findIndex((line) => line.startsWith('└')),
    );
  });
});
