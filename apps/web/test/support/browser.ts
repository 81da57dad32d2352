import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { HostProcess } from '../../../../packages/host/test/support/host-process.js';

/** Where screenshots of browser tests go (kept as CI artifacts; ignored by git). */
export const ARTIFACTS_DIR = fileURLToPath(new URL('../../../../test-artifacts/web', import.meta.url));

/** Debian's chromium (`.ci/run` installs it), or PAYTERM_CHROMIUM. */
export function chromiumPath(): string {
  const path = process.env['PAYTERM_CHROMIUM'] ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Browser tests need Chromium at ${path}: apt-get install chromium (what .ci/run does), or set PAYTERM_CHROMIUM`,
    );
  }
  return path;
}

/**
 * Headless Chromium. With `fakeCameraVideo` (a Y4M file) its camera plays that video and pages get the
 * camera without asking. Chromium opens the file each time a camera starts, so a test may write
 * another picture into it between two scans (same frame size).
 */
export function launchChromium(fakeCameraVideo?: string): Promise<Browser> {
  const camera =
    fakeCameraVideo === undefined
      ? []
      : [
          '--use-fake-device-for-media-stream',
          '--use-fake-ui-for-media-stream',
          `--use-file-for-fake-video-capture=${fakeCameraVideo}`,
        ];
  return chromium.launch({
    executablePath: chromiumPath(),
    headless: true,
    args: ['--no-sandbox', '--disable-dev-shm-usage', ...camera],
  });
}

export interface WebHost {
  readonly host: HostProcess;
  /** `http://127.0.0.1:PORT` */
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * `payterm start` as a new user runs it (a fresh data directory, free ports), serving the built web
 * app (`npm run build` made apps/web/dist).
 */
export async function startWebHost(): Promise<WebHost> {
  const dist = fileURLToPath(new URL('../../dist/index.html', import.meta.url));
  if (!existsSync(dist)) throw new Error('apps/web/dist is missing: run npm run build first');
  const dataDir = mkdtempSync(join(tmpdir(), 'payterm-web-host-'));
  const host = await HostProcess.start({ dataDir, command: 'start' });
  return {
    host,
    url: host.banner.httpUrl,
    async stop() {
      await host.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A fresh browser profile (its own IndexedDB) with a phone or desktop viewport. */
export function newContext(
  browser: Browser,
  viewport: 'phone' | 'desktop' = 'desktop',
): Promise<BrowserContext> {
  return browser.newContext(
    viewport === 'phone'
      ? { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true }
      : { viewport: { width: 1280, height: 900 } },
  );
}

/** Saves a full-page screenshot as a test artifact. */
export async function screenshot(page: Page, name: string): Promise<string> {
  mkdirSync(ARTIFACTS_DIR, { recursive: true });
  const path = join(ARTIFACTS_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}
