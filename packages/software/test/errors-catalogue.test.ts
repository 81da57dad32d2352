import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOFTWARE_ERROR_CODES } from '@payterm/software';

const catalogue = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');
const contract = readFileSync(new URL('../../../docs/TMS.md', import.meta.url), 'utf8');

describe('ERRORS.md', () => {
  it('documents exactly the codes the package can raise', () => {
    const documented = new Set([...catalogue.matchAll(/^\| `([A-Z0-9_]+)`\s*\|/gm)].map((match) => match[1]));
    expect(documented).toEqual(new Set(Object.keys(SOFTWARE_ERROR_CODES)));
  });

  it('every documented code is raised somewhere in the sources (errors.ts only declares them)', () => {
    const raisers = [
      'package-format.ts',
      'manifest.ts',
      'verify-package.ts',
      'version.ts',
      'node/bundle-terminal.ts',
    ]
      .map((file) => readFileSync(new URL(`../src/${file}`, import.meta.url), 'utf8'))
      .join('\n');
    for (const code of Object.keys(SOFTWARE_ERROR_CODES)) expect(raisers, code).toContain(`'${code}'`);
  });

  it('raises every code of the TMS contract (docs/TMS.md §1)', () => {
    const named = new Set([...contract.matchAll(/`(SOFTWARE_[A-Z_]+)`/g)].map((match) => match[1]!));
    for (const code of named) expect(Object.keys(SOFTWARE_ERROR_CODES)).toContain(code);
  });
});
