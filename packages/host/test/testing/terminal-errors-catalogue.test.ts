import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TERMINAL_ERROR_CODES } from '../../src/testing/index.js';

const catalogue = readFileSync(new URL('../../src/testing/README.md', import.meta.url), 'utf8');

describe('test terminal README error table', () => {
  it('documents exactly the codes the test terminal can raise', () => {
    const documented = new Set([...catalogue.matchAll(/^\| `([A-Z0-9_]+)`\s*\|/gm)].map((match) => match[1]));
    expect(documented).toEqual(new Set(Object.keys(TERMINAL_ERROR_CODES)));
  });
});
