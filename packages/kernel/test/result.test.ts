import { describe, expect, it } from 'vitest';
import { err, InvariantError, assertInvariant, ok, unwrap, type Result } from '@payterm/kernel';

describe('Result', () => {
  it('carries a value on success and an error on failure', () => {
    const success: Result<number, Error> = ok(42);
    const failure: Result<number, Error> = err(new Error('no'));
    expect(success).toEqual({ ok: true, value: 42 });
    expect(failure.ok).toBe(false);
    if (!failure.ok) expect(failure.error.message).toBe('no');
  });

  it('ok() without a value is a success of void', () => {
    expect(ok()).toEqual({ ok: true, value: undefined });
  });

  it('unwrap returns the value or throws the error itself', () => {
    expect(unwrap(ok('x'))).toBe('x');
    const error = new RangeError('bad');
    expect(() => unwrap(err(error))).toThrow(error);
  });
});

describe('assertInvariant', () => {
  it('passes silently when the condition holds', () => {
    expect(() => assertInvariant(true, 'never')).not.toThrow();
  });

  it('throws an InvariantError with a stable code and details', () => {
    try {
      assertInvariant(1 > 2, 'one is not greater than two', { left: 1, right: 2 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(InvariantError);
      expect((error as InvariantError).toJSON()).toEqual({
        name: 'InvariantError',
        code: 'INVARIANT_VIOLATED',
        message: 'one is not greater than two',
        left: 1,
        right: 2,
      });
    }
  });
});
