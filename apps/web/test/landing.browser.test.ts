import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startWebHost, type WebHost } from './support/browser.js';

const DEMO_TIDS = ['10000001', '10000002'];

/**
 * Collects uncaught page errors and console errors, so a test can require none. The browser's own
 * favicon request is left out: the device page (not this page's concern) may not declare an icon.
 */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) {
      errors.push(`${message.text()} (${message.location().url})`);
    }
  });
  return errors;
}

describe('the start page at /', () => {
  let web: WebHost;
  let browser: Browser;
  let hostVersion: string;

  beforeAll(async () => {
    web = await startWebHost();
    browser = await launchChromium();
    const health = (await (await fetch(`${web.url}/api/health`)).json()) as { version: string };
    hostVersion = health.version;
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  for (const viewport of ['phone', 'desktop'] as const) {
    it(`lists both demo terminals and shows the host ok (${viewport})`, async () => {
      const context = await newContext(browser, viewport);
      const page = await context.newPage();
      const errors = watchErrors(page);
      await page.goto(`${web.url}/`);

      await page.getByRole('heading', { level: 1, name: 'PayTerm' }).waitFor();
      const terminals = page.getByRole('list', { name: '演示终端 Demo terminals' }).getByRole('listitem');
      await terminals.nth(DEMO_TIDS.length - 1).waitFor();
      expect(await terminals.count()).toBe(DEMO_TIDS.length);
      for (const [index, tid] of DEMO_TIDS.entries()) {
        const item = terminals.nth(index);
        expect(await item.getByRole('heading', { level: 3 }).textContent()).toContain(tid);
        // A fresh host: no terminal has signed in yet.
        expect(await item.textContent()).toContain('未签到 Not signed in');
        const link = item.getByRole('link', { name: `打开终端 Open terminal ${tid}` });
        expect(await link.getAttribute('href')).toBe(`/terminal?tid=${tid}`);
      }

      const status = page.getByRole('status');
      await status.filter({ hasText: '正常 OK' }).waitFor();
      const facts = page.getByRole('region', { name: '主机状态 Host status' });
      expect(await facts.textContent()).toContain(hostVersion);
      expect(await facts.textContent()).toMatch(/数据库 Database\s*正常 up/);

      // How to try it: the published operators, a card and the reversal trigger are on the page.
      const tryIt = page.getByRole('region', { name: '试一试 How to try it' });
      const operators = tryIt.getByRole('table', { name: '演示操作员 Demo operators' });
      expect(await operators.textContent()).toContain('123456');
      expect(await tryIt.getByRole('table', { name: '测试卡 Test cards' }).textContent()).toContain(
        '6200001000000011',
      );
      expect(await tryIt.getByRole('table', { name: '金额触发 Amount triggers' }).textContent()).toContain(
        '9198',
      );

      // The API docs and the wallet are links; the portal is not yet (no dead links).
      const more = page.getByRole('navigation', { name: '更多 More' });
      expect(await more.getByRole('link', { name: 'API 文档 API docs' }).getAttribute('href')).toBe(
        '/api/docs',
      );
      expect(await more.getByRole('link', { name: '钱包 Wallet' }).getAttribute('href')).toBe('/wallet');
      expect(await more.getByRole('link').count()).toBe(2);
      expect(await more.textContent()).toContain('商户门户 Merchant portal');
      expect(await more.getByText('即将推出 coming soon').count()).toBe(1);

      await screenshot(page, `landing-${viewport}`);
      expect(errors).toEqual([]);
      await context.close();
    });
  }

  it('opens the device page from the terminal link', async () => {
    const context = await newContext(browser, 'phone');
    const page = await context.newPage();
    const errors = watchErrors(page);
    await page.goto(`${web.url}/`);
    await page.getByRole('link', { name: '打开终端 Open terminal 10000001' }).click();
    await page.waitForURL(`${web.url}/terminal?tid=10000001`);
    await page.locator('#root > *').first().waitFor();
    expect(await page.title()).toContain('PayTerm POS');
    expect(errors).toEqual([]);
    await context.close();
  });

  it('says unreachable once the host has stopped', async () => {
    const context = await newContext(browser, 'desktop');
    const page = await context.newPage();
    await page.goto(`${web.url}/`);
    await page.getByRole('status').filter({ hasText: '正常 OK' }).waitFor();
    await web.host.stop();
    // The next poll (at most 5 s later) finds nothing listening.
    await page.getByRole('status').filter({ hasText: '无法连接 Unreachable' }).waitFor({ timeout: 20_000 });
    expect(await page.getByRole('region', { name: '主机状态 Host status' }).textContent()).toContain('—');
    await context.close();
  });
});
