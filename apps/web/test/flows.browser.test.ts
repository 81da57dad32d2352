import type { Browser, BrowserContext } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startWebHost, type WebHost } from './support/browser.js';
import { DeviceDriver } from './support/flows-driver.js';

const UNIONPAY_DEBIT = '620000******0011 UnionPay';

// The browser scenarios, in real Chromium against `payterm start` serving the build.
describe('the web terminal in a real browser', () => {
  let web: WebHost;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebHost();
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  describe('a day at the till', () => {
    let context: BrowserContext;
    let device: DeviceDriver;

    beforeAll(async () => {
      context = await newContext(browser, 'desktop');
      device = new DeviceDriver(await context.newPage());
      await device.open(web.url);
    }, 60_000);

    afterAll(() => context?.close());

    it('logs in (changing the default password) and signs in', async () => {
      await device.login('01', '0000', '2580');
      await device.press('9', '1');
      await device.waitFor('sign-in.result');
      await expect(device.display.textContent()).resolves.toContain('Signed in');
      await device.press('enter', 'cancel');
      await device.waitFor('menu.main');
      await expect(device.page.locator('.status-line').textContent()).resolves.toMatch(/batch \d{6}/i);
    });

    let voucher = '';

    it('sells with a PIN: the approved slip shows the masked PAN only', async () => {
      await device.press('1', '12345', 'enter');
      await device.waitFor('customer.card');
      await device.presentCard(UNIONPAY_DEBIT, '插卡 Insert');
      await device.enterPin('123456');
      await device.waitFor('result');
      await expect(device.display.textContent()).resolves.toContain('Approved');
      const slips = (await device.printer.textContent()) ?? '';
      expect(slips).toContain('620000******0011');
      expect(slips).not.toContain('6200001000000011');
      expect(slips).toContain('123.45');
      voucher = /VOUCHER NO\.\)?:\s*(\d{6})/.exec(slips)?.[1] ?? '';
      expect(voucher).toMatch(/^\d{6}$/);
      await screenshot(device.page, 'flow-sale-approved');
      await device.press('enter');
      await device.waitFor('menu.main');
    });

    it('voids it as the supervisor and finds both in the query', async () => {
      await device.press('9', '8');
      await device.login('00', '123456', '246810');
      await device.press('2');
      await device.waitFor('void.supervisor');
      await device.press('246810', 'enter');
      await device.waitFor('void.voucher');
      await device.press(voucher, 'enter');
      await device.waitFor('void.confirm');
      await expect(device.display.textContent()).resolves.toContain('123.45');
      await device.press('enter');
      await device.waitFor('customer.card');
      await device.presentCard(UNIONPAY_DEBIT, '刷卡 Swipe');
      await device.enterPin('123456');
      await device.waitFor('result');
      await expect(device.display.textContent()).resolves.toContain('Approved');
      await device.press('enter');
      await device.press('7', '1');
      await device.waitFor('query.today');
      const list = (await device.display.textContent()) ?? '';
      expect(list).toMatch(/Void 123\.45/);
      expect(list).toMatch(/Sale 123\.45/);
      await device.press('cancel', 'cancel');
      await device.waitFor('menu.main');
    });

    it('settles: the settlement slip says balanced', async () => {
      await device.press('9', '3');
      await device.waitFor('settle.confirm');
      await device.press('enter');
      await device.waitFor('settle.result', 30_000);
      await expect(device.display.textContent()).resolves.toContain('Balanced');
      await expect(device.printer.textContent()).resolves.toContain('BALANCED');
      await screenshot(device.page, 'flow-settlement-balanced');
    });
  });

  it('shows a sale the host never answers (9198) as reversal pending, then reversed', async () => {
    const context = await newContext(browser, 'phone');
    try {
      const device = new DeviceDriver(await context.newPage());
      await device.open(web.url, '10000002');
      await device.login('01', '0000', '1357');
      await device.press('9', '1');
      await device.waitFor('sign-in.result');
      await device.press('enter', 'cancel');
      // Everything the status line and the display say from now on, in order.
      await device.page.evaluate(() => {
        const seen: string[] = [];
        (window as unknown as { seen: string[] }).seen = seen;
        const record = () => {
          const text = `${document.querySelector('.status-line')?.textContent ?? ''} | ${document.querySelector('[data-screen-id]')?.textContent ?? ''}`;
          if (seen.at(-1) !== text) seen.push(text);
        };
        new MutationObserver(record).observe(document.body, {
          subtree: true,
          childList: true,
          characterData: true,
        });
      });
      await device.press('1', '19198', 'enter');
      await device.waitFor('customer.card');
      await device.presentCard(UNIONPAY_DEBIT, '插卡 Insert');
      await device.enterPin('123456');
      // The host records the sale and stays silent: after the 30 s response timeout the terminal says
      // the outcome is unknown and reverses it.
      await expect
        .poll(async () => (await device.page.locator('.status-line').textContent()) ?? '', {
          timeout: 45_000,
        })
        .toMatch(/revers/i);
      await device.waitFor('result', 45_000);
      const shown = `${(await device.display.textContent()) ?? ''} ${(await device.page.locator('.status-line').textContent()) ?? ''}`;
      expect(shown).toMatch(/reversed/i);
      const seen = await device.page.evaluate(() => (window as unknown as { seen: string[] }).seen);
      const pendingAt = seen.findIndex((text) => /reversal pending/i.test(text.split(' | ')[0] ?? ''));
      const reversedAt = seen.findLastIndex((text) => /reversed/i.test(text.split(' | ')[0] ?? ''));
      expect(pendingAt).toBeGreaterThanOrEqual(0);
      expect(reversedAt).toBeGreaterThan(pendingAt);
      await screenshot(device.page, 'flow-9198-reversed-phone');

      // Reload in the middle of the next such sale: the device boots again, finds the sale in its
      // IndexedDB journal and reverses it before the login screen, like a terminal after power loss.
      await device.press('enter');
      await device.waitFor('menu.main');
      await device.press('1', '29198', 'enter');
      await device.waitFor('customer.card');
      await device.presentCard(UNIONPAY_DEBIT, '插卡 Insert');
      await device.enterPin('123456');
      await expect
        .poll(async () => (await device.display.textContent()) ?? '', { timeout: 10_000 })
        .toMatch(/wait|处理/i);
      await device.page.waitForTimeout(1_000);
      await device.page.reload();
      await expect
        .poll(async () => (await device.display.textContent()) ?? '', { timeout: 30_000 })
        .toMatch(/已冲正|reversed/i);
      await screenshot(device.page, 'flow-reload-reversed-phone');
    } finally {
      await context.close();
    }
  }, 90_000);

  it('locks the cashier after three wrong passwords', async () => {
    const context = await newContext(browser, 'desktop');
    try {
      const device = new DeviceDriver(await context.newPage());
      await device.open(web.url, '10000002');
      for (let attempt = 1; attempt <= 3; attempt += 1) {
        await device.waitFor('login.operator');
        await device.type('01', 'Enter');
        await device.waitFor('login.password');
        await device.type('9999', 'Enter');
      }
      await expect
        .poll(async () => (await device.display.textContent()) ?? '', { timeout: 10_000 })
        .toMatch(/locked until/i);
      await screenshot(device.page, 'flow-cashier-locked');
    } finally {
      await context.close();
    }
  }, 60_000);
});
