import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TERMINAL_ERROR_CODES } from '../src/errors.js';

const catalogue = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');

describe('ERRORS.md', () => {
  it('documents exactly the codes the package can raise', () => {
    const documented = new Set([...catalogue.matchAll(/^\| `([A-Z0-9_]+)`\s*\|/gm)].map((match) => match[1]));
    expect(documented).toEqual(new Set(Object.keys(TERMINAL_ERROR_CODES)));
  });
});
