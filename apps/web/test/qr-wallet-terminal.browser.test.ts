import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startWebHost, type WebHost } from './support/browser.js';
import { DeviceDriver } from './support/flows-driver.js';
import { decodeQr } from '../src/shared/qr-decode.js';
import { decodeScreenshot, pngPixels, y4mVideo } from './support/qr-pictures.js';

/** A blank white card: what the fake camera shows until a test puts a code in front of it. */
const BLANK = { width: 64, height: 64, data: new Uint8ClampedArray(64 * 64 * 4).fill(255) };

/** The text of all slips in the printer slot, newest first. */
async function newestSlip(device: DeviceDriver): Promise<string> {
  return (await device.printer.getByRole('article').first().textContent()) ?? '';
}

/** The wallet's account tab shows `balance` once it has read the account again (a reload keeps the session). */
async function expectBalance(wallet: Page, balance: string): Promise<void> {
  await wallet.reload();
  await wallet.getByRole('tab', { name: '我的 Account' }).click();
  await wallet.getByLabel(`余额 Balance ${balance}`).waitFor();
}

// The customer's phone (the wallet page, alice) and the merchant's web terminal side by side in one
// Chromium on the same host: no API calls stand in for either of them.
describe('QR both ways between the wallet page and the web terminal', () => {
  let web: WebHost;
  let browser: Browser;
  let dir: string;
  let video: string;
  let terminalContext: BrowserContext;
  let walletContext: BrowserContext;
  let device: DeviceDriver;
  let wallet: Page;
  const pageErrors: string[] = [];
  let paidVoucher = '';

  beforeAll(async () => {
    web = await startWebHost();
    dir = mkdtempSync(join(tmpdir(), 'payterm-qr-pages-'));
    video = join(dir, 'camera.y4m');
    writeFileSync(video, y4mVideo(BLANK));
    browser = await launchChromium(video);
    terminalContext = await newContext(browser, 'desktop');
    walletContext = await newContext(browser, 'phone');
    for (const context of [terminalContext, walletContext]) {
      await context.grantPermissions(['camera'], { origin: web.url });
    }
    device = new DeviceDriver(await terminalContext.newPage());
    wallet = await walletContext.newPage();
    for (const page of [device.page, wallet]) page.on('pageerror', (error) => pageErrors.push(error.message));

    await device.open(web.url);
    await device.login('01', '0000', '2580');
    await device.press('9', '1');
    await device.waitFor('sign-in.result');
    await device.press('enter', 'cancel');
    await device.waitFor('menu.main');

    await wallet.goto(`${web.url}/wallet`);
    await wallet.getByRole('textbox', { name: '用户名 User' }).fill('alice');
    await wallet.getByLabel('钱包密码 Wallet PIN').fill('111111');
    await wallet.getByRole('button', { name: '登录 Sign in' }).click();
    await wallet.getByLabel('余额 Balance ¥5,000.00').waitFor();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  it("pays the terminal's merchant code from a screenshot uploaded to the wallet; the terminal prints the QR slip", async () => {
    await device.press('5', '1');
    await device.waitFor('qr.amount');
    await device.press('1234', 'enter');
    await device.waitFor('qr.order');
    const code = device.page.getByRole('img', { name: '收款码 Payment QR code' });
    const shot = await code.screenshot();
    expect(await decodeScreenshot(device.page, shot)).toBe(await code.getAttribute('data-payload'));

    await wallet.getByRole('tab', { name: '扫一扫 Scan' }).click();
    await wallet
      .getByLabel('上传二维码图片 Upload a QR picture')
      .setInputFiles({ name: 'terminal.png', mimeType: 'image/png', buffer: shot });
    await wallet.getByRole('heading', { name: '确认付款 Confirm payment' }).waitFor();
    expect(await wallet.getByRole('definition').allTextContents()).toEqual(
      expect.arrayContaining(['PayTerm Demo Store', '¥12.34']),
    );
    await wallet.getByLabel('钱包密码 Wallet PIN').fill('111111');
    await wallet.getByRole('button', { name: '确认付款 Pay ¥12.34' }).click();
    await wallet.getByRole('heading', { name: '付款成功 Paid' }).waitFor();
    const [, amount, voucher] = await wallet.getByRole('definition').allTextContents();
    expect(amount).toBe('¥12.34');
    expect(voucher).toMatch(/^\d{12}$/);
    paidVoucher = voucher ?? '';

    await device.waitFor('result', 30_000);
    await expect(device.display.textContent()).resolves.toContain('Approved');
    const slip = await newestSlip(device);
    expect(slip).toContain('QR');
    expect(slip).toContain('12.34');
    expect(slip).toContain(paidVoucher);
    await screenshot(device.page, 'qr-pages-merchant-code-paid');
    await wallet.getByRole('button', { name: '完成 Done' }).click();
    await expectBalance(wallet, '¥4,987.66');
    await device.press('enter');
    await device.waitFor('menu.qr');
  }, 90_000);

  it('voids that QR payment as the supervisor: the slip says QR void with the voucher, the money is back', async () => {
    expect(paidVoucher).toMatch(/^\d{12}$/);
    await device.press('cancel', '9', '8');
    await device.login('00', '123456', '246810');
    await device.press('5', '4');
    await device.waitFor('qr.void.supervisor');
    await device.press('246810', 'enter');
    await device.waitFor('qr.void.voucher');
    await device.press(paidVoucher, 'enter');
    await device.waitFor('qr.void.confirm');
    const details = (await device.display.textContent()) ?? '';
    expect(details).toContain('12.34');
    expect(details).toContain(paidVoucher);
    await device.press('enter');
    await device.waitFor('result', 30_000);
    await expect(device.display.textContent()).resolves.toContain('Approved');
    const slip = await newestSlip(device);
    expect(slip).toContain('QR VOID');
    expect(slip).toContain(paidVoucher);
    expect(slip).toContain('12.34');
    await screenshot(device.page, 'qr-pages-void');
    await expectBalance(wallet, '¥5,000.00');
    await device.press('enter');
    await device.waitFor('menu.qr');
  }, 90_000);

  it("pays with the wallet's camera pointed at the terminal's code (the fake camera plays its screenshot)", async () => {
    await device.press('1');
    await device.waitFor('qr.amount');
    await device.press('500', 'enter');
    await device.waitFor('qr.order');
    const shot = await device.page.getByRole('img', { name: '收款码 Payment QR code' }).screenshot();
    writeFileSync(video, y4mVideo(await pngPixels(device.page, shot)));

    await wallet.getByRole('tab', { name: '扫一扫 Scan' }).click();
    await wallet.getByRole('button', { name: '打开相机 Open camera' }).click();
    await wallet.getByRole('heading', { name: '确认付款 Confirm payment' }).waitFor();
    await wallet.getByLabel('钱包密码 Wallet PIN').fill('111111');
    await wallet.getByRole('button', { name: '确认付款 Pay ¥5.00' }).click();
    await wallet.getByRole('heading', { name: '付款成功 Paid' }).waitFor();
    const voucher = (await wallet.getByRole('definition').allTextContents())[2] ?? '';

    await device.waitFor('result', 30_000);
    await expect(device.display.textContent()).resolves.toContain('Approved');
    expect(await newestSlip(device)).toContain(voucher);
    await wallet.getByRole('button', { name: '完成 Done' }).click();
    await expectBalance(wallet, '¥4,995.00');
    await device.press('enter');
    await device.waitFor('menu.qr');
  }, 90_000);

  it("scans the wallet's pay code with the terminal's camera; approved, slip printed, the balance drops", async () => {
    await wallet.getByRole('tab', { name: '付款码 Pay code' }).click();
    const qr = wallet.getByRole('img', { name: '付款二维码 Pay code QR' });
    await qr.waitFor();
    const shot = await pngPixels(wallet, await qr.screenshot());
    const code = decodeQr(shot);
    expect(code).toMatch(/^62\d{17}$/);
    const digits = await wallet.getByLabel('付款码数字 Pay code digits').textContent();
    expect(digits?.replace(/\s/g, '')).toBe(code);
    // The screenshot of the phone is what the terminal's (fake) camera sees from now on.
    writeFileSync(video, y4mVideo(shot));

    await device.press('2');
    await device.waitFor('qr.code.amount');
    await device.press('888', 'enter');
    await device.waitFor('qr.code');
    const scanner = device.page.getByRole('region', { name: '扫码器 Scanner' });
    await scanner.waitFor();
    await screenshot(device.page, 'qr-pages-scanner');
    await scanner.getByRole('button', { name: '相机扫码 Scan with camera' }).click();
    await device.waitFor('result', 30_000);
    await expect(device.display.textContent()).resolves.toContain('Approved');
    expect(await scanner.count()).toBe(0);
    const slip = await newestSlip(device);
    expect(slip).toContain('QR');
    expect(slip).toContain('8.88');
    await screenshot(device.page, 'qr-pages-customer-code-scanned');

    await wallet
      .getByRole('status')
      .filter({ hasText: '已向 PayTerm Demo Store 付款 ¥8.88' })
      .waitFor({ timeout: 10_000 });
    await expectBalance(wallet, '¥4,986.12');
    await device.press('enter');
    await device.waitFor('menu.qr');
    expect(pageErrors).toEqual([]);
  }, 90_000);
});
