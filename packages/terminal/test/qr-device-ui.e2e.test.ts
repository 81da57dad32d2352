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
