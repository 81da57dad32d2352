import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startWebHost, type WebHost } from './support/browser.js';
import { DeviceDriver } from './support/flows-driver.js';
import { decodeScreenshot } from './support/qr-pictures.js';

interface Json {
  readonly [key: string]: unknown;
}

// QR both ways on the web terminal, with the wallet's HTTP API as the customer's phone.
describe('QR payments on the web terminal in a real browser', () => {
  let web: WebHost;
  let browser: Browser;
  let context: BrowserContext;
  let device: DeviceDriver;
  let token = '';

  async function wallet(path: string, body: unknown, method = 'POST'): Promise<Json> {
    const response = await fetch(`${web.url}/api/wallet/${path}`, {
      method,
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      ...(method === 'POST' ? { body: JSON.stringify(body) } : {}),
    });
    return (await response.json()) as Json;
  }

  beforeAll(async () => {
    web = await startWebHost();
    browser = await launchChromium();
    context = await newContext(browser, 'desktop');
    device = new DeviceDriver(await context.newPage());
    await device.open(web.url);
    await device.login('01', '0000', '2580');
    await device.press('9', '1');
    await device.waitFor('sign-in.result');
    await device.press('enter', 'cancel');
    await device.waitFor('menu.main');
    token = String((await wallet('session', { user: 'alice', pin: '111111' }))['token']);
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await web?.stop();
  });

  it('shows the merchant code; its screenshot decodes to the payload; the wallet pays; the slip prints', async () => {
    await device.press('5', '1');
    await device.waitFor('qr.amount');
    await device.press('1234', 'enter');
    await device.waitFor('qr.order');
    const image = device.page.getByRole('img', { name: '收款码 Payment QR code' });
    const payload = (await image.getAttribute('data-payload')) ?? '';
    expect(payload).toMatch(/^000201010212/);
    // Read the code back from pixels of a screenshot, as a wallet camera would.
    expect(await decodeScreenshot(device.page, await image.screenshot())).toBe(payload);
    await screenshot(device.page, 'qr-merchant-code');

    const paid = await wallet('orders/pay', { payload, pin: '111111' });
    expect(paid['voucher']).toMatch(/^\d{12}$/);
    await device.waitFor('result', 30_000);
    await expect(device.display.textContent()).resolves.toContain('Approved');
    const slips = (await device.printer.textContent()) ?? '';
    expect(slips).toContain('QR');
    expect(slips).toContain(String(paid['voucher']));
    await device.press('enter');
    await device.waitFor('menu.qr');
    await device.press('cancel');
    await device.waitFor('menu.main');
  }, 90_000);

  it("charges the customer's one-time code typed at the terminal (no camera here)", async () => {
    const code = String((await wallet('pay-code', {}))['code']);
    expect(code).toMatch(/^62\d{17}$/);
    await device.press('5', '2');
    await device.waitFor('qr.code.amount');
    await device.press('500', 'enter');
    await device.waitFor('qr.code');
    // This browser has no camera: the scanner says so, and typing the digits still works.
    const scanner = device.page.getByRole('region', { name: '扫码器 Scanner' });
    await scanner.getByRole('button', { name: '相机扫码 Scan with camera' }).click();
    await scanner.getByRole('status').filter({ hasText: 'type the code on the keypad' }).waitFor();
    await device.press(code, 'enter');
    await device.waitFor('result', 30_000);
    await expect(device.display.textContent()).resolves.toContain('Approved');
    await device.press('enter');
    await device.waitFor('menu.qr');
    await device.press('cancel');
    await device.waitFor('menu.main');
  }, 60_000);

  it('refunds part of a QR payment with the supervisor, back to the wallet', async () => {
    const before = Number((await wallet('me', undefined, 'GET'))['balanceMinor']);
    const history = (await wallet('me', undefined, 'GET'))['history'] as Json[];
    const voucher = String(history[0]?.['voucher']);
    await device.press('9', '8');
    await device.login('00', '123456', '246810');
    await device.press('5', '3');
    await device.waitFor('qr.refund.supervisor');
    await device.press('246810', 'enter');
    await device.waitFor('qr.refund.voucher');
    await device.press(voucher, 'enter');
    await device.waitFor('qr.refund.amount');
    await device.press('200', 'enter');
    await device.waitFor('result', 30_000);
    await expect(device.display.textContent()).resolves.toContain('Approved');
    expect(Number((await wallet('me', undefined, 'GET'))['balanceMinor'])).toBe(before + 200);
    await screenshot(device.page, 'qr-refund');
  }, 60_000);
});
