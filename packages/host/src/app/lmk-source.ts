import { mkdir, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { bytesToHex, LMK_LENGTH } from '@payterm/crypto';
import { DEFAULT_LMK_VARIABLE, lmkFromEnvironment, lmkFromFile } from '@payterm/crypto/node';
import type { RandomSource } from '@payterm/kernel';

export interface LoadedLmk {
  readonly lmk: Uint8Array;
  /** Where it came from; `created` on the first start (a new file, readable by its owner only). */
  readonly source: 'environment' | 'file' | 'created';
}

/**
 * The software HSM's local master key: PAYTERM_HSM_LMK when set, else the file in the data directory,
 * created with a fresh random key on the first start. Losing the file loses every key the HSM stores
 * (terminal keys, PAN encryption): back it up with the database, apart from it.
 */
export async function loadOrCreateLmk(
  file: string,
  environment: Readonly<Record<string, string | undefined>>,
  random: RandomSource,
): Promise<LoadedLmk> {
  if (environment[DEFAULT_LMK_VARIABLE] !== undefined && environment[DEFAULT_LMK_VARIABLE] !== '') {
    return { lmk: lmkFromEnvironment(DEFAULT_LMK_VARIABLE, environment), source: 'environment' };
  }
  if (existsSync(file)) return { lmk: await lmkFromFile(file), source: 'file' };
  const lmk = new Uint8Array(LMK_LENGTH);
  random.fillBytes(lmk);
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, `${bytesToHex(lmk)}\n`, { mode: 0o600, flag: 'wx' });
  return { lmk, source: 'created' };
}
