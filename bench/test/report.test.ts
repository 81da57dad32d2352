import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { buildReport, formatTable, machineInfo, writeReport, type BenchResult } from '../src/report.js';

// Shape only: performance figures are never asserted in tests.

const results: BenchResult[] = [
  {
    case: 'demo pack+unpack',
    impl: 'ours',
    opsPerSec: 123_456.789,
    meanNs: 8100.0417,
    samples: 40,
    ratioToPeer: 3.14159,
    note: 'n',
  },
  { case: 'demo pack+unpack', impl: 'peer', opsPerSec: 39_300.2, meanNs: 25_445.5, samples: 41 },
];

describe('report writer', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
  });

  test('writes <suite>.json with suite, machine and results in the shared shape', () => {
    dir = mkdtempSync(join(tmpdir(), 'payterm-bench-'));
    const report = buildReport('demo', results, machineInfo(new Date('2025-01-02T03:04:05.000Z')));
    const path = writeReport(report, dir);
    expect(path).toBe(join(dir, 'demo.json'));

    const json = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
    expect(Object.keys(json)).toEqual(['suite', 'machine', 'results']);
    expect(json.suite).toBe('demo');

    const machine = json.machine as Record<string, unknown>;
    expect(Object.keys(machine).sort()).toEqual(['arch', 'cores', 'cpu', 'date', 'node', 'platform']);
    expect(machine.cpu).toEqual(expect.any(String));
    expect(machine.cores).toEqual(expect.any(Number));
    expect(machine.node).toBe(process.version);
    expect(machine.platform).toBe(process.platform);
    expect(machine.arch).toBe(process.arch);
    expect(machine.date).toBe('2025-01-02T03:04:05.000Z');

    const [ours, peer] = json.results as Record<string, unknown>[];
    expect(ours).toEqual({
      case: 'demo pack+unpack',
      impl: 'ours',
      opsPerSec: 123_457,
      meanNs: 8100,
      samples: 40,
      ratioToPeer: 3.14,
      note: 'n',
    });
    expect(Object.keys(peer ?? {})).toEqual(['case', 'impl', 'opsPerSec', 'meanNs', 'samples']);
  });

  test('a suffix keeps scratch runs apart', () => {
    dir = mkdtempSync(join(tmpdir(), 'payterm-bench-'));
    expect(writeReport(buildReport('demo', results), dir, '.tmp')).toBe(join(dir, 'demo.tmp.json'));
  });

  test('the table lists every result and footnotes notes', () => {
    const table = formatTable(buildReport('demo', results));
    expect(table).toMatch(/case\s+impl\s+ops\/s\s+mean µs\s+ratio ×/);
    expect(table).toContain('ours [1]');
    expect(table).toContain('3.14×');
    expect(table).toContain('[1] n');
  });
});
