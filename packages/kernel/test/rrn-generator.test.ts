import { describe, expect, it } from 'vitest';
import { IdSourceError, RrnGenerator, SimulatedClock, type IdSourceErrorCode } from '@payterm/kernel';

function expectIdSourceError(action: () => unknown, code: IdSourceErrorCode): void {
  expect(action).toThrow(IdSourceError);
  try {
    action();
  } catch (error) {
    expect((error as IdSourceError).code).toBe(code);
  }
}

describe('RrnGenerator', () => {
  it('formats YDDDHH + 6-digit sequence from the injected clock (UTC by default)', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 1, 3, 14, 5)); // 3 Feb 2026 = day 034
    const rrn = new RrnGenerator({ clock });
    expect(rrn.next()).toBe('6034140000' + '01');
    expect(rrn.next()).toBe('603414000002');
    expect(rrn.sequence).toBe('000002');
  });

  it('follows the clock across hours, days and leap years', () => {
    const clock = new SimulatedClock(Date.UTC(2024, 11, 31, 23, 59)); // leap year: 31 Dec = day 366
    const rrn = new RrnGenerator({ clock, lastSequence: 9 });
    expect(rrn.next()).toBe('436623000010');
    clock.advance(60_000);
    expect(rrn.next()).toBe('500100000011');
    clock.set(Date.UTC(2025, 0, 1, 1));
    expect(rrn.next()).toBe('500101000012');
  });

  it('reads the date and hour in the acquirer time zone when given an offset', () => {
    // 2026-03-01T18:30Z is 02:30 on 2 March in China (UTC+8): day 061.
    const clock = new SimulatedClock(Date.UTC(2026, 2, 1, 18, 30));
    expect(new RrnGenerator({ clock, utcOffsetMinutes: 480 }).next()).toBe('606102000001');
    expect(new RrnGenerator({ clock }).next()).toBe('606018000001');
  });

  it('wraps its sequence from 999999 to 000001 and resumes from a persisted value', () => {
    const clock = new SimulatedClock(Date.UTC(2026, 0, 1));
    const rrn = new RrnGenerator({ clock, lastSequence: '999998' });
    expect(rrn.next().slice(6)).toBe('999999');
    expect(rrn.next().slice(6)).toBe('000001');
    const resumed = new RrnGenerator({ clock, lastSequence: rrn.sequence });
    expect(resumed.next().slice(6)).toBe('000002');
  });

  it('always yields 12 digits', () => {
    const clock = new SimulatedClock(Date.UTC(2029, 5, 15, 9));
    const rrn = new RrnGenerator({ clock });
    for (let index = 0; index < 500; index += 1) {
      expect(rrn.next()).toMatch(/^\d{12}$/);
      clock.advance(3_600_000 * 7);
    }
  });

  it('rejects invalid starting sequences and offsets with typed errors', () => {
    const clock = new SimulatedClock(0);
    expectIdSourceError(() => new RrnGenerator({ clock, lastSequence: 1_000_000 }), 'RRN_INVALID_START');
    expectIdSourceError(() => new RrnGenerator({ clock, lastSequence: '12' }), 'RRN_INVALID_START');
    expectIdSourceError(() => new RrnGenerator({ clock, utcOffsetMinutes: 900 }), 'RRN_INVALID_UTC_OFFSET');
    expectIdSourceError(() => new RrnGenerator({ clock, utcOffsetMinutes: 0.5 }), 'RRN_INVALID_UTC_OFFSET');
  });
});
