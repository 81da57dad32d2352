/** Group commits of one host run, from its Prometheus histograms (the whole run, warm-up included). */
export interface CommitStats {
  readonly groups: number;
  readonly meanGroupSize: number;
  readonly meanCommitMs: number;
}

/** `_sum` and `_count` of an unlabelled Prometheus histogram in the text format; undefined if absent. */
export function histogramTotals(text: string, name: string): { sum: number; count: number } | undefined {
  const read = (suffix: string): number | undefined => {
    const match = new RegExp(`^${name}_${suffix}(?:\\{\\})? (\\S+)$`, 'm').exec(text);
    return match === null ? undefined : Number(match[1]);
  };
  const sum = read('sum');
  const count = read('count');
  return sum === undefined || count === undefined ? undefined : { sum, count };
}

export function commitStatsOf(metricsText: string): CommitStats | undefined {
  const size = histogramTotals(metricsText, 'payterm_commit_group_size');
  const duration = histogramTotals(metricsText, 'payterm_commit_duration_seconds');
  if (size === undefined || duration === undefined || size.count === 0) return undefined;
  return {
    groups: size.count,
    meanGroupSize: size.sum / size.count,
    meanCommitMs: (duration.sum * 1000) / duration.count,
  };
}

/** Reads the host's /metrics with the API token of its banner; undefined when that fails. */
export async function fetchMetricsText(
  httpUrl: string,
  token: string | undefined,
): Promise<string | undefined> {
  if (token === undefined) return undefined;
  try {
    const response = await fetch(`${httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    return response.ok ? await response.text() : undefined;
  } catch {
    return undefined;
  }
}

/** The host's main thread over the measured window, from two readings of its /metrics. */
export interface MainThreadStats {
  /** Event loop utilisation: busy time over wall time (1 = CPU-bound). */
  readonly busyShare: number;
  /** Main-thread time per answered message, in µs. */
  readonly busyUsPerAnswer: number;
}

/** A metric reading taken at one edge of the window, with the orchestrator's clock. */
export interface MetricsReading {
  readonly text: string;
  readonly atMs: number;
}

/** The sum of every sample of `name` (all label sets); undefined when the metric is absent. */
export function sampleSum(text: string, name: string): number | undefined {
  const pattern = new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'gm');
  let sum: number | undefined;
  for (const match of text.matchAll(pattern)) sum = (sum ?? 0) + Number(match[1]);
  return sum;
}

export function mainThreadStatsOf(start: MetricsReading, end: MetricsReading): MainThreadStats | undefined {
  const busy = (reading: MetricsReading) => sampleSum(reading.text, 'payterm_event_loop_busy_seconds');
  const answers = (reading: MetricsReading) => sampleSum(reading.text, 'payterm_iso_messages_total');
  const busyStart = busy(start);
  const busyEnd = busy(end);
  const answersStart = answers(start);
  const answersEnd = answers(end);
  if (
    busyStart === undefined ||
    busyEnd === undefined ||
    answersStart === undefined ||
    answersEnd === undefined
  )
    return undefined;
  const wallSeconds = (end.atMs - start.atMs) / 1000;
  const answered = answersEnd - answersStart;
  if (wallSeconds <= 0 || answered <= 0) return undefined;
  return {
    busyShare: (busyEnd - busyStart) / wallSeconds,
    busyUsPerAnswer: ((busyEnd - busyStart) * 1e6) / answered,
  };
}
