import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { systemRandom } from '@payterm/kernel';
import { MemoryPrinter, SoftwarePinPad, TestCardReader } from '@payterm/terminal';
import { DEMO_TERMINALS, openNodeTerminal, type NodeTerminal } from '@payterm/terminal/node';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import QRCode from 'qrcode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startWebHost, type WebHost } from './support/browser.js';
import { qrPixels, y4mVideo } from './support/qr-pictures.js';

const TID = '10000001';
const TEST_SCRYPT = { N: 2 ** 10, r: 8, p: 1 } as const;

/** Uncaught page errors and console errors; the wallet's refused calls (4xx) are expected answers. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 4\d\d/.test(message.text())) {
      errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  return errors;
}

/** The demo terminal in Node, over TCP to the same host: logged in (the forced change done), signed in. */
async function openSignedInTerminal(web: WebHost, dataDir: string): Promise<NodeTerminal> {
  const demo = DEMO_TERMINALS[TID];
  if (demo === undefined) throw new Error(`${TID} is not a demo terminal`);
  const opened = await openNodeTerminal({
    dataDir,
    host: '127.0.0.1',
    port: web.host.isoPort,
    provision: { tid: TID, mid: demo.mid, merchantName: demo.merchantName },
    scryptCost: TEST_SCRYPT,
    peripherals: (security) => ({
      cardReader: new TestCardReader(() => Promise.reject(new Error('QR payments take no card')), {
        random: systemRandom,
      }),
      pinPad: new SoftwarePinPad(security, () => Promise.resolve('bypass')),
      printer: new MemoryPrinter(),
    }),
  });
  await opened.terminal.login('01', '0000');
  await opened.terminal.changePassword('0000', '2580');
  expect((await opened.terminal.signIn()).approved).toBe(true);
  return opened;
}

async function signIn(page: Page, user: string, pin: string): Promise<void> {
  await page.getByRole('textbox', { name: '用户名 User' }).fill(user);
  await page.getByLabel('钱包密码 Wallet PIN').fill(pin);
  await page.getByRole('button', { name: '登录 Sign in' }).click();
}

async function lookUp(page: Page, payload: string): Promise<void> {
  await page.getByRole('tab', { name: '扫一扫 Scan' }).click();
  await page.getByRole('textbox', { name: '二维码内容 QR code text' }).fill(payload);
  await page.getByRole('button', { name: '查看订单 Look up order' }).click();
}

/** The payload with its amount (54) changed and the CRC recomputed: a well-formed tampered code. */
function withAmount(payload: string, amount: string): string {
  let body = '';
  for (let at = 0; at < payload.length - 8;) {
    const id = payload.slice(at, at + 2);
    const length = Number(payload.slice(at + 2, at + 4));
    const value = payload.slice(at + 4, at + 4 + length);
    body +=
      id === '54'
        ? `54${String(amount.length).padStart(2, '0')}${amount}`
        : `${id}${payload.slice(at + 2, at + 4)}${value}`;
    at += 4 + length;
  }
  body += '6304';
  let crc = 0xffff;
  for (const byte of new TextEncoder().encode(body)) {
    crc ^= byte << 8;
    for (let bit = 0; bit < 8; bit++)
      crc = crc & 0x8000 ? ((crc << 1) ^ 0x1021) & 0xffff : (crc << 1) & 0xffff;
  }
  return body + crc.toString(16).toUpperCase().padStart(4, '0');
}

describe('the wallet at /wallet against the real host', () => {
  let web: WebHost;
  let browser: Browser;
  let dataDir: string;
  let pos: NodeTerminal;

  beforeAll(async () => {
    web = await startWebHost();
    browser = await launchChromium();
    dataDir = mkdtempSync(join(tmpdir(), 'payterm-wallet-pos-'));
    pos = await openSignedInTerminal(web, dataDir);
  });

  afterAll(async () => {
    await pos?.close();
    await browser?.close();
    await web?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function phone(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${web.url}/wallet`);
    return { context, page, errors };
  }

  it('pays a merchant-presented code pasted in: merchant, amount, PIN, voucher; paying again moves no money', async () => {
    const { context, page, errors } = await phone();
    await signIn(page, 'alice', '111111');
    await page.getByLabel('余额 Balance ¥5,000.00').waitFor();

    const order = await pos.terminal.qrOrder(1234);
    await lookUp(page, order.payload);
    const facts = page.getByRole('definition');
    await page.getByRole('heading', { name: '确认付款 Confirm payment' }).waitFor();
    expect(await facts.allTextContents()).toEqual(
      expect.arrayContaining(['PayTerm Demo Store', '¥12.34', '待支付 Waiting for payment', TID]),
    );
    await screenshot(page, 'wallet-confirm-phone');
    await page.getByLabel('钱包密码 Wallet PIN').fill('111111');
    await page.getByRole('button', { name: '确认付款 Pay ¥12.34' }).click();
    const result = page.getByRole('definition');
    await page.getByRole('heading', { name: '付款成功 Paid' }).waitFor();
    const [merchant, amount, voucher, balance] = await result.allTextContents();
    expect([merchant, amount, balance]).toEqual(['PayTerm Demo Store', '¥12.34', '¥4,987.66']);
    expect(voucher).toMatch(/^\d{12}$/);
    await screenshot(page, 'wallet-paid-phone');

    // The terminal's status poll sees the payment.
    expect((await pos.terminal.qrOrderStatus(order.orderRrn)).status).toBe('paid');

    // The same code again: already paid, nothing charged.
    await page.getByRole('button', { name: '完成 Done' }).click();
    await lookUp(page, order.payload);
    await page.getByText('已支付 Already paid').waitFor();
    expect(await page.getByRole('button', { name: /确认付款 Pay/ }).count()).toBe(0);
    await page.getByRole('button', { name: '取消 Cancel' }).click();
    await page.getByRole('tab', { name: '我的 Account' }).click();
    await page.getByLabel('余额 Balance ¥4,987.66').waitFor();
    const history = page.getByRole('list', { name: '交易记录 History' }).getByRole('listitem');
    expect(await history.count()).toBe(1);
    expect(await history.first().textContent()).toContain(voucher);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('decodes an uploaded picture of the code, and refuses a tampered amount and a wrong PIN', async () => {
    const { context, page, errors } = await phone();
    await signIn(page, 'alice', '111111');
    await page.getByLabel(/^余额 Balance ¥/).waitFor();

    const order = await pos.terminal.qrOrder(500);
    await page.getByRole('tab', { name: '扫一扫 Scan' }).click();
    await page.getByLabel('上传二维码图片 Upload a QR picture').setInputFiles({
      name: 'order.png',
      mimeType: 'image/png',
      buffer: await QRCode.toBuffer(order.payload, { margin: 4, width: 400 }),
    });
    await page.getByRole('heading', { name: '确认付款 Confirm payment' }).waitFor();
    expect(await page.getByRole('definition').allTextContents()).toContain('¥5.00');

    await page.getByLabel('钱包密码 Wallet PIN').fill('999999');
    await page.getByRole('button', { name: '确认付款 Pay ¥5.00' }).click();
    await page.getByRole('alert').filter({ hasText: '还可以再试 2 次' }).waitFor();
    expect(await page.getByRole('alert').textContent()).toContain('Wrong wallet PIN: 2 tries left.');
    await page.getByRole('button', { name: '取消 Cancel' }).click();

    await lookUp(page, withAmount(order.payload, '0.01'));
    await page.getByRole('alert').filter({ hasText: 'tampered' }).waitFor();
    expect((await pos.terminal.qrOrderStatus(order.orderRrn)).status).toBe('waiting');
    await pos.terminal.qrOrderClose(order.orderRrn);
    expect(errors).toEqual([]);
    await context.close();
  });

  it('scans the code with the camera (Chromium fake camera showing the terminal’s code)', async () => {
    const order = await pos.terminal.qrOrder(888);
    const video = join(dataDir, 'order.y4m');
    writeFileSync(video, y4mVideo(qrPixels(order.payload)));
    const cameraBrowser = await launchChromium(video);
    try {
      const context = await cameraBrowser.newContext({
        viewport: { width: 390, height: 844 },
        isMobile: true,
        hasTouch: true,
        permissions: ['camera'],
      });
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${web.url}/wallet`);
      await signIn(page, 'alice', '111111');
      await page.getByLabel(/^余额 Balance ¥/).waitFor();
      await page.getByRole('tab', { name: '扫一扫 Scan' }).click();
      await page.getByRole('button', { name: '打开相机 Open camera' }).click();
      await page.getByRole('heading', { name: '确认付款 Confirm payment' }).waitFor();
      expect(await page.getByRole('definition').allTextContents()).toContain('¥8.88');
      await page.getByLabel('钱包密码 Wallet PIN').fill('111111');
      await page.getByRole('button', { name: '确认付款 Pay ¥8.88' }).click();
      await page.getByRole('heading', { name: '付款成功 Paid' }).waitFor();
      expect((await pos.terminal.qrOrderStatus(order.orderRrn)).status).toBe('paid');
      expect(errors).toEqual([]);
    } finally {
      await cameraBrowser.close();
    }
  });

  it('says when the wallet has too little money', async () => {
    const { context, page, errors } = await phone();
    await signIn(page, 'bob', '222222');
    await page.getByLabel('余额 Balance ¥20.00').waitFor();
    const order = await pos.terminal.qrOrder(5000);
    await lookUp(page, order.payload);
    await page.getByLabel('钱包密码 Wallet PIN').fill('222222');
    await page.getByRole('button', { name: '确认付款 Pay ¥50.00' }).click();
    await page
      .getByRole('alert')
      .filter({ hasText: '钱包余额不足。 Not enough money in the wallet.' })
      .waitFor();
    await pos.terminal.qrOrderClose(order.orderRrn);
    await page.getByRole('button', { name: '取消 Cancel' }).click();

    // The merchant closed it: the wallet shows it closed and offers no payment.
    await lookUp(page, order.payload);
    await page.getByText('已关闭 Closed').waitFor();
    expect(await page.getByRole('button', { name: /确认付款 Pay/ }).count()).toBe(0);
    await page.getByRole('button', { name: '取消 Cancel' }).click();

    // A picture with no code in it.
    await page.getByLabel('上传二维码图片 Upload a QR picture').setInputFiles({
      name: 'blank.png',
      mimeType: 'image/png',
      buffer: await QRCode.toBuffer('x', { margin: 0, width: 100, color: { dark: '#ffffff' } }),
    });
    await page.getByRole('alert').filter({ hasText: 'No QR code was found in the picture' }).waitFor();

    await page.getByRole('tab', { name: '我的 Account' }).click();
    await page.getByLabel('余额 Balance ¥20.00').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('shows a one-time pay code as QR and barcode with a countdown; the terminal charges it once', async () => {
    const { context, page, errors } = await phone();
    await signIn(page, 'bob', '222222');
    await page.getByLabel(/^余额 Balance ¥/).waitFor();
    await page.getByRole('tab', { name: '付款码 Pay code' }).click();
    const digits = page.getByLabel('付款码数字 Pay code digits');
    await digits.waitFor();
    const code = ((await digits.textContent()) ?? '').replace(/\s/g, '');
    expect(code).toMatch(/^62\d{17}$/);
    await page.getByRole('img', { name: '付款二维码 Pay code QR' }).waitFor();
    await page.getByRole('img', { name: '付款条形码 Pay code barcode' }).waitFor();
    expect(await page.getByRole('timer', { name: '有效期 Time left' }).textContent()).toMatch(
      /(\d+) 秒后失效 valid for \1 s/,
    );
    await screenshot(page, 'wallet-pay-code-phone');

    // A refresh cancels the shown code: the old one is refused, the new one pays.
    await page.getByRole('button', { name: '刷新付款码 Refresh code' }).click();
    await expect.poll(async () => ((await digits.textContent()) ?? '').replace(/\s/g, '')).not.toBe(code);
    const fresh = ((await digits.textContent()) ?? '').replace(/\s/g, '');
    expect((await pos.terminal.qrCustomerSale(300, code)).approved).toBe(false);
    const sale = await pos.terminal.qrCustomerSale(300, fresh);
    expect(sale.approved).toBe(true);
    await page
      .getByRole('status')
      .filter({ hasText: '已向 PayTerm Demo Store 付款 ¥3.00' })
      .waitFor({ timeout: 10_000 });
    expect(await page.getByRole('timer').textContent()).toContain('此码已使用 This code has been used');
    expect((await pos.terminal.qrCustomerSale(300, fresh)).approved).toBe(false);
    await page.getByRole('tab', { name: '我的 Account' }).click();
    await page.getByLabel('余额 Balance ¥17.00').waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  it('is linked from the start page and keeps the session over a reload until sign-out', async () => {
    const { context, page, errors } = await phone();
    await page.goto(`${web.url}/`);
    await page.getByRole('link', { name: '钱包 Wallet' }).click();
    await page.waitForURL(`${web.url}/wallet`);
    await signIn(page, 'alice', '111111');
    await page.getByLabel(/^余额 Balance ¥/).waitFor();
    await page.reload();
    await page.getByLabel(/^余额 Balance ¥/).waitFor();
    await page.getByRole('button', { name: '退出 Sign out' }).click();
    await page.getByRole('button', { name: '登录 Sign in' }).waitFor();
    expect(errors).toEqual([]);
    await context.close();
  });

  // Last: it locks bob for the rest of the day.
  it('locks the wallet for the day at the third wrong PIN', async () => {
    const { context, page, errors } = await phone();
    await signIn(page, 'bob', '000000');
    await page.getByRole('alert').filter({ hasText: '还可以再试 2 次' }).waitFor();
    await signIn(page, 'bob', '000001');
    await page.getByRole('alert').filter({ hasText: 'Wrong wallet PIN: 1 try left.' }).waitFor();
    await signIn(page, 'bob', '000002');
    await page.getByRole('alert').filter({ hasText: 'the wallet is locked for today' }).waitFor();
    await signIn(page, 'bob', '222222');
    await page.getByRole('alert').filter({ hasText: 'the wallet is locked for today' }).waitFor();
    expect(await page.getByRole('tab').count()).toBe(0);
    await screenshot(page, 'wallet-locked-phone');
    expect(errors).toEqual([]);
    await context.close();
  });
});
