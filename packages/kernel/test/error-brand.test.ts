import { describe, expect, it } from 'vitest';
import { PaytermError, isPaytermError } from '../src/index.js';
import type * as ErrorModuleExports from '../src/errors/payterm-error.js';

type ErrorModule = typeof ErrorModuleExports;

/** A second copy of the module, as a terminal application bundled into a software package has. */
async function secondCopy(): Promise<ErrorModule> {
  const url = new URL('../src/errors/payterm-error.ts', import.meta.url);
  url.search = '?second-copy';
  return (await import(/* @vite-ignore */ url.href)) as ErrorModule;
}

describe('PaytermError across copies of the kernel', () => {
  it('the second copy is a different class', async () => {
    const copy = await secondCopy();
    expect(copy.PaytermError).not.toBe(PaytermError);
  });

  it('recognises an error raised by another copy, both ways', async () => {
    const copy = await secondCopy();
    const foreign = new copy.PaytermError('X_FOREIGN', 'from the other copy', {});
    const local = new PaytermError('X_LOCAL', 'from this copy', {});
    expect(foreign instanceof PaytermError).toBe(true);
    expect(isPaytermError(foreign)).toBe(true);
    expect(local instanceof copy.PaytermError).toBe(true);
  });

  it('keeps plain errors and look-alikes out', async () => {
    expect(new Error('plain') instanceof PaytermError).toBe(false);
    expect({ code: 'X', message: 'm', details: {} } instanceof PaytermError).toBe(false);
    expect((null as unknown as object) instanceof PaytermError).toBe(false);
  });

  it('keeps subclass checks ordinary', () => {
    class OtherError extends PaytermError<'X_OTHER'> {}
    const other = new OtherError('X_OTHER', 'm', {});
    expect(other instanceof OtherError).toBe(true);
    expect(new PaytermError('X', 'm', {}) instanceof OtherError).toBe(false);
  });

  it('the brand is invisible in JSON and enumeration', () => {
    const error = new PaytermError('X_CODE', 'm', { a: 1 });
    expect(JSON.parse(JSON.stringify(error))).toEqual({
      a: 1,
      name: 'PaytermError',
      code: 'X_CODE',
      message: 'm',
    });
    const symbols = Object.getOwnPropertySymbols(error);
    expect(symbols).toHaveLength(1);
    expect(symbols.map((symbol) => Object.getOwnPropertyDescriptor(error, symbol)?.enumerable)).toEqual([
      false,
    ]);
  });
});
