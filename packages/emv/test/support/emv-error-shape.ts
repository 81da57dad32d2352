/**
 * What every error escaping the emv package must look like: a typed EmvError with a catalogued code
 * and complete details. The shape check avoids `expect` so that fuzz loops can afford it.
 */
import { expect } from 'vitest';
import { EMV_ERROR_CODES, EmvError, type EmvErrorCode } from '@payterm/emv';

const PHASES = new Set(['tag', 'length', 'value', 'crc', 'payload']);
const CODES = new Set(Object.keys(EMV_ERROR_CODES));

/** What is wrong with `error` as an escaping error, or undefined when it is a well-formed EmvError. */
export function emvErrorProblem(error: unknown, inputLength?: number): string | undefined {
  if (!(error instanceof EmvError)) {
    return `expected an EmvError, got ${error instanceof Error ? (error.stack ?? String(error)) : String(error)}`;
  }
  const { path, phase, offset, need, have } = error.details;
  const problems = [
    CODES.has(error.code) ? null : `code ${error.code} is not catalogued`,
    path === null || typeof path === 'string' ? null : `path ${String(path)} is not a string or null`,
    PHASES.has(phase) ? null : `phase ${String(phase)} is unknown`,
    Number.isInteger(offset) && Number.isInteger(need) && Number.isInteger(have)
      ? null
      : 'a count is not an integer',
    inputLength === undefined || (offset >= -1 && offset <= inputLength)
      ? null
      : `offset ${offset} is outside the input (${inputLength})`,
  ].filter((problem) => problem !== null);
  return problems.length === 0 ? undefined : `${problems.join('; ')}: ${error.message}`;
}

export function expectWellFormedEmvError(error: unknown, inputLength?: number): EmvError {
  const problem = emvErrorProblem(error, inputLength);
  if (problem !== undefined) throw new Error(problem, { cause: error });
  return error as EmvError;
}

/** Runs `action`, which must throw an EmvError; returns it. */
export function catchEmvError(action: () => unknown): EmvError {
  try {
    action();
  } catch (error) {
    return expectWellFormedEmvError(error);
  }
  throw new Error('expected an EmvError, but nothing was thrown');
}

/** The error `action` throws, checked against the expected code and details. */
export function expectEmvError(
  action: () => unknown,
  code: EmvErrorCode,
  details: Partial<EmvError['details']> = {},
): EmvError {
  const error = catchEmvError(action);
  const picked = Object.fromEntries(Object.keys(details).map((key) => [key, error.details[key]]));
  expect({ code: error.code, ...picked }).toEqual({ code, ...details });
  return error;
}

/** Runs a fuzz loop with stack capture off: building stacks for rejected inputs costs more than parsing. */
export function fuzzLoop(run: () => void): void {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    run();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/** A check for hot loops: throws a plain Error (fast-check reports it with the counterexample). */
export function check(ok: boolean, problem: () => string): void {
  if (!ok) throw new Error(problem());
}
