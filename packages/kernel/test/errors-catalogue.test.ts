import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ID_SOURCE_ERROR_CODES, MONEY_ERROR_CODES, PAN_ERROR_CODES } from '@payterm/kernel';

const catalogue = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');

function documentedCodes(): Set<string> {
  const codes = [...catalogue.matchAll(/^\| `([A-Z0-9_]+)`\s*\|/gm)].map((match) => match[1] ?? '');
  return new Set(codes);
}

describe('ERRORS.md', () => {
  it('documents exactly the codes the kernel can raise', () => {
    const raised = [...MONEY_ERROR_CODES, ...PAN_ERROR_CODES, ...ID_SOURCE_ERROR_CODES, 'INVARIANT_VIOLATED'];
    expect(documentedCodes()).toEqual(new Set(raised));
  });
});
