import { chromium, type Browser, type Page } from 'playwright-core';
import { POWER_KEY_NAME, READINESS_PROBE, markExpression, type ReadySignal } from './readiness-probe.js';

/**
 * Cold page loads in Debian's Chromium (playwright-core): every load gets a new browser context, so
 * an empty HTTP cache and an empty IndexedDB, like a device opened for the first time.
 */

const READY_TIMEOUT_MS = 30_000;
/** How long the first load waits for the power key before settling for a weaker signal. */
const POWER_KEY_WAIT_MS = 10_000;
const VIEWPORT = { width: 1280, height: 900 };

export interface LoadTiming {
  /** performance.now() in the page when the signal first held: ms since navigation start. */
  readonly readyMs: number;
  /** Navigation timing of the same load (0 when the event had not happened at ready). */
  readonly responseEndMs: number;
  readonly domContentLoadedMs: number;
  /** Uncaught errors of the page. */
  readonly pageErrors: readonly string[];
}

export function chromiumPath(): string {
  return process.env['PAYTERM_CHROMIUM'] ?? '/usr/bin/chromium';
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

interface NavigationFigures {
  readonly responseEndMs: number;
  readonly domContentLoadedMs: number;
}

const NAVIGATION_FIGURES = `(() => {
  const entry = performance.getEntriesByType('navigation')[0];
  return { responseEndMs: entry ? entry.responseEnd : 0, domContentLoadedMs: entry ? entry.domContentLoadedEventEnd : 0 };
})()`;

async function withFreshPage<T>(
  browser: Browser,
  url: string,
  work: (page: Page, pageErrors: string[]) => Promise<T>,
): Promise<T> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript({ content: READINESS_PROBE });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(url, { waitUntil: 'commit' });
    return await work(page, pageErrors);
  } finally {
    await context.close();
  }
}

async function waitForMark(page: Page, signal: ReadySignal, timeoutMs: number) {
  await page.waitForFunction(`${markExpression(signal)} !== undefined`, undefined, { timeout: timeoutMs });
  return (await page.evaluate(markExpression(signal))) as number;
}

/** Checks with Playwright's own role query that the probe's power key is the accessible one. */
async function confirmPowerKey(page: Page): Promise<boolean> {
  const key = page.getByRole('button', { name: POWER_KEY_NAME });
  return (await key.count()) > 0 && (await key.first().isVisible()) && (await key.first().isEnabled());
}

/**
 * Loads `url` once and picks the strongest signal the page offers: the power key, else a
 * `[data-screen-id]` screen, else anything under `#root`. Also warms the host and the browser up.
 */
export function detectSignal(browser: Browser, url: string): Promise<ReadySignal> {
  return withFreshPage(browser, url, async (page) => {
    await waitForMark(page, 'root-child', READY_TIMEOUT_MS);
    try {
      await waitForMark(page, 'power-key', POWER_KEY_WAIT_MS);
    } catch {
      if ((await page.getByRole('button', { name: POWER_KEY_NAME }).count()) > 0) {
        throw new Error(`Playwright finds the "${POWER_KEY_NAME}" button but the readiness probe does not`);
      }
      return ((await page.evaluate(markExpression('screen'))) as number | undefined) === undefined
        ? 'root-child'
        : 'screen';
    }
    if (!(await confirmPowerKey(page))) {
      throw new Error(`the readiness probe saw a power key that Playwright's role query does not`);
    }
    return 'power-key';
  });
}

/** One cold load of `url`, timed from navigation start until `signal` holds. */
export function timeLoad(browser: Browser, url: string, signal: ReadySignal): Promise<LoadTiming> {
  return withFreshPage(browser, url, async (page, pageErrors) => {
    const readyMs = await waitForMark(page, signal, READY_TIMEOUT_MS);
    if (signal === 'power-key' && !(await confirmPowerKey(page))) {
      throw new Error(`the power key of ${url} is not a visible, enabled "${POWER_KEY_NAME}" button`);
    }
    const navigation = (await page.evaluate(NAVIGATION_FIGURES)) as NavigationFigures;
    return { readyMs, ...navigation, pageErrors: [...pageErrors] };
  });
}
