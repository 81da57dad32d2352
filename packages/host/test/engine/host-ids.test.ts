import { describe, expect, it } from 'vitest';
import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { HostIds, hostDateOf } from '../../src/engine/host-ids.js';

describe('HostIds', () => {
  it('dates business days in China Standard Time', () => {
    expect(hostDateOf(Date.UTC(2026, 10, 25, 15, 59, 59))).toBe('20261125');
    expect(hostDateOf(Date.UTC(2026, 10, 25, 16, 0, 0))).toBe('20261126');
  });

  it('issues 12-digit RRNs: day of year and a sequence that restarts each business day', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 0, 1, 0, 0, 0));
    const ids = new HostIds(clock, new SeededRandom(1));
    expect(ids.rrn()).toBe('001000000001');
    expect(ids.rrn()).toBe('001000000002');
    clock.advance(24 * 3_600_000);
    expect(ids.rrn()).toBe('002000000001');
  });

  it('resumes after the last RRN issued today', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 10, 26, 2, 0, 0));
    const ids = new HostIds(clock, new SeededRandom(1), '330000004711');
    expect(ids.rrn()).toBe('330000004712');
  });

  it('gives unique, time-ordered transaction ids', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 10, 26, 2, 0, 0));
    const ids = new HostIds(clock, new SeededRandom(1));
    const first = ids.transactionId();
    clock.advance(1);
    const second = ids.transactionId();
    expect(first).toMatch(/^t[0-9a-z]{11}[0-9a-f]{16}$/);
    expect(second > first).toBe(true);
    const many = new Set(Array.from({ length: 10_000 }, () => ids.transactionId()));
    expect(many.size).toBe(10_000);
  });

  it('stamps transaction ids with the base-36 epoch ms across the boundaries of the cached digits', () => {
    const clock = new SimulatedClock(1296 * 1_000_000 - 2);
    const ids = new HostIds(clock, new SeededRandom(1));
    for (const step of [0, 1, 1, 1, 1294, 1, 36 ** 9, 1]) {
      clock.advance(step);
      expect(ids.transactionId().slice(1, 12)).toBe(clock.nowMs().toString(36).padStart(11, '0'));
    }
  });

  it('restarts the RRN sequence whenever the business day changes, backwards too', () => {
    const midnight = Date.UTC(2026, 10, 25, 16, 0, 0);
    const clock = new SimulatedClock(midnight - 1);
    const ids = new HostIds(clock, new SeededRandom(1));
    expect(ids.rrn()).toBe('329000000001');
    clock.advance(1);
    expect(ids.rrn()).toBe('330000000001');
    expect(ids.rrn()).toBe('330000000002');
    clock.set(midnight - 1);
    expect(ids.rrn()).toBe('329000000001');
    clock.set(midnight + 86_400_000 - 1);
    expect(ids.rrn()).toBe('330000000001');
    clock.advance(1);
    expect(ids.rrn()).toBe('331000000001');
  });
});
