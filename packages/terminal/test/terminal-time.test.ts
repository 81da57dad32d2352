import { describe, expect, it } from 'vitest';
import { hostClockOffsetMs, localTime } from '../src/engine/terminal-time.js';

const CHINA = 480;

describe('terminal time', () => {
  it('gives MMDD, hhmmss and dates in the terminal time zone', () => {
    const time = localTime(Date.UTC(2026, 10, 25, 17, 30, 5), CHINA);
    expect(time).toMatchObject({ mmdd: '1126', hhmmss: '013005', date: '2026-11-26', yymmdd: '261126' });
    expect(time.iso).toBe('2026-11-25T17:30:05.000Z');
  });

  it('reads the host clock offset from fields 13 and 12', () => {
    const now = Date.UTC(2026, 10, 26, 2, 0, 0); // 10:00:00 in China
    expect(hostClockOffsetMs(now, CHINA, '1126', '100005')).toBe(5_000);
    expect(hostClockOffsetMs(now, CHINA, '1126', '095900')).toBe(-60_000);
  });

  it('puts the host in the right year across New Year', () => {
    const terminalOnNewYearsEve = Date.UTC(2026, 11, 31, 15, 59, 50); // 23:59:50 on 31 Dec in China
    expect(hostClockOffsetMs(terminalOnNewYearsEve, CHINA, '0101', '000010')).toBe(20_000);
    const terminalOnNewYearsDay = Date.UTC(2026, 11, 31, 16, 0, 10); // 00:00:10 on 1 Jan 2027 in China
    expect(hostClockOffsetMs(terminalOnNewYearsDay, CHINA, '1231', '235950')).toBe(-20_000);
  });

  it('ignores fields that are not a date and a time', () => {
    expect(hostClockOffsetMs(0, CHINA, '11', '100000')).toBeUndefined();
    expect(hostClockOffsetMs(0, CHINA, '1126', '10:00')).toBeUndefined();
  });
});
