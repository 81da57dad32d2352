import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTcpTestHost, type TcpTestHost } from './support/terminal-rig.js';
import { openUiRig, type UiRig } from './support/ui-rig.js';

const UNKNOWN_CODE = '6212345678901234567';

describe('menu 5 (扫码 QR) on the device UI against the real host', () => {
  let host: TcpTestHost;
  let rig: UiRig;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    rig = await openUiRig({ port: host.port });
    await rig.press('01', 'enter', '0000', 'enter');
    expect((await rig.press('9', '1')).id).toBe('sign-in.result');
    await rig.press('enter', 'cancel');
    expect(rig.ui.screen.id).toBe('menu.main');
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it("takes the customer's code as 19 digits and shows the host's answer", async () => {
    expect((await rig.press('5')).id).toBe('menu.qr');
    expect((await rig.press('2')).id).toBe('qr.code.amount');
    let screen = await rig.press('1500', 'enter');
    expect(screen.id).toBe('qr.code');
    expect(screen.input).toMatchObject({ kind: 'digits', maxLength: 19, value: '' });
    screen = await rig.press('1234', 'enter');
    expect(screen.id).toBe('qr.code');
    expect(screen.notice?.en).toBe('The payment code has 19 digits');
    screen = await rig.press('clear', UNKNOWN_CODE, 'enter');
    expect(screen.id).toBe('result');
    expect(rig.text()).toContain('14');
    expect(rig.terminal.query({}).at(-1)).toMatchObject({ type: 'qr-sale', status: 'declined' });
    expect((await rig.press('enter')).id).toBe('menu.qr');
  });

  it('refunds by payment voucher after the supervisor password: an unknown voucher is declined 25', async () => {
    expect((await rig.press('3')).id).toBe('qr.refund.supervisor');
    let screen = await rig.press('123456', 'enter');
    expect(screen.id).toBe('qr.refund.voucher');
    expect(screen.input).toMatchObject({ kind: 'digits', maxLength: 12 });
    screen = await rig.press('000000000001', 'enter');
    expect(screen.id).toBe('qr.refund.amount');
    screen = await rig.press('300', 'enter');
    expect(screen.id).toBe('result');
    expect(rig.text()).toContain('25');
    expect(rig.terminal.query({}).at(-1)).toMatchObject({ type: 'qr-refund', status: 'declined' });
    expect((await rig.press('enter')).id).toBe('menu.qr');
  });

  it("charges a scanned customer's code; a scan that is no pay code is refused on the screen", async () => {
    const code = (await host.runtime.walletActions.issueCode('alice')).code;
    const before = host.runtime.wallet.balanceOf('alice');
    expect((await rig.send({ type: 'scan', text: code })).id).toBe('menu.qr');
    await rig.press('2', '2500', 'enter');
    let screen = rig.ui.screen;
    expect(screen).toMatchObject({ id: 'qr.code', acceptsScan: true });
    screen = await rig.send({ type: 'scan', text: '000201010212' });
    expect(screen.id).toBe('qr.code');
    expect(screen.notice).toMatchObject({ en: 'The payment code has 19 digits', tone: 'alert' });
    screen = await rig.send({ type: 'scan', text: ` ${code}\n` });
    expect(screen.id).toBe('result');
    expect(rig.text()).toContain('Approved');
    const sale = rig.terminal.query({}).at(-1);
    expect(sale).toMatchObject({ type: 'qr-sale', status: 'approved', amount: { amountMinor: 2500 } });
    expect(sale?.voucher).toMatch(/^\d{12}$/);
    expect(host.runtime.wallet.balanceOf('alice')).toBe(before - 2500);
    expect((await rig.press('enter')).id).toBe('menu.qr');
  });

  it('voids a QR sale of the batch by its payment voucher after the supervisor password, once', async () => {
    const code = (await host.runtime.walletActions.issueCode('alice')).code;
    const before = host.runtime.wallet.balanceOf('alice');
    await rig.press('2', '1234', 'enter');
    expect((await rig.send({ type: 'scan', text: code })).id).toBe('result');
    const voucher = rig.terminal.query({}).at(-1)?.voucher ?? '';
    expect(host.runtime.wallet.balanceOf('alice')).toBe(before - 1234);
    expect((await rig.press('enter')).id).toBe('menu.qr');

    expect((await rig.press('4')).id).toBe('qr.void.supervisor');
    let screen = await rig.press('123456', 'enter');
    expect(screen.id).toBe('qr.void.voucher');
    expect(screen.input).toMatchObject({ kind: 'digits', maxLength: 12 });
    screen = await rig.press(voucher, 'enter');
    expect(screen.id).toBe('qr.void.confirm');
    expect(rig.text()).toContain('QR sale');
    expect(rig.text()).toContain('12.34');
    expect(rig.text()).toContain(`Payment voucher ${voucher}`);
    screen = await rig.press('enter');
    expect(screen.id).toBe('result');
    expect(rig.text()).toContain('Approved');
    expect(screen.slip?.lines.join('\n')).toContain('QR VOID');
    expect(screen.slip?.lines.join('\n')).toContain(voucher);
    const records = rig.terminal.query({});
    expect(records.at(-1)).toMatchObject({ type: 'qr-void', status: 'approved' });
    expect(records.find((record) => record.voucher === voucher)?.voidedBy).toBe(records.at(-1)?.id);
    expect(host.runtime.wallet.balanceOf('alice')).toBe(before);
    expect((await rig.press('enter')).id).toBe('menu.qr');

    // The same voucher again: the details say voided, and the terminal refuses before sending.
    const sent = rig.terminal.query({}).length;
    await rig.press('4', '123456', 'enter', voucher, 'enter');
    expect(rig.text()).toContain('Voided');
    screen = await rig.press('enter');
    expect(screen).toMatchObject({ id: 'error', tone: 'alert' });
    expect(rig.text()).toContain('already voided');
    expect(rig.terminal.query({}).length).toBe(sent);
    expect((await rig.press('enter')).id).toBe('menu.qr');
  });

  it('refuses a QR void of a voucher this batch does not have, and a wrong supervisor password', async () => {
    await rig.press('4', '123456', 'enter', '000000000001', 'enter');
    expect(rig.ui.screen).toMatchObject({ id: 'error', tone: 'alert' });
    expect(rig.text()).toContain('000000000001');
    expect((await rig.press('enter')).id).toBe('menu.qr');
    const sale = rig.terminal.query({ types: ['qr-sale'], statuses: ['approved'] }).at(0);
    const recorded = rig.terminal.query({}).length;
    await rig.press('4', '654321', 'enter', sale?.voucher ?? '', 'enter', 'enter');
    expect(rig.ui.screen).toMatchObject({ id: 'error', tone: 'alert' });
    expect(rig.text()).toMatch(/password/i);
    expect(rig.terminal.query({}).length).toBe(recorded);
    expect(rig.terminal.query({}).find((record) => record.id === sale?.id)?.voidedBy).toBeUndefined();
    expect((await rig.press('enter')).id).toBe('menu.qr');
  });

  it('shows the merchant code with its payload, countdown and status; Cancel closes the order', async () => {
    expect((await rig.press('1')).id).toBe('qr.amount');
    const screen = await rig.press('1234', 'enter');
    expect(screen.id).toBe('qr.order');
    expect(screen.qr?.payload.startsWith('000201')).toBe(true);
    expect(screen.qr?.payload).toContain('540512.34');
    expect(Date.parse(screen.qr?.expiresAt ?? '')).toBeGreaterThan(0);
    expect(screen.body.join('\n')).toMatch(/Expires in \d:\d\d/);
    expect(screen.hint).toBe('Cancel: close the order');
    const closed = await rig.press('cancel');
    expect(closed.id).toBe('qr.order.result');
    expect(closed.body[0]).toBe('Order closed');
    expect((await rig.press('enter')).id).toBe('menu.qr');
  });
});
