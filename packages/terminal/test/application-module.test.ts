import { createHash } from 'node:crypto';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FACTORY_APPLICATION, TERMINAL_APP_ABI } from '../src/application/index.js';
import { importApplicationModule } from '../src/node/application-module.js';

const encoder = new TextEncoder();

function moduleBytes(abi: number, marker: string): Uint8Array {
  return encoder.encode(
    `export const TERMINAL_APP_ABI = ${abi};\n` +
      `export class PosTerminal { static marker = ${JSON.stringify(marker)}; }\n` +
      `export class DeviceUi {}\n`,
  );
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

let directory: string;
beforeEach(async () => {
  directory = await mkdtemp(join(tmpdir(), 'payterm-app-'));
});
afterEach(async () => {
  await rm(directory, { recursive: true, force: true });
});

describe('importApplicationModule (Node)', () => {
  it('loads a payload as its own module, distinct from the factory application', async () => {
    const payload = moduleBytes(TERMINAL_APP_ABI, 'slot-b');
    const application = await importApplicationModule(directory, payload, sha256(payload));
    expect(application.abi).toBe(TERMINAL_APP_ABI);
    expect(application.PosTerminal).not.toBe(FACTORY_APPLICATION.PosTerminal);
    expect((application.PosTerminal as unknown as { marker: string }).marker).toBe('slot-b');
    expect(await readdir(directory)).toEqual([`app-${sha256(payload)}.mjs`]);
  });

  it('refuses bytes that do not match the verified hash', async () => {
    const payload = moduleBytes(TERMINAL_APP_ABI, 'x');
    await expect(
      importApplicationModule(directory, payload, sha256(moduleBytes(1, 'y'))),
    ).rejects.toMatchObject({
      code: 'TERMINAL_APPLICATION_INCOMPATIBLE',
    });
    expect(await readdir(directory)).toEqual([]);
  });

  it('rewrites a module file changed on disk before importing it', async () => {
    const payload = moduleBytes(TERMINAL_APP_ABI, 'genuine');
    const hash = sha256(payload);
    await writeFile(join(directory, `app-${hash}.mjs`), moduleBytes(TERMINAL_APP_ABI, 'planted'));
    const application = await importApplicationModule(directory, payload, hash);
    expect((application.PosTerminal as unknown as { marker: string }).marker).toBe('genuine');
  });

  it('refuses a module built for another application interface', async () => {
    const payload = moduleBytes(TERMINAL_APP_ABI + 1, 'future');
    await expect(importApplicationModule(directory, payload, sha256(payload))).rejects.toMatchObject({
      code: 'TERMINAL_APPLICATION_INCOMPATIBLE',
      details: { abi: TERMINAL_APP_ABI + 1, expected: TERMINAL_APP_ABI },
    });
  });
});
