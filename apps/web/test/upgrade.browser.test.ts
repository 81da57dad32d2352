import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, newContext, screenshot, startWebHost, type WebHost } from './support/browser.js';
import { DeviceDriver } from './support/flows-driver.js';
import { TmsApi } from './support/tms-api.js';
import { currentApplication, demoSignedPackage, THROWING_MODULE } from './support/upgrade-packages.js';

const UNIONPAY_DEBIT = '620000******0011 UnionPay';
const ADMIN_PASSWORD = '24681357';

/** Records in the page every text the display shows, in order (the boot screen comes and goes fast). */
async function recordDisplay(page: Page): Promise<void> {
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { seen: string[] }).seen = seen;
    const record = () => {
      const text = document.querySelector('[data-screen-id]')?.textContent ?? '';
      if (seen.at(-1) !== text) seen.push(text);
    };
    new MutationObserver(record).observe(document.body, {
      subtree: true,
      childList: true,
      characterData: true,
    });
  });
}

function displayTexts(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { seen: string[] }).seen);
}

/** Byte counts the download screen showed (`120 / 308000 bytes`), in order, leaving out the empty start. */
function downloadedBytes(texts: readonly string[]): { received: number; total: number }[] {
  return texts
    .filter((text) => text.includes('Downloading 0.2.0'))
    .map((text) => /(\d+) \/ (\d+) bytes/.exec(text))
    .filter((match): match is RegExpExecArray => match !== null)
    .map((match) => ({ received: Number(match[1]), total: Number(match[2]) }))
    .filter((bytes) => bytes.total > 0);
}

async function progressValue(device: DeviceDriver): Promise<number> {
  return Number(
    await device.display.getByRole('progressbar', { name: '进度 Progress' }).getAttribute('aria-valuenow'),
  );
}

/** Menu 9 → 9 (upgrade & parameters) from the main menu. */
async function openUpgradeMenu(device: DeviceDriver): Promise<void> {
  await device.press('9');
  await device.waitFor('menu.management');
  await device.press('9');
  await device.waitFor('menu.software');
}

// Issue 8 in real Chromium against `payterm start`: a re-packaged current build rolled out over the API,
// downloaded (and resumed after a reload), installed, restarted in the page, self-tested and confirmed;
// a package whose module throws on load rolled back.
describe('the web terminal upgrades its application from the TMS', () => {
  let web: WebHost;
  let browser: Browser;
  let api: TmsApi;

  beforeAll(async () => {
    web = await startWebHost();
    browser = await launchChromium();
    const token = web.host.banner.apiToken;
    if (token === undefined) throw new Error('the first start prints the API token');
    api = new TmsApi(web.url, token);
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await web?.stop();
  });

  describe('a new version, published and rolled out to 10000001', () => {
    let context: BrowserContext;
    let device: DeviceDriver;
    let rolloutId = 0;

    beforeAll(async () => {
      context = await newContext(browser, 'desktop');
      device = new DeviceDriver(await context.newPage());
      await device.open(web.url);
      await device.login('99', '12345678', ADMIN_PASSWORD);
      const packageId = await api.publish(await demoSignedPackage('0.2.0', await currentApplication()));
      rolloutId = await api.rollOut(packageId, ['10000001']);
    }, 90_000);

    afterAll(() => context?.close());

    it('downloads with a moving progress bar, and a reload in the middle resumes at the offset', async () => {
      await openUpgradeMenu(device);
      await device.press('2');
      await device.waitFor('upgrade.offer');
      await expect(device.display.textContent()).resolves.toContain('Offered 0.2.0');
      await device.press('enter');
      await device.waitFor('upgrade.download');
      await device.page.waitForFunction(
        () => Number(document.querySelector('[role="progressbar"]')?.getAttribute('aria-valuenow')) >= 15,
        undefined,
        { timeout: 30_000, polling: 50 },
      );
      const beforeReload = await progressValue(device);
      expect(beforeReload).toBeGreaterThanOrEqual(15);
      expect(beforeReload).toBeLessThan(100);
      await screenshot(device.page, 'upgrade-download-progress');

      // The page reloads (a power loss): the device boots again and keeps the chunks it stored.
      await device.page.reload();
      await device.waitFor('login.operator', 30_000);
      await device.login('99', ADMIN_PASSWORD);
      await openUpgradeMenu(device);
      await device.press('1');
      await device.waitFor('upgrade.version');
      const facts = device.display.getByRole('list', { name: '版本信息 Version details' });
      await expect(facts.textContent()).resolves.toContain('Download 0.2.0');
      const stored = await progressValue(device);
      expect(stored).toBeGreaterThanOrEqual(beforeReload);
      expect(stored).toBeLessThan(100);

      await device.press('enter');
      await device.waitFor('menu.software');
      await recordDisplay(device.page);
      await device.press('2');
      await device.waitFor('upgrade.offer');
      await device.press('enter');
      await device.waitFor('upgrade.install', 60_000);
      const shown = downloadedBytes(await displayTexts(device.page));
      // The bar moves: many counts, each at least the one before.
      expect(shown.length).toBeGreaterThan(3);
      expect(shown.every((bytes, index) => index === 0 || bytes.received >= shown[index - 1]!.received)).toBe(
        true,
      );
      // Resumed where it stopped: the first count shown is at least the stored share of the package.
      const first = shown[0]!;
      expect((first.received / first.total) * 100).toBeGreaterThanOrEqual(stored - 1);
      expect(shown.at(-1)).toMatchObject({ received: first.total });
      await expect(device.display.textContent()).resolves.toContain('New version 0.2.0');
    }, 120_000);

    it('installs, restarts in the page, self-tests the new version and confirms it', async () => {
      await recordDisplay(device.page);
      await device.press('enter');
      await device.waitFor('upgrade.installed');
      await device.press('enter');
      // A power cycle in the page, not a reload: the recorder stays and sees the boot screen.
      await device.waitFor('login.operator', 60_000);
      const boot = (await displayTexts(device.page)).join('\n');
      expect(boot).toContain('Software version：0.2.0 (slot A, trial)');
      expect(boot).toMatch(
        /Upgrade self-test：0\.2\.0 confirmed \(Journal readable ✓ · Keys present ✓ · Echo test ✓ · Sign-in ✓\)/,
      );

      await device.login('99', ADMIN_PASSWORD);
      await openUpgradeMenu(device);
      await device.press('1');
      await device.waitFor('upgrade.version');
      const facts = device.display.getByRole('list', { name: '版本信息 Version details' });
      await expect(facts.getByRole('listitem').first().textContent()).resolves.toBe('Running 0.2.0 (slot A)');
      await screenshot(device.page, 'upgrade-version-0.2.0');

      await expect
        .poll(() => api.terminalInRollout(rolloutId, '10000001'), { timeout: 10_000 })
        .toMatchObject({
          state: 'installed',
        });
      const fleet = await api.fleetEntry('10000001');
      expect(fleet?.runningVersion).toBe('0.2.0');
      expect(fleet?.rollouts.find((rollout) => rollout.rolloutId === rolloutId)?.state).toBe('installed');
    }, 120_000);

    it('still sells with a card on the new version', async () => {
      await device.press('enter');
      await device.waitFor('menu.software');
      await device.press('cancel');
      await device.waitFor('menu.management');
      await device.press('8');
      await device.login('01', '0000', '2580');
      await device.press('9', '1');
      await device.waitFor('sign-in.result');
      await device.press('enter', 'cancel');
      await device.waitFor('menu.main');
      await device.press('1', '4321', 'enter');
      await device.waitFor('customer.card');
      await device.presentCard(UNIONPAY_DEBIT, '插卡 Insert');
      await device.enterPin('123456');
      await device.waitFor('result', 30_000);
      await expect(device.display.textContent()).resolves.toContain('Approved');
      await expect(device.printer.textContent()).resolves.toContain('43.21');
    }, 60_000);
  });

  it('rolls back a package whose module throws on load: the previous version runs and says why', async () => {
    const context = await newContext(browser, 'phone');
    try {
      const device = new DeviceDriver(await context.newPage());
      await device.open(web.url, '10000002');
      await device.login('99', '12345678', ADMIN_PASSWORD);
      const packageId = await api.publish(await demoSignedPackage('0.3.0', THROWING_MODULE));
      const rolloutId = await api.rollOut(packageId, ['10000002']);

      await openUpgradeMenu(device);
      await device.press('2');
      await device.waitFor('upgrade.offer');
      await device.press('enter');
      await device.waitFor('upgrade.install', 30_000);
      await device.press('enter');
      await device.waitFor('upgrade.installed');
      await device.press('enter');

      await device.waitFor('boot.notice', 60_000);
      const notice = device.display.getByRole('alert');
      await expect(notice.textContent()).resolves.toContain(
        'Version 0.3.0 was rolled back: Version 0.3.0 did not start: this application refuses to load. Running 0.1.0',
      );
      await expect(device.display.textContent()).resolves.toContain('Software version：0.1.0 (factory)');
      await screenshot(device.page, 'upgrade-rolled-back-phone');
      await expect
        .poll(() => api.terminalInRollout(rolloutId, '10000002'), { timeout: 10_000 })
        .toMatchObject({
          state: 'rolled-back',
          reasonCode: 'UPGRADE_SELF_TEST_FAILED',
          reasonText: 'Version 0.3.0 did not start: this application refuses to load',
        });

      await device.press('enter');
      await device.login('99', ADMIN_PASSWORD);
      await openUpgradeMenu(device);
      await device.press('1');
      await device.waitFor('upgrade.version');
      const facts =
        (await device.display.getByRole('list', { name: '版本信息 Version details' }).textContent()) ?? '';
      expect(facts).toContain('Running 0.1.0 (factory)');
      expect(facts).toContain('Last upgrade 0.3.0: rolled back');
    } finally {
      await context.close();
    }
  }, 120_000);
});
