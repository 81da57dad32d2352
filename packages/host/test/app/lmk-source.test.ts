import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bytesToHex } from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { loadOrCreateLmk } from '../../src/app/lmk-source.js';

describe('loadOrCreateLmk', () => {
  it('creates an owner-only LMK file at first start and reads it back afterwards', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'payterm-lmk-')), 'data', 'hsm-lmk.hex');
    const created = await loadOrCreateLmk(file, {}, new SeededRandom(1));
    expect(created.source).toBe('created');
    expect(created.lmk).toHaveLength(32);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(readFileSync(file, 'utf8').trim()).toBe(bytesToHex(created.lmk));
    const again = await loadOrCreateLmk(file, {}, new SeededRandom(2));
    expect(again.source).toBe('file');
    expect(bytesToHex(again.lmk)).toBe(bytesToHex(created.lmk));
  });

  it('prefers PAYTERM_HSM_LMK and rejects a malformed one without echoing it', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'payterm-lmk-')), 'hsm-lmk.hex');
    const hex = '00'.repeat(31) + '01';
    const loaded = await loadOrCreateLmk(file, { PAYTERM_HSM_LMK: hex }, new SeededRandom(1));
    expect(loaded.source).toBe('environment');
    expect(bytesToHex(loaded.lmk)).toBe(hex.toUpperCase());
    await expect(
      loadOrCreateLmk(file, { PAYTERM_HSM_LMK: 'secret-but-short' }, new SeededRandom(1)),
    ).rejects.toSatisfy(
      (error: Error) =>
        error.message.includes('PAYTERM_HSM_LMK') && !error.message.includes('secret-but-short'),
    );
  });
});
