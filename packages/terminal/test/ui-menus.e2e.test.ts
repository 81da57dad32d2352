import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTcpTestHost, type TcpTestHost } from './support/terminal-rig.js';
import { KEYPAD_SIGNATURE } from '../src/ui/index.js';
import { openUiRig, type UiRig } from './support/ui-rig.js';

/** Card panel line 1 (6200001000000011), inserted, PIN 123456: the keys after an amount's Enter. */
const CARD_1_WITH_PIN = ['1', 'enter', '2', '123456', 'enter'] as const;

describe('the device UI menus against the real host', () => {
  let host: TcpTestHost;
  let rig: UiRig;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    rig = await openUiRig({ port: host.port });
    await rig.press('00', 'enter', '123456', 'enter', '9', '1', 'enter', 'cancel');
    expect(rig.ui.screen.id).toBe('menu.main');
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('refunds part of a sale by RRN, date and amount; no PIN, the cardholder signs on screen', async () => {
    expect((await rig.press('1', '10000', 'enter', ...CARD_1_WITH_PIN)).id).toBe('result');
    await rig.press('enter');
    const sale = rig.terminal.today().at(-1);
    expect(sale?.status).toBe('approved');
    let screen = await rig.press('3', '123456', 'enter', sale?.rrn ?? '', 'enter', sale?.date ?? '', 'enter');
    expect(screen.id).toBe('refund.amount');
    screen = await rig.press('4000', 'enter', '1', 'enter', '2');
    expect(screen.id).toBe('customer.signature');
    expect(screen.body).toEqual([
      'Amount 40.00 CNY',
      '620000******0011',
      'Sign on the screen, then press Enter',
    ]);
    screen = await rig.press('enter');
    expect(screen.id).toBe('result');
    expect(rig.terminal.today().at(-1)?.signature).toBe(KEYPAD_SIGNATURE);
    expect(screen.title.en).toBe('Refund');
    expect(screen.body[0]).toBe('Approved');
    expect(screen.body).toContain('Amount 40.00 CNY');
    await rig.press('enter');
  });

  it('runs the pre-authorisation sub-menu: pre-auth, completion, completion void', async () => {
    let screen = await rig.press('4');
    expect(screen.id).toBe('menu.preauth');
    expect(screen.menu?.map((item) => item.en)).toEqual([
      'Pre-authorisation',
      'Pre-auth cancel',
      'Pre-auth completion',
      'Completion void',
    ]);
    screen = await rig.press('1', '50000', 'enter', ...CARD_1_WITH_PIN);
    expect(screen.body[0]).toBe('Approved');
    const auth = rig.terminal.today().at(-1);
    await rig.press('enter');
    screen = await rig.press('3', auth?.authCode ?? '', 'enter', auth?.date ?? '', 'enter', '52000', 'enter');
    expect(screen.id).toBe('customer.card');
    screen = await rig.press(...CARD_1_WITH_PIN);
    expect(screen.title.en).toBe('Pre-auth completion');
    expect(screen.body[0]).toBe('Approved');
    const completion = rig.terminal.today().at(-1);
    await rig.press('enter');
    screen = await rig.press('4', '123456', 'enter', completion?.stan ?? '', 'enter');
    expect(screen.id).toBe('completion-void.confirm');
    screen = await rig.press('enter', ...CARD_1_WITH_PIN);
    expect(screen.title.en).toBe('Completion void');
    expect(screen.body[0]).toBe('Approved');
    await rig.press('enter', 'cancel');
    expect(rig.ui.screen.id).toBe('menu.main');
  });

  it('shows the balance of a card', async () => {
    let screen = await rig.press('6');
    expect(screen.id).toBe('customer.card');
    expect(screen.body).not.toContain('Amount');
    screen = await rig.press('3', 'enter', '2', '123456', 'enter');
    expect(screen.title.en).toBe('Balance inquiry');
    expect(screen.body).toContain('Balance 10.00 CNY');
    await rig.press('enter');
  });

  it('prints: the last slip again with the reprint marker, the detail list and the totals', async () => {
    let screen = await rig.press('8', '1');
    expect(screen.id).toBe('print.done');
    expect(screen.body).toEqual(['Printed 1 slip']);
    expect(screen.slip?.reprint).toBe(true);
    expect(screen.slip?.lines.join('\n')).toContain('REPRINT');
    screen = await rig.press('enter', '4');
    expect(screen.slip?.kind).toBe('detail-list');
    screen = await rig.press('enter', '5');
    expect(screen.slip?.kind).toBe('totals');
    screen = await rig.press('enter', '3');
    expect(screen.id).toBe('error');
    expect(screen.body).toContain('no settlement yet');
    await rig.press('enter', 'cancel');
  });

  it('diagnoses: the host round trip and the key check values', async () => {
    const screen = await rig.press('9', '6');
    expect(screen.id).toBe('diagnostics.result');
    expect(screen.body.some((line) => /^Host tcp:\/\/127\.0\.0\.1:\d+: reachable, \d+ ms$/.test(line))).toBe(
      true,
    );
    expect(screen.body.some((line) => line.startsWith('KCV TMK 08D7B4 PIK '))).toBe(true);
    expect(screen.body).toContain('No pending reversals');
    await rig.press('enter');
  });

  it('adds, lists and deletes a cashier', async () => {
    let screen = await rig.press('4', '2', '05', 'enter', '2580', 'enter', '2580', 'enter');
    expect(screen.id).toBe('operators.done');
    expect(screen.body[0]).toContain('Cashier 05 added');
    screen = await rig.press('enter', '1');
    expect(screen.body).toContain('05 cashier, must change password');
    screen = await rig.press('enter', '3', '05', 'enter', 'enter');
    expect(screen.body).toEqual(['Cashier 05 deleted']);
    screen = await rig.press('enter', '1');
    expect(screen.body.some((line) => line.startsWith('05 '))).toBe(false);
    await rig.press('enter', 'cancel');
  });

  it('switches the language from the menu', async () => {
    let screen = await rig.press('7', '1');
    expect(screen.language).toBe('zh');
    expect(screen.id).toBe('menu.management');
    screen = await rig.press('7', '2');
    expect(screen.language).toBe('en');
  });

  it('locks the terminal: the login screen says so until an operator logs in', async () => {
    let screen = await rig.press('5');
    expect(screen.id).toBe('lock.confirm');
    screen = await rig.press('enter');
    expect(screen.id).toBe('login.operator');
    expect(screen.body).toContain('Terminal locked: log in to unlock');
    expect(screen.status?.items.map((item) => item.kind)).toContain('locked');
    screen = await rig.press('01', 'enter', '0000', 'enter');
    expect(screen.id).toBe('menu.main');
    expect(screen.status?.items.map((item) => item.kind)).not.toContain('locked');
  });

  it('refuses settlement to a cashier and says who may', async () => {
    const screen = await rig.press('9', '3', 'enter');
    expect(screen.id).toBe('error');
    expect(screen.body).toContain('Code TERMINAL_PERMISSION_DENIED');
    expect((await rig.press('enter')).id).toBe('menu.management');
  });
});
