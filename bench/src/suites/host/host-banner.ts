/** What the load bench needs from `payterm host`'s start banner. */
export interface HostBanner {
  readonly isoHost: string;
  readonly isoPort: number;
  /** `http://host:port` */
  readonly httpUrl: string;
  /** Printed at the first start of a fresh data directory only. */
  readonly apiToken: string | undefined;
}

const ISO_LINE = /ISO 8583 \(TCP[^)]*\)\s+(\S+):(\d+)\s*$/m;
const HTTP_LINE = /HTTP API\s+(https?:\/\/\S+?)\/api\b/m;
const TOKEN_LINE = /API token[^:]*:\s*(\S+)\s*$/m;
/** The last line of the banner: once it is in, every line above it is too. */
const BANNER_END = /Ctrl-C stops the host/;

/**
 * Parses the banner once it is complete (undefined while lines are still missing). Throws when the
 * banner is complete but names no ISO port: a changed banner must fail loudly, not hang the bench.
 */
export function parseHostBanner(text: string): HostBanner | undefined {
  if (!BANNER_END.test(text)) return undefined;
  const iso = ISO_LINE.exec(text);
  const http = HTTP_LINE.exec(text);
  if (iso === null || http === null) {
    throw new Error(`the host banner names no ${iso === null ? 'ISO 8583 address' : 'HTTP URL'}:\n${text}`);
  }
  const isoPort = Number(iso[2]);
  if (!Number.isInteger(isoPort) || isoPort <= 0 || isoPort > 65_535) {
    throw new Error(`the host banner names ISO port ${iso[2]}`);
  }
  return {
    isoHost: iso[1] as string,
    isoPort,
    httpUrl: http[1] as string,
    apiToken: TOKEN_LINE.exec(text)?.[1],
  };
}
