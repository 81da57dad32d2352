import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMV_ERROR_CODES } from '@payterm/emv';

const catalogue = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');

describe('ERRORS.md', () => {
  it('documents exactly the codes the package can raise', () => {
    const documented = new Set([...catalogue.matchAll(/^\| `([A-Z0-9_]+)`\s*\|/gm)].map((match) => match[1]));
    expect(documented).toEqual(new Set(Object.keys(EMV_ERROR_CODES)));
  });

  it('every documented code is raised somewhere in the sources (errors.ts only declares them)', () => {
    const raisers = ['tlv/ber-header.ts', 'tlv/ber-decode.ts', 'tlv/ber-encode.ts', 'dol/dol.ts']
      .concat(['qr/qr-scan.ts', 'qr/mpm-validate.ts', 'qr/qr-build.ts'])
      .map((file) => readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8'))
      .join('\n');
    for (const code of Object.keys(EMV_ERROR_CODES)) expect(raisers, code).toContain(`'${code}'`);
  });
});
