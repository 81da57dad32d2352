/** What every error escaping the codec must look like: a typed Iso8583Error with complete details. */
import { expect } from 'vitest';
import { ISO8583_ERROR_CODES, Iso8583Error, type Iso8583ErrorCode } from '@payterm/iso8583';

const PHASES = new Set(['frame', 'bitmap', 'length', 'data', 'tag', 'message', 'spec']);

/** Checks `error` is an Iso8583Error with a catalogued code and well-formed details; returns it typed. */
export function expectWellFormedIsoError(error: unknown, inputLength?: number): Iso8583Error {
  if (!(error instanceof Iso8583Error)) {
    throw new Error(`expected an Iso8583Error, got ${error instanceof Error ? error.stack : String(error)}`);
  }
  expect(Object.keys(ISO8583_ERROR_CODES)).toContain(error.code);
  const { field, phase, offset, need, have } = error.details;
  expect(field === null || typeof field === 'string').toBe(true);
  expect(PHASES.has(phase)).toBe(true);
  expect(Number.isInteger(offset)).toBe(true);
  expect(Number.isInteger(need)).toBe(true);
  expect(Number.isInteger(have)).toBe(true);
  if (inputLength !== undefined) {
    expect(offset).toBeGreaterThanOrEqual(-1);
    expect(offset).toBeLessThanOrEqual(inputLength);
  }
  return error;
}

/** Runs `action`, which must throw an Iso8583Error; returns it for precise assertions. */
export function catchIsoError(action: () => unknown): Iso8583Error {
  try {
    action();
  } catch (error) {
    return expectWellFormedIsoError(error);
  }
  throw new Error('expected an Iso8583Error, but nothing was thrown');
}

/** The error `action` throws, checked against the expected code and details. */
export function expectIsoError(
  action: () => unknown,
  code: Iso8583ErrorCode,
  details: Partial<Iso8583Error['details']> = {},
): Iso8583Error {
  const error = catchIsoError(action);
  expect({ code: error.code, ...pick(error.details, Object.keys(details)) }).toEqual({ code, ...details });
  return error;
}

function pick(details: Iso8583Error['details'], keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, details[key]]));
}
