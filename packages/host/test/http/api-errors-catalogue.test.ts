import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { API_ERROR_CODES } from '../../src/http/index.js';

const readme = readFileSync(new URL('../../src/http/README.md', import.meta.url), 'utf8');

describe('src/http/README.md', () => {
  it('documents exactly the API error codes, each with its HTTP status', () => {
    const documented = new Map(
      [...readme.matchAll(/^\| `((?:API|WALLET|TMS)_[A-Z_]+)`\s*\|\s*(\d{3})\s*\|/gm)].map((match) => [
        match[1],
        Number(match[2]),
      ]),
    );
    expect(documented).toEqual(
      new Map(Object.entries(API_ERROR_CODES).map(([code, { status }]) => [code, status])),
    );
  });
});
