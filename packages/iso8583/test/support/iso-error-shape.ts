/**
 * What every error escaping the codec must look like: a typed Iso8583Error with complete details.
 * The shape check avoids `expect` so that fuzz loops can afford it on every case.
 */
import { expect } from 'vitest';
import { ISO8583_ERROR_CODES, Iso8583Error, type Iso8583ErrorCode } from '@payterm/iso8583';

const PHASES = new Set(['frame', 'bitmap', 'length', 'data', 'tag', 'message', 'spec']);
const CODES = new Set(Object.keys(ISO8583_ERROR_CODES));

/** What is wrong with `error` as an escaping error, or undefined when it is a well-formed Iso8583Error. */
export function isoErrorProblem(error: unknown, inputLength?: number): string | undefined {
  if (!(error instanceof Iso8583Error)) {
    return `expected an Iso8583Error, got ${error instanceof Error ? (error.stack ?? String(error)) : String(error)}`;
  }
  const { field, phase, offset, need, have } = error.details;
  const problems = [
    CODES.has(error.code) ? null : `code ${error.code} is not catalogued`,
    field === null || typeof field === 'string' ? null : `field ${String(field)} is not a string or null`,
    PHASES.has(phase) ? null : `phase ${String(phase)} is unknown`,
    Number.isInteger(offset) ? null : `offset ${String(offset)} is not an integer`,
    Number.isInteger(need) ? null : `need ${String(need)} is not an integer`,
    Number.isInteger(have) ? null : `have ${String(have)} is not an integer`,
    inputLength === undefined || (offset >= -1 && offset <= inputLength)
      ? null
      : `offset ${offset} is outside the input (${inputLength} bytes)`,
  ].filter((problem) => problem !== null);
  return problems.length === 0 ? undefined : `${problems.join('; ')}: ${error.message}`;
}

/** Checks `error` is an Iso8583Error with a catalogued code and well-formed details; returns it typed. */
export function expectWellFormedIsoError(error: unknown, inputLength?: number): Iso8583Error {
  const problem = isoErrorProblem(error, inputLength);
  if (problem !== undefined) throw new Error(problem, { cause: error });
  return error as Iso8583Error;
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

/** Whatever `action` throws, or a marker Error when it throws nothing (for fuzz oracles that classify errors). */
export function thrownBy(action: () => unknown): unknown {
  try {
    action();
  } catch (error) {
    return error;
  }
  return new Error('nothing was thrown');
}
