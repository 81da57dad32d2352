import { describe, expect, it } from 'vitest';
import { InvariantError, SimulatedClock, systemClock } from '@payterm/kernel';

describe('systemClock', () => {
  it('reads the real wall clock', () => {
    const before = Date.now();
    const nowMs = systemClock.nowMs();
    const now = systemClock.now().getTime();
    expect(nowMs).toBeGreaterThanOrEqual(before);
    expect(now).toBeGreaterThanOrEqual(nowMs);
    expect(now - before).toBeLessThan(5_000);
  });

  it('has a monotonic clock that never goes back', () => {
    let previous = systemClock.monotonicMs();
    for (let index = 0; index < 1_000; index += 1) {
      const current = systemClock.monotonicMs();
      expect(current).toBeGreaterThanOrEqual(previous);
      previous = current;
    }
  });
});

describe('SimulatedClock', () => {
  const start = Date.UTC(2026, 0, 1, 8, 30);

  it('starts where told, from a Date or epoch ms', () => {
    expect(new SimulatedClock(start).nowMs()).toBe(start);
    expect(new SimulatedClock(new Date(start)).now().toISOString()).toBe('2026-01-01T08:30:00.000Z');
    expect(new SimulatedClock(start).monotonicMs()).toBe(0);
  });

  it('stands still until advanced, then moves wall and monotonic time together', () => {
    const clock = new SimulatedClock(start);
    expect(clock.nowMs()).toBe(clock.nowMs());
    clock.advance(1_500);
    expect(clock.nowMs()).toBe(start + 1_500);
    expect(clock.monotonicMs()).toBe(1_500);
  });

  it('set() jumps the wall clock, even backwards, without touching monotonic time', () => {
    const clock = new SimulatedClock(start);
    clock.advance(10);
    clock.set(new Date(start - 3_600_000));
    expect(clock.nowMs()).toBe(start - 3_600_000);
    expect(clock.monotonicMs()).toBe(10);
  });

  it('returns a fresh Date each time so callers cannot move the clock by mutating it', () => {
    const clock = new SimulatedClock(start);
    clock.now().setTime(0);
    expect(clock.nowMs()).toBe(start);
  });

  it('rejects negative, fractional and invalid times', () => {
    const clock = new SimulatedClock(start);
    expect(() => clock.advance(-1)).toThrow(InvariantError);
    expect(() => clock.advance(0.5)).toThrow(InvariantError);
    expect(() => clock.set(new Date(Number.NaN))).toThrow(InvariantError);
    expect(() => new SimulatedClock(Number.POSITIVE_INFINITY)).toThrow(InvariantError);
  });
});
