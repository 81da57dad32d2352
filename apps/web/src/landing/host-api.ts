/**
 * The two public endpoints the start page reads — `GET /api/health` and `GET /api/public/demo` —
 * and what their answers mean for the page. Parsing is strict about the fields the page shows, so a
 * server that is not a PayTerm host reads as unreachable instead of rendering half a status.
 */

export type HostState = 'checking' | 'ok' | 'degraded' | 'unreachable';

export interface HostStatus {
  readonly state: HostState;
  readonly version?: string;
  readonly database?: 'up' | 'down';
  readonly engineHealthy?: boolean;
  /** The host's clock at the answer (its Date header), when it sent one. */
  readonly checkedAt?: string;
  /** Why the host counts as unreachable. */
  readonly reason?: string;
}

export interface DemoTerminal {
  readonly tid: string;
  readonly status: 'active' | 'disabled';
  readonly signedIn: boolean;
  readonly batchNo: string;
  readonly signedInAt: string | null;
}

export interface DemoListing {
  readonly merchant: { readonly mid: string; readonly name: string };
  readonly terminals: readonly DemoTerminal[];
}

export type DemoState =
  | { readonly kind: 'loading' }
  | { readonly kind: 'loaded'; readonly listing: DemoListing }
  | { readonly kind: 'failed'; readonly reason: string; readonly last?: DemoListing };

/** How long one request may take before the host counts as unreachable (polls are 5 s apart). */
export const REQUEST_TIMEOUT_MS = 4000;

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The host's status from the HTTP status and body of `/api/health` (200 ok, 503 degraded). */
export function readHealth(httpStatus: number, body: unknown, dateHeader: string | null = null): HostStatus {
  const checkedAt = dateHeader === null ? {} : { checkedAt: dateHeader };
  if (
    !isRecord(body) ||
    (body['status'] !== 'ok' && body['status'] !== 'degraded') ||
    typeof body['version'] !== 'string' ||
    (body['database'] !== 'up' && body['database'] !== 'down')
  ) {
    return { state: 'unreachable', reason: `HTTP ${httpStatus}: not a PayTerm health answer`, ...checkedAt };
  }
  const engine = body['engine'];
  const engineHealthy =
    isRecord(engine) && typeof engine['healthy'] === 'boolean' ? engine['healthy'] : false;
  return {
    state: httpStatus === 200 && body['status'] === 'ok' ? 'ok' : 'degraded',
    version: body['version'],
    database: body['database'],
    engineHealthy,
    ...checkedAt,
  };
}

function readTerminal(value: unknown, index: number): DemoTerminal {
  if (
    !isRecord(value) ||
    typeof value['tid'] !== 'string' ||
    (value['status'] !== 'active' && value['status'] !== 'disabled') ||
    typeof value['signedIn'] !== 'boolean' ||
    typeof value['batchNo'] !== 'string' ||
    (value['signedInAt'] !== null && typeof value['signedInAt'] !== 'string')
  ) {
    throw new Error(`terminals[${index}] is not a terminal`);
  }
  return {
    tid: value['tid'],
    status: value['status'],
    signedIn: value['signedIn'],
    batchNo: value['batchNo'],
    signedInAt: value['signedInAt'],
  };
}

/** The demo listing of `/api/public/demo`; throws naming the first field that is wrong. */
export function readDemo(body: unknown): DemoListing {
  if (!isRecord(body)) throw new Error('the answer is not a JSON object');
  const merchant = body['merchant'];
  if (!isRecord(merchant) || typeof merchant['mid'] !== 'string' || typeof merchant['name'] !== 'string') {
    throw new Error('merchant is missing its mid or name');
  }
  const terminals = body['terminals'];
  if (!Array.isArray(terminals)) throw new Error('terminals is not a list');
  return {
    merchant: { mid: merchant['mid'], name: merchant['name'] },
    terminals: terminals.map(readTerminal),
  };
}

/** The device page of a terminal. */
export function terminalHref(tid: string): string {
  return `/terminal?tid=${encodeURIComponent(tid)}`;
}

function withTimeout(signal: AbortSignal): AbortSignal {
  return AbortSignal.any([signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]);
}

function failure(error: unknown): string {
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return `no answer within ${REQUEST_TIMEOUT_MS / 1000} s`;
  }
  return error instanceof Error ? error.message : String(error);
}

/** Asks `/api/health`; never rejects except when `signal` (the page leaving) aborts it. */
export async function fetchHostStatus(signal: AbortSignal): Promise<HostStatus> {
  try {
    const response = await fetch('/api/health', {
      signal: withTimeout(signal),
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
    const body: unknown = await response.json().catch(() => undefined);
    return readHealth(response.status, body, response.headers.get('date'));
  } catch (error) {
    if (signal.aborted) throw error;
    return { state: 'unreachable', reason: failure(error) };
  }
}

/** Asks `/api/public/demo`, keeping the last good listing when a later request fails. */
export async function fetchDemo(signal: AbortSignal, previous: DemoState | undefined): Promise<DemoState> {
  try {
    const response = await fetch('/api/public/demo', {
      signal: withTimeout(signal),
      cache: 'no-store',
      headers: { accept: 'application/json' },
    });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return { kind: 'loaded', listing: readDemo(await response.json()) };
  } catch (error) {
    if (signal.aborted) throw error;
    const last =
      previous?.kind === 'loaded'
        ? previous.listing
        : previous?.kind === 'failed'
          ? previous.last
          : undefined;
    return { kind: 'failed', reason: failure(error), ...(last === undefined ? {} : { last }) };
  }
}
