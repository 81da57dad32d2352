import { measure, type Measurement, type TimedCase, type TimingOptions } from './measure.js';
import type { BenchResult } from './report.js';

/** A timed case as reported: what it measures, whose code it runs, and the peer case it is compared with. */
export interface ComparedCase extends TimedCase {
  readonly case: string;
  readonly impl: string;
  /** Id of the peer case this one is compared with. */
  readonly peer?: string;
  readonly note?: string;
}

/** Times the cases and turns each measurement into a result with its ratio to the peer case. */
export function measureCompared(
  cases: readonly ComparedCase[],
  timing: TimingOptions,
  log: (line: string) => void,
): { results: BenchResult[]; measured: Map<string, Measurement> } {
  const measured = measure(cases, timing);
  const results = cases.map((def): BenchResult => {
    const m = measured.get(def.id);
    if (m === undefined) throw new Error(`no measurement for ${def.id}`);
    const peer = def.peer === undefined ? undefined : measured.get(def.peer);
    log(`  ${def.id}: ±${m.rmePercent.toFixed(2)} % over ${m.samples} samples`);
    return {
      case: def.case,
      impl: def.impl,
      opsPerSec: m.opsPerSec,
      meanNs: m.meanNs,
      samples: m.samples,
      ...(peer === undefined ? {} : { ratioToPeer: m.opsPerSec / peer.opsPerSec }),
      ...(def.note === undefined ? {} : { note: def.note }),
    };
  });
  return { results, measured };
}
