/**
 * LMK loaders for the software HSM on Node: the key as 64 hex digits in an environment variable or
 * in a file. Errors name the variable or say "file", never the value.
 */
import { readFile } from 'node:fs/promises';
import { cryptoError } from '../errors.js';
import { LMK_LENGTH } from '../hsm/lmk-vault.js';

export const DEFAULT_LMK_VARIABLE = 'PAYTERM_HSM_LMK';

function parseLmk(text: string | undefined, source: string): Uint8Array {
  const hex = text?.trim() ?? '';
  if (hex.length !== LMK_LENGTH * 2 || !/^[0-9A-Fa-f]+$/.test(hex)) {
    throw cryptoError('HSM_LMK_INVALID', `The LMK from ${source} must be ${LMK_LENGTH * 2} hex digits`, {
      source,
      length: hex.length,
    });
  }
  return Uint8Array.from({ length: LMK_LENGTH }, (_, index) =>
    Number.parseInt(hex.slice(2 * index, 2 * index + 2), 16),
  );
}

/** The LMK from an environment variable (default PAYTERM_HSM_LMK). */
export function lmkFromEnvironment(
  variable: string = DEFAULT_LMK_VARIABLE,
  environment: Readonly<Record<string, string | undefined>> = process.env,
): Uint8Array {
  return parseLmk(environment[variable], `environment variable ${variable}`);
}

/** The LMK from a file holding 64 hex digits (surrounding whitespace ignored). */
export async function lmkFromFile(path: string): Promise<Uint8Array> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw cryptoError('HSM_LMK_INVALID', 'The LMK file cannot be read', { source: 'file' });
  }
  return parseLmk(text, 'file');
}
