import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ISSUER_ERROR_CODES } from '../../src/issuer/index.js';

const catalogue = readFileSync(new URL('../../src/issuer/README.md', import.meta.url), 'utf8');

describe('issuer README error table', () => {
  it('documents exactly the codes the issuer can raise', () => {
    const documented = new Set([...catalogue.matchAll(/^\| `([A-Z0-9_]+)`\s*\|/gm)].map((match) => match[1]));
    expect(documented).toEqual(new Set(Object.keys(ISSUER_ERROR_CODES)));
  });
});
