import { assertInvariant } from '../errors/invariant.js';
import type { Clock } from './clock.js';

/**
 * A clock that moves only when told to, for tests and deterministic simulation. `advance` moves wall
 * and monotonic time together; `set` jumps the wall clock only, like an operator or NTP correcting the
 * system time, so code that measures durations with `monotonicMs` is unaffected.
 */
export class SimulatedClock implements Clock {
  #wallMs: number;
  #monotonicMs = 0;

  /** @param start the initial wall-clock time, as a Date or as milliseconds since the Unix epoch */
  constructor(start: Date | number) {
    this.#wallMs = toEpochMs(start);
  }

  now(): Date {
    return new Date(this.#wallMs);
  }

  nowMs(): number {
    return this.#wallMs;
  }

  monotonicMs(): number {
    return this.#monotonicMs;
  }

  advance(ms: number): void {
    assertInvariant(Number.isSafeInteger(ms) && ms >= 0, 'SimulatedClock.advance needs whole ms >= 0', {
      ms,
    });
    this.#wallMs += ms;
    this.#monotonicMs += ms;
  }

  set(time: Date | number): void {
    this.#wallMs = toEpochMs(time);
  }
}

function toEpochMs(time: Date | number): number {
  const epochMs = typeof time === 'number' ? time : time.getTime();
  assertInvariant(Number.isSafeInteger(epochMs), 'SimulatedClock needs a valid time in whole ms', {
    epochMs: String(epochMs),
  });
  return epochMs;
}
