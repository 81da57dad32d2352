/**
 * The only way PayTerm code reads time: injected, so tests and the simulator control it.
 * `now`/`nowMs` are wall-clock time (may jump when the system clock is set); `monotonicMs` only ever
 * moves forward and is the one to measure timeouts and durations with.
 */
export interface Clock {
  now(): Date;
  /** Milliseconds since the Unix epoch (UTC). */
  nowMs(): number;
  /** Milliseconds since an arbitrary origin; never decreases. */
  monotonicMs(): number;
}
