import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startWebHost, type WebHost } from './support/browser.js';

describe('the host serves the web pages to a real browser', () => {
  let web: WebHost;
  let browser: Browser;

  beforeAll(async () => {
    web = await startWebHost();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  it('opens the start page and the device page', async () => {
    const context = await newContext(browser);
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.goto(`${web.url}/`);
    await expect(page.title()).resolves.toContain('PayTerm');
    await page.goto(`${web.url}/terminal?tid=10000001`);
    await expect(page.title()).resolves.toContain('PayTerm');
    await screenshot(page, 'smoke-device');
    expect(errors).toEqual([]);
    await context.close();
  });
});
