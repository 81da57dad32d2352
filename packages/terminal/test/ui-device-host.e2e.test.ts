import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTcpTestHost, type TcpTestHost } from './support/terminal-rig.js';
import { openUiRig, type UiRig } from './support/ui-rig.js';

describe('the device UI driven by keys against the real host', () => {
  let host: TcpTestHost;
  let rig: UiRig;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    rig = await openUiRig({ port: host.port });
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('starts on the login screen with the status bar: not signed in', () => {
    const screen = rig.ui.screen;
    expect(screen.id).toBe('login.operator');
    expect(screen.input).toMatchObject({ kind: 'digits', value: '' });
    expect(screen.status?.tid).toBe('10000001');
    expect(screen.status?.items.map((item) => item.kind)).toEqual(['not-signed-in']);
  });

  it('logs in with the operator number and a masked password', async () => {
    let screen = await rig.press('01', 'enter');
    expect(screen.id).toBe('login.password');
    screen = await rig.press('0000');
    expect(screen.input).toMatchObject({ kind: 'password', value: '****' });
    expect(rig.text()).toContain('Password: ****');
    screen = await rig.press('enter');
    expect(screen.id).toBe('menu.main');
    expect(screen.menu?.map((item) => item.key)).toEqual(['1', '2', '3', '4', '5', '6', '7', '8', '9']);
    expect(screen.menu?.[0]).toMatchObject({ zh: '消费', en: 'Sale' });
    expect(screen.status?.operator).toEqual({ number: '01', role: 'cashier' });
  });

  it('shows why a sale cannot start before sign-in and comes back to the main menu', async () => {
    let screen = await rig.press('1', '100', 'enter');
    expect(screen.id).toBe('error');
    expect(screen.tone).toBe('alert');
    expect(rig.text()).toContain('TERMINAL_NOT_SIGNED_IN');
    screen = await rig.press('enter');
    expect(screen.id).toBe('menu.main');
  });

  it('opens the QR menu (5): merchant code, customer code, QR refund, QR void; Cancel returns', async () => {
    const screen = await rig.press('5');
    expect(screen.id).toBe('menu.qr');
    expect(screen.menu?.map((item) => item.en)).toEqual([
      'Show merchant code',
      "Scan customer's code",
      'QR refund',
      'QR void',
    ]);
    expect((await rig.press('cancel')).id).toBe('menu.main');
  });

  it('signs in from management: batch and key check values, then the status bar says signed in', async () => {
    expect((await rig.press('9')).id).toBe('menu.management');
    const screen = await rig.press('1');
    expect(screen.id).toBe('sign-in.result');
    expect(screen.body).toContain('Signed in');
    expect(rig.text()).toMatch(/PIK [0-9A-F]{8} {2}MAK [0-9A-F]{8}/);
    const batch = rig.terminal.status().batch;
    expect(screen.status?.items[0]).toMatchObject({ kind: 'signed-in', en: `Signed in, batch ${batch}` });
    expect((await rig.press('enter')).id).toBe('menu.management');
    expect((await rig.press('cancel')).id).toBe('menu.main');
  });

  it('types an amount as a POS does: digits shift in from the right, Clear and Backspace', async () => {
    let screen = await rig.press('1');
    expect(screen.id).toBe('sale.amount');
    expect(screen.input).toMatchObject({ kind: 'amount', value: '0.00' });
    const shown: string[] = [];
    for (const digit of ['0', '1', '2', '3']) shown.push((await rig.press(digit)).input?.value ?? '');
    expect(shown).toEqual(['0.00', '0.01', '0.12', '1.23']);
    expect((await rig.press('backspace')).input?.value).toBe('0.12');
    expect((await rig.press('clear')).input?.value).toBe('0.00');
    screen = await rig.press('enter');
    expect(screen.id).toBe('sale.amount');
    expect(screen.notice?.en).toBe('The amount must be more than zero');
    screen = await rig.press('cancel');
    expect(screen.id).toBe('menu.main');
    expect(screen.notice?.en).toBe('Cancelled');
  });

  it('sells with a PIN: card panel, masked PIN, approved text and the slip with the masked PAN', async () => {
    await rig.press('1', '12345');
    expect(rig.ui.screen.input?.value).toBe('123.45');
    let screen = await rig.press('enter');
    expect(screen.id).toBe('customer.card');
    expect(rig.text()).toContain('Amount 123.45 CNY');
    expect(screen.body.some((line) => line.startsWith('1 UnionPay debit 620000******0011'))).toBe(true);
    screen = await rig.press('1', 'enter');
    expect(screen.id).toBe('customer.entry');
    expect(screen.body).toEqual(expect.arrayContaining(['Swipe 1', 'Insert 2', 'Tap 3']));
    screen = await rig.press('2');
    expect(screen.id).toBe('customer.pin');
    expect(screen.body).toContain('620000******0011');
    screen = await rig.press('123456');
    expect(screen.input).toMatchObject({ kind: 'pin', value: '******' });
    screen = await rig.press('enter');
    expect(screen.id).toBe('result');
    expect(screen.title).toEqual({ zh: '消费', en: 'Sale' });
    expect(screen.body.slice(0, 3)).toEqual(['Approved', expect.any(String), expect.any(String)]);
    expect(screen.body).toContain('Response code 00');
    expect(screen.body).toContain('Action class A: success; done');
    const text = rig.text();
    expect(text).toContain('Card 620000******0011');
    expect(screen.slip?.lines.join('\n')).toContain('620000******0011');
    expect(text).not.toContain('6200001000000011');
    expect(screen.slip?.copy).toBe('customer');
    expect(rig.printer.printed.map((slip) => slip.copy)).toEqual(['merchant', 'customer']);
    expect((await rig.press('enter')).id).toBe('menu.main');
  });

  it('voids the sale: supervisor password, voucher, the original confirmed, card, PIN', async () => {
    const sale = rig.terminal.today().at(-1);
    expect(sale?.type).toBe('sale');
    let screen = await rig.press('2');
    expect(screen.id).toBe('void.supervisor');
    screen = await rig.press('123456', 'enter');
    expect(screen.id).toBe('void.voucher');
    screen = await rig.press(String(Number(sale?.stan)), 'enter');
    expect(screen.id).toBe('void.confirm');
    expect(screen.body).toEqual(
      expect.arrayContaining(['Sale', 'Amount 123.45 CNY', `Voucher ${sale?.stan}`]),
    );
    screen = await rig.press('enter');
    expect(screen.id).toBe('customer.card');
    expect(rig.text()).toContain('Void');
    await rig.press('1', 'enter', '2', '123456');
    screen = await rig.press('enter');
    expect(screen.id).toBe('result');
    expect(screen.title.en).toBe('Void');
    expect(screen.body[0]).toBe('Approved');
    expect(rig.terminal.transaction(sale?.stan ?? '').voidedBy).toBeDefined();
    await rig.press('enter');
  });

  it("lists today's transactions, opens one, and totals them by type and operator", async () => {
    let screen = await rig.press('7', '1');
    expect(screen.id).toBe('query.today');
    const text = rig.text();
    expect(text).toMatch(/\d{6} Void 123\.45 CNY Approved/);
    expect(text).toMatch(/\d{6} Sale 123\.45 CNY Voided/);
    expect(screen.highlight).toBeDefined();
    screen = await rig.press('down');
    const saleLine = screen.body[screen.highlight ?? 0];
    expect(saleLine).toContain('Sale');
    screen = await rig.press('enter');
    expect(screen.id).toBe('query.detail');
    expect(screen.body).toEqual(
      expect.arrayContaining(['Sale', 'Voided', 'Card 620000******0011 UnionPay inserted']),
    );
    await rig.press('enter', 'cancel');
    screen = await rig.press('3');
    expect(screen.id).toBe('query.totals');
    expect(screen.body).toEqual(expect.arrayContaining(['By type', 'By operator']));
    expect(screen.body.some((line) => line.startsWith('Operator 01:'))).toBe(true);
    await rig.press('enter', 'cancel');
    expect(rig.ui.screen.id).toBe('menu.main');
  });

  it('cancels at the card panel back to the main menu without a transaction', async () => {
    const before = rig.terminal.today().length;
    await rig.press('1', '500', 'enter');
    expect(rig.ui.screen.id).toBe('customer.card');
    const screen = await rig.press('cancel');
    expect(screen.id).toBe('menu.main');
    expect(screen.notice?.en).toBe('Cancelled');
    expect(rig.terminal.today()).toHaveLength(before);
  });

  it('takes a card event from the card panel and a declined PIN shows 55 with its action class', async () => {
    await rig.press('1', '800', 'enter');
    let screen = await rig.send({ type: 'card', pan: '6200001000000029', entry: 'swipe' });
    expect(screen.id).toBe('customer.pin');
    screen = await rig.press('999999', 'enter');
    expect(screen.id).toBe('result');
    expect(screen.body[0]).toBe('Declined');
    expect(screen.body).toContain('Response code 55');
    expect(screen.body.some((line) => line.startsWith('Action class '))).toBe(true);
    await rig.press('enter');
  });

  it('switches the display language with a language event', async () => {
    let screen = await rig.send({ type: 'language', language: 'zh' });
    expect(screen.language).toBe('zh');
    expect(screen.hint).toContain('数字键选择');
    screen = await rig.send({ type: 'language', language: 'en' });
    expect(screen.hint).toContain('Digit: choose');
  });

  it('never throws out of dispatch, whatever comes', () => {
    const before = rig.ui.screen.id;
    expect(() => {
      rig.ui.dispatch({ type: 'key', key: 'nonsense' as 'enter' });
      rig.ui.dispatch({ type: 'signature', data: 'M0 0' });
      rig.ui.dispatch({ type: 'card', pan: '1', entry: 'tap' });
      rig.ui.dispatch({ type: 'language', language: 'fr' as 'en' });
      rig.ui.dispatch(undefined as unknown as { type: 'key'; key: 'enter' });
    }).not.toThrow();
    expect(rig.ui.screen.id).toBe(before);
    expect(rig.ui.language).toBe('en');
  });

  it('settles as the supervisor: the slip says balanced and a new batch starts', async () => {
    const batch = rig.terminal.status().batch;
    let screen = await rig.press('9', '8');
    expect(screen.id).toBe('login.operator');
    await rig.press('00', 'enter', '123456');
    screen = await rig.press('enter');
    expect(screen.status?.operator?.role).toBe('supervisor');
    screen = await rig.press('9', '3');
    expect(screen.id).toBe('settle.confirm');
    expect(screen.body).toContain(`Batch ${batch}`);
    screen = await rig.press('enter');
    expect(screen.id).toBe('settle.result');
    expect(screen.body).toEqual(expect.arrayContaining(['Balanced', `Batch ${batch}`]));
    expect(screen.slip?.kind).toBe('settlement');
    expect(screen.slip?.lines.join('\n')).toContain('BALANCED');
    expect(rig.terminal.status().batch).not.toBe(batch);
    await rig.press('enter');
  });
});
