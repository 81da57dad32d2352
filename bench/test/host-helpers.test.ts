import { createCupEcbMac, createCipher, hexToBytes } from '@payterm/crypto';
import { createCodec, cupPosSpec } from '@payterm/iso8583';
import { describe, expect, test } from 'vitest';
import {
  commitStatsOf,
  histogramTotals,
  mainThreadStatsOf,
  sampleSum,
} from '../src/suites/host/commit-stats.js';
import { parseHostBanner } from '../src/suites/host/host-banner.js';
import { LatencyRecorder, percentile, summariseLatencies } from '../src/suites/host/latency-stats.js';
import { StanCounter } from '../src/suites/host/load-connection.js';
import { parseLoadGrid } from '../src/suites/host/load-grid.js';
import { SaleTemplate } from '../src/suites/host/sale-template.js';

describe('percentiles', () => {
  test('nearest rank over sorted values', () => {
    const values = Float64Array.from({ length: 1000 }, (_, index) => index + 1);
    expect(percentile(values, 50)).toBe(500);
    expect(percentile(values, 99)).toBe(990);
    expect(percentile(values, 99.9)).toBe(999);
    expect(percentile(values, 100)).toBe(1000);
    expect(percentile(values, 0)).toBe(1);
    expect(percentile([7], 99.9)).toBe(7);
    expect(percentile([], 50)).toBeNaN();
    expect(() => percentile(values, 101)).toThrow(RangeError);
  });

  test('the summary sorts a copy and the recorder grows past its first buffer', () => {
    const recorder = new LatencyRecorder();
    for (let index = 100_000; index >= 1; index--) recorder.record(index / 100);
    expect(recorder.count).toBe(100_000);
    const summary = summariseLatencies(recorder.values());
    expect(summary).toMatchObject({ count: 100_000, p50Ms: 500, p99Ms: 990, p999Ms: 999, maxMs: 1000 });
    expect(summary.meanMs).toBeCloseTo(500.005, 6);
    expect(recorder.values()[0]).toBe(1000);
  });
});

describe('host banner', () => {
  const banner = [
    'PayTerm acquirer host is running',
    '',
    '  ISO 8583 (TCP, CUP framing)   127.0.0.1:40123',
    '  HTTP API                      http://127.0.0.1:40124/api  (OpenAPI: http://127.0.0.1:40124/api/docs)',
    '',
    '  API token (shown once, stored hashed): pt_abc123',
    '',
    'Ctrl-C stops the host gracefully.',
    '',
  ].join('\n');

  test('reads the ISO port, HTTP URL and token once the banner is complete', () => {
    expect(parseHostBanner(banner.slice(0, 80))).toBeUndefined();
    expect(parseHostBanner(banner)).toEqual({
      isoHost: '127.0.0.1',
      isoPort: 40123,
      httpUrl: 'http://127.0.0.1:40124',
      apiToken: 'pt_abc123',
    });
    expect(parseHostBanner(banner.replace(/.*API token.*\n/, ''))?.apiToken).toBeUndefined();
  });

  test('a complete banner without an ISO address fails loudly', () => {
    expect(() => parseHostBanner(banner.replace(/.*ISO 8583.*\n/, ''))).toThrow(/ISO 8583 address/);
  });
});

describe('load grid', () => {
  test('parses N×K lists and rejects anything else', () => {
    expect(parseLoadGrid('8x8, 16×32')).toEqual([
      { connections: 8, inFlight: 8 },
      { connections: 16, inFlight: 32 },
    ]);
    expect(() => parseLoadGrid('8')).toThrow(/N×K/);
    expect(() => parseLoadGrid('0x8')).toThrow(/N×K/);
    expect(() => parseLoadGrid('')).toThrow(/empty/);
  });
});

describe('sale template', () => {
  const codec = createCodec(cupPosSpec);
  const mak = hexToBytes('2222222222222222');
  const template = SaleTemplate.build(codec, {
    tid: '10000001',
    mid: '898310058120001',
    batch: '000007',
    pik: hexToBytes('1111111111111111'),
    mak,
    pan: '6200001000000110',
    pin: '123456',
    amountMinor: 1,
  });

  test('each frame carries its STAN and a MAC that verifies over the patched bytes', () => {
    const target = new Uint8Array(template.frameLength * 2);
    const middle = template.writeFrame(target, 0, 1);
    expect(template.writeFrame(target, middle, 987_654)).toBe(target.length);
    const mac = createCupEcbMac(createCipher, mak);
    for (const [offset, stan] of [
      [0, '000001'],
      [middle, '987654'],
    ] as const) {
      expect((target[offset]! << 8) | target[offset + 1]!).toBe(template.messageLength);
      const bytes = target.subarray(offset + 2, offset + template.frameLength);
      const { message, layout } = codec.unpackWithLayout(bytes);
      expect(message.mti).toBe('0200');
      expect(message.fields[11]).toBe(stan);
      expect(message.fields[41]).toBe('10000001');
      const span = layout.field(64)!;
      expect(mac.verify(layout.macInput(bytes), bytes.subarray(span.dataStart, span.end))).toBe(true);
    }
  });
});

describe('commit statistics from /metrics', () => {
  test('reads _sum and _count of the group-commit histograms', () => {
    const text = [
      '# TYPE payterm_commit_group_size histogram',
      'payterm_commit_group_size_bucket{le="1"} 3',
      'payterm_commit_group_size_sum 1200',
      'payterm_commit_group_size_count 40',
      'payterm_commit_duration_seconds_sum 0.2',
      'payterm_commit_duration_seconds_count 40',
    ].join('\n');
    expect(histogramTotals(text, 'payterm_commit_group_size')).toEqual({ sum: 1200, count: 40 });
    expect(commitStatsOf(text)).toEqual({ groups: 40, meanGroupSize: 30, meanCommitMs: 5 });
    expect(commitStatsOf('payterm_commit_group_size_sum 0\n')).toBeUndefined();
  });
});

describe('main thread over the window from two /metrics readings', () => {
  const reading = (busySeconds: number, answered00: number, atMs: number) => ({
    atMs,
    text: [
      '# TYPE payterm_event_loop_busy_seconds gauge',
      `payterm_event_loop_busy_seconds ${busySeconds}`,
      `payterm_iso_messages_total{mti="0200",response_code="00"} ${answered00}`,
      'payterm_iso_messages_total{mti="0800",response_code="00"} 2',
      'payterm_iso_messages_total_other 99',
    ].join('\n'),
  });

  test('sums every label set of a metric, and only that metric', () => {
    expect(sampleSum(reading(1, 10, 0).text, 'payterm_iso_messages_total')).toBe(12);
    expect(sampleSum('', 'payterm_iso_messages_total')).toBeUndefined();
  });

  test('utilisation is busy time over wall time; the cost is busy time per answer', () => {
    const stats = mainThreadStatsOf(reading(3, 1000, 10_000), reading(11, 81_000, 20_000));
    expect(stats?.busyShare).toBeCloseTo(0.8);
    expect(stats?.busyUsPerAnswer).toBeCloseTo(100);
    expect(mainThreadStatsOf(reading(3, 1000, 10_000), reading(3, 1000, 10_000))).toBeUndefined();
    expect(mainThreadStatsOf({ text: '', atMs: 0 }, reading(3, 1000, 10_000))).toBeUndefined();
  });
});

describe('STAN counter', () => {
  test('stops at the end of a batch against a host and goes round against the echo peer', () => {
    const host = new StanCounter(999_998);
    expect(host.next()).toBe(999_999);
    expect(() => host.next()).toThrow(/every STAN/);
    const echo = new StanCounter(999_998, true);
    expect([echo.next(), echo.next(), echo.next()]).toEqual([999_999, 1, 2]);
  });
});
