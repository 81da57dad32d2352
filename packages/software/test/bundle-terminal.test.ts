import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPackage, DEMO_SOFTWARE_PUBLIC_KEY, signWithDemoKey, verifyPackage } from '@payterm/software';
import { applicationAbiOf, bundleTerminalApp, type ApplicationBundle } from '@payterm/software/node';
import { CLOCK } from './support/packages.js';

let bundle: ApplicationBundle;
let scratch: string;

beforeAll(async () => {
  bundle = await bundleTerminalApp();
  scratch = await mkdtemp(join(tmpdir(), 'payterm-bundle-'));
});

afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function entry(name: string, source: string): Promise<string> {
  const file = join(scratch, name);
  await writeFile(file, source);
  return file;
}

describe('bundling the terminal application (the built @payterm/terminal)', () => {
  it('is one self-contained, minified ES module that exports TERMINAL_APP_ABI = 1', async () => {
    const text = new TextDecoder().decode(bundle.payload);
    expect(bundle.abi).toBe(1);
    expect(text).not.toMatch(/\bimport\s*[({*"']/); // no static or dynamic import left
    expect(text).not.toMatch(/from\s*["']/);
    expect(text).not.toContain('node:');
    expect(text.split('\n').length).toBeLessThan(5); // minified
    expect(text).toMatch(/export\s*\{/);
    const module = (await import(
      `data:text/javascript;base64,${Buffer.from(bundle.payload).toString('base64')}`
    )) as Record<string, unknown>;
    expect(module['TERMINAL_APP_ABI']).toBe(1);
    expect(typeof module['PosTerminal']).toBe('function');
  });

  it('fails the build with SOFTWARE_BUILD_FAILED when a Node.js module is imported', async () => {
    const file = await entry(
      'uses-fs.js',
      "import { readFileSync } from 'node:fs';\nexport const TERMINAL_APP_ABI = 1;\nexport const read = readFileSync;\n",
    );
    await expect(bundleTerminalApp({ entry: file })).rejects.toMatchObject({
      code: 'SOFTWARE_BUILD_FAILED',
      message: expect.stringContaining('node:fs') as unknown,
      details: { part: 'build', entry: file },
    });
    const bare = await entry(
      'uses-crypto.js',
      "import { randomBytes } from 'crypto';\nexport const TERMINAL_APP_ABI = 1;\nexport const r = randomBytes;\n",
    );
    await expect(bundleTerminalApp({ entry: bare })).rejects.toMatchObject({ code: 'SOFTWARE_BUILD_FAILED' });
  });

  it('fails with SOFTWARE_BUILD_FAILED for a module without TERMINAL_APP_ABI or one that does not resolve', async () => {
    const file = await entry('no-abi.js', 'export const version = 1;\n');
    await expect(bundleTerminalApp({ entry: file })).rejects.toMatchObject({ code: 'SOFTWARE_BUILD_FAILED' });
    await expect(bundleTerminalApp({ entry: join(scratch, 'missing.js') })).rejects.toMatchObject({
      code: 'SOFTWARE_BUILD_FAILED',
    });
    await expect(
      applicationAbiOf(new TextEncoder().encode('this is not javascript (')),
    ).rejects.toMatchObject({
      code: 'SOFTWARE_BUILD_FAILED',
    });
  });

  it('packages the bundle: signed, verified, and the verified payload loads', async () => {
    const built = await buildPackage({
      version: '1.0.1',
      releaseNotes: { zh: '重新打包', en: 'Repackaged' },
      payload: bundle.payload,
      abi: bundle.abi,
      sign: signWithDemoKey,
      publicKey: DEMO_SOFTWARE_PUBLIC_KEY,
      clock: CLOCK,
    });
    const verified = verifyPackage(built.bytes, {
      trustedKeys: [DEMO_SOFTWARE_PUBLIC_KEY],
      installedVersions: ['1.0.0'],
      runningVersion: '1.0.0',
      abi: 1,
    });
    expect(verified.manifest.size).toBe(bundle.payload.length);
    expect(await applicationAbiOf(verified.payload)).toBe(1);
  });
});
