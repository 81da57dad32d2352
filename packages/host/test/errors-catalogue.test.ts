import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHANNEL_ERROR_CODES } from '../src/channel/channel-error.js';
import { HOST_ERROR_CODES } from '../src/errors.js';
import { ISSUER_ERROR_CODES } from '../src/issuer/issuer-error.js';
import { TMS_ERROR_CODES } from '../src/tms/tms-error.js';

const catalogue = readFileSync(new URL('../ERRORS.md', import.meta.url), 'utf8');

describe('ERRORS.md', () => {
  it('documents exactly the codes the package can raise', () => {
    const documented = new Set([...catalogue.matchAll(/^\| `([A-Z0-9_]+)`\s*\|/gm)].map((match) => match[1]));
    expect(documented).toEqual(
      new Set([
        ...Object.keys(HOST_ERROR_CODES),
        ...Object.keys(CHANNEL_ERROR_CODES),
        ...Object.keys(ISSUER_ERROR_CODES),
        ...Object.keys(TMS_ERROR_CODES),
      ]),
    );
  });
});
