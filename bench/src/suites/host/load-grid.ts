/** One load setting: `connections` TCP connections, each keeping `inFlight` sales outstanding. */
export interface LoadSetting {
  readonly connections: number;
  readonly inFlight: number;
}

/** Shallow pipelines show the latency target (p99 ≤ 20 ms), deep ones the most sales per second. */
export const DEFAULT_LOAD_GRID: readonly LoadSetting[] = [
  { connections: 8, inFlight: 8 },
  { connections: 8, inFlight: 12 },
  { connections: 8, inFlight: 16 },
  { connections: 16, inFlight: 32 },
  { connections: 16, inFlight: 64 },
];

/** Parses `8x8,16x32` (N connections × K in flight, `x` or `×`). */
export function parseLoadGrid(text: string): LoadSetting[] {
  const settings = text
    .split(',')
    .map((part) => part.trim())
    .filter((part) => part !== '')
    .map((part) => {
      const match = /^(\d+)\s*[x×]\s*(\d+)$/.exec(part);
      const connections = Number(match?.[1]);
      const inFlight = Number(match?.[2]);
      if (match === null || connections < 1 || connections > 1024 || inFlight < 1 || inFlight > 4096) {
        throw new Error(`load setting "${part}" is not N×K (1–1024 connections × 1–4096 in flight)`);
      }
      return { connections, inFlight };
    });
  if (settings.length === 0) throw new Error('the load grid is empty');
  return settings;
}

export function formatSetting(setting: LoadSetting): string {
  return `${setting.connections}×${setting.inFlight}`;
}
