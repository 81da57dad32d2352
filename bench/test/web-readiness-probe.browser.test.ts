import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchChromium } from '../src/suites/web/load-timing.js';
import { READINESS_PROBE, markExpression, type ReadySignal } from '../src/suites/web/readiness-probe.js';

// The probe in real Chromium: which signals hold, and that a disabled or hidden key does not count.
// Only the order of events is asserted, never a duration.

const ORIGIN = 'http://probe.test';

async function openWith(browser: Browser, body: string): Promise<Page> {
  const context = await browser.newContext();
  await context.addInitScript({ content: READINESS_PROBE });
  await context.route(`${ORIGIN}/**`, (route) =>
    route.fulfill({
      contentType: 'text/html; charset=utf-8',
      body: `<!doctype html><html><body>${body}</body></html>`,
    }),
  );
  const page = await context.newPage();
  await page.goto(`${ORIGIN}/`);
  return page;
}

const mark = (page: Page, signal: ReadySignal) =>
  page.evaluate(markExpression(signal)) as Promise<number | undefined>;

describe('readiness probe', () => {
  let browser: Browser;
  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  test('marks the power key only once it is enabled, after the screen and the first element', async () => {
    const page = await openWith(
      browser,
      `<div id="root"></div>
      <script>
        setTimeout(() => {
          document.getElementById('root').innerHTML =
            '<div data-screen-id="off">off</div><button aria-label="电源 Power" disabled>⏻</button>';
        }, 30);
        setTimeout(() => {
          window.enabledAt = performance.now();
          document.querySelector('button').disabled = false;
        }, 150);
      </script>`,
    );
    await page.waitForFunction(`${markExpression('power-key')} !== undefined`);
    const enabledAt = (await page.evaluate('window.enabledAt')) as number;
    const [root, screen, power] = [
      await mark(page, 'root-child'),
      await mark(page, 'screen'),
      await mark(page, 'power-key'),
    ];
    expect(root).toBeGreaterThan(0);
    expect(screen).toBeGreaterThanOrEqual(root as number);
    expect(power).toBeGreaterThanOrEqual(enabledAt);
    await page.context().close();
  });

  test('names from aria-labelledby count; hidden keys and other buttons do not', async () => {
    const page = await openWith(
      browser,
      `<div id="root"><p>device</p>
        <button style="display:none" aria-label="电源 Power">hidden</button>
        <button aria-label="确认 Enter">ok</button>
        <span id="power-label">电源 Power</span>
      </div>
      <script>
        setTimeout(() => {
          document.getElementById('root').insertAdjacentHTML('beforeend', '<div role="button" aria-labelledby="power-label">⏻</div>');
          window.shownAt = performance.now();
        }, 100);
      </script>`,
    );
    await page.waitForFunction(`${markExpression('power-key')} !== undefined`);
    expect(await mark(page, 'power-key')).toBeGreaterThanOrEqual(
      (await page.evaluate('window.shownAt')) as number,
    );
    expect(await mark(page, 'root-child')).toBeDefined();
    expect(await mark(page, 'screen')).toBeUndefined();
    await page.context().close();
  });
});
