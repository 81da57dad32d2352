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
export async function fetchCommitStats(
  httpUrl: string,
  token: string | undefined,
): Promise<CommitStats | undefined> {
  if (token === undefined) return undefined;
  try {
    const response = await fetch(`${httpUrl}/metrics`, { headers: { authorization: `Bearer ${token}` } });
    return response.ok ? commitStatsOf(await response.text()) : undefined;
  } catch {
    return undefined;
  }
}
