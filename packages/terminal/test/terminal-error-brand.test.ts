import { describe, expect, it } from 'vitest';
import { TerminalError, terminalError } from '../src/errors.js';
import type * as ErrorsModuleExports from '../src/errors.js';

type ErrorsModule = typeof ErrorsModuleExports;

/** A second copy, as the firmware's drivers and a packaged application each have one. */
async function secondCopy(): Promise<ErrorsModule> {
  const url = new URL('../src/errors.ts', import.meta.url);
  url.search = '?second-copy';
  return (await import(/* @vite-ignore */ url.href)) as ErrorsModule;
}

describe('TerminalError across copies of the terminal package', () => {
  it('an error from the other copy is a TerminalError with its code', async () => {
    const copy = await secondCopy();
    expect(copy.TerminalError).not.toBe(TerminalError);
    const fromDriver = copy.terminalError('TERMINAL_HOST_UNREACHABLE', 'no route', { endpoint: 'tcp://x' });
    expect(fromDriver instanceof TerminalError).toBe(true);
    expect(terminalError('TERMINAL_CANCELLED', 'c') instanceof copy.TerminalError).toBe(true);
  });

  it('other PayTerm errors are not TerminalErrors', async () => {
    const { PaytermError } = await import('@payterm/kernel');
    expect(new PaytermError('X', 'm', {}) instanceof TerminalError).toBe(false);
    expect(new Error('m') instanceof TerminalError).toBe(false);
  });
});
