import type { Clock } from './clock.js';

/** The real clock. This file is the only place allowed to read the system time (see eslint.config.js). */
export const systemClock: Clock = Object.freeze({
  now: () => new Date(),
  nowMs: () => Date.now(),
  monotonicMs: () => performance.now(),
});
