import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startWebHost, type WebHost } from './support/browser.js';
import { DeviceDriver } from './support/flows-driver.js';

// The start page's "how to try it" is the only guide a new user gets: done here as written — from the
// start page's link, as the supervisor, with its card and amount, the voucher number read off the slip.
describe("the start page's how-to works as written", () => {
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

  it('sale, void and a balanced settlement', async () => {
    const context = await newContext(browser, 'phone');
    try {
      const page = await context.newPage();
      await page.goto(`${web.url}/`);
      const steps = await page
        .getByRole('region', { name: '试一试 How to try it' })
        .getByRole('listitem')
        .allTextContents();
      expect(steps.join('\n')).toMatch(/operator 00, Enter; password 123456/);
      await page.getByRole('link', { name: '打开终端 Open terminal 10000001' }).click();
      await page.waitForURL(/\/terminal\?tid=10000001$/);

      // 1. Hold the power key for 3 s.
      const device = new DeviceDriver(page);
      const power = page.getByRole('button', { name: '电源 Power' });
      await power.hover();
      await page.mouse.down();
      await page.waitForTimeout(3_200);
      await page.mouse.up();
      // 2. Supervisor 00 / 123456, a new 6-digit password twice.
      await device.login('00', '123456', '246810');
      // 3. 9 → 1 sign-in; Enter, Cancel back to the main menu.
      await device.press('9', '1');
      await device.waitFor('sign-in.result');
      await device.press('enter', 'cancel');
      await device.waitFor('menu.main');
      // 4. 1 sale, 1234 (12.34), the card of the steps inserted, PIN on the PIN pad.
      expect(steps[3]).toContain('620000******0011 UnionPay');
      await device.press('1', '1234', 'enter');
      await device.waitFor('customer.card');
      await device.presentCard('620000******0011 UnionPay', '插卡 Insert');
      await device.enterPin('123456');
      await device.waitFor('result');
      await expect(device.display.textContent()).resolves.toContain('12.34');
      await device.press('enter');
      await device.waitFor('menu.main');
      // 5. 2 void: supervisor password, the voucher number of the slip, confirm, the same card and PIN.
      await device.press('2', '246810', 'enter');
      await device.waitFor('void.voucher');
      const slip = await device.printer.innerText();
      const voucher = /凭证号\(VOUCHER NO\.\):\s*(\d+)/.exec(slip)?.[1];
      expect(voucher).toMatch(/^\d{6}$/);
      await device.press(String(Number(voucher)), 'enter');
      await device.waitFor('void.confirm');
      await device.press('enter');
      await device.waitFor('customer.card');
      await device.presentCard('620000******0011 UnionPay', '插卡 Insert');
      await device.enterPin('123456');
      await device.waitFor('result');
      await expect(device.display.textContent()).resolves.toContain('Approved');
      await device.press('enter');
      await device.waitFor('menu.main');
      // 6. 9 → 3 settlement, Enter: balanced.
      await device.press('9', '3');
      await device.waitFor('settle.confirm');
      await device.press('enter');
      await device.waitFor('settle.result', 30_000);
      await expect(device.printer.textContent()).resolves.toContain('BALANCED');
      await screenshot(page, 'landing-howto-settled-phone');
    } finally {
      await context.close();
    }
  }, 120_000);
});
