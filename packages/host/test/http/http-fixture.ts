import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { SoftwareHsm } from '@payterm/crypto';
import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import type { FrameHandler } from '../../src/channel/index.js';
import { ApiTokens, createHttpServer, type HealthReport } from '../../src/http/index.js';
import { HostMetrics } from '../../src/metrics/index.js';
import { createRepositories, type HostDatabase, type HostRepositories } from '../../src/storage/index.js';

export const START_MS = Date.UTC(2026, 10, 26, 8, 0, 0);

/** The engine's directory as the API sees it: records what it was told to forget. */
export class RecordingDirectory {
  readonly forgotten: string[] = [];
  forgetTerminal(tid: string): void {
    this.forgotten.push(`terminal:${tid}`);
  }
  forgetMerchant(mid: string): void {
    this.forgotten.push(`merchant:${mid}`);
  }
}

export interface HttpFixture {
  readonly app: FastifyInstance;
  readonly token: string;
  readonly tokens: ApiTokens;
  readonly repositories: HostRepositories;
  readonly hsm: SoftwareHsm;
  readonly clock: SimulatedClock;
  readonly random: SeededRandom;
  readonly directory: RecordingDirectory;
  readonly metrics: HostMetrics;
  /** What `deps.health` answers. */
  engineHealth: HealthReport;
  /** A request with the fixture's token. */
  call(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

let nextSeed = 1;

/** A real server over a real database and a software HSM whose keys live in that database. */
export async function openHttpFixture(
  database: HostDatabase,
  options: { isoHandler?: FrameHandler } = {},
): Promise<HttpFixture> {
  const repositories = createRepositories(database.db);
  const clock = new SimulatedClock(START_MS);
  const random = new SeededRandom(nextSeed++ * 7919);
  const lmk = new Uint8Array(32).fill(0x5a);
  const hsm = new SoftwareHsm({ lmk, random, store: repositories.hsmKeys, clock });
  const directory = new RecordingDirectory();
  const metrics = new HostMetrics({ defaultMetrics: false });
  const tokens = new ApiTokens(repositories.apiTokens, clock, random);
  const token = await tokens.issue(`tester-${nextSeed}`);
  const fixture: HttpFixture = {
    app: undefined as unknown as FastifyInstance,
    token,
    tokens,
    repositories,
    hsm,
    clock,
    random,
    directory,
    metrics,
    engineHealth: { healthy: true, checks: { commitQueueFailed: false } },
    call: (request) =>
      fixture.app.inject({
        ...request,
        headers: { authorization: `Bearer ${token}`, ...request.headers },
      }),
    close: () => fixture.app.close(),
  };
  const app = await createHttpServer({
    repositories,
    hsm,
    directory,
    health: () => Promise.resolve(fixture.engineHealth),
    metrics,
    clock,
    random,
    logger: false,
    version: '0.1.0-test',
    ...(options.isoHandler === undefined ? {} : { isoHandler: options.isoHandler }),
  });
  return Object.assign(fixture, { app });
}

/** A unique 15-character MID / 8-digit TID per call, so tests sharing a database do not collide. */
let counter = 0;
export function uniqueMid(): string {
  counter += 1;
  return `M${String(counter).padStart(6, '0')}${String(process.pid % 100000000).padStart(8, '0')}`;
}
export function uniqueTid(): string {
  counter += 1;
  return String(10_000_000 + ((process.pid * 1000 + counter) % 89_999_999)).slice(0, 8);
}

export async function createMerchant(fixture: HttpFixture, mid = uniqueMid()): Promise<string> {
  const response = await fixture.call({
    method: 'POST',
    url: '/api/merchants',
    payload: {
      mid,
      name: 'Demo Shop',
      mcc: '5411',
      city: 'Shanghai',
      currency: 'CNY',
      singleTransactionLimit: { amountMinor: 5_000_00, currency: 'CNY' },
    },
  });
  if (response.statusCode !== 201) throw new Error(`merchant: ${response.statusCode} ${response.body}`);
  return mid;
}

export async function createTerminal(fixture: HttpFixture, mid: string, tid = uniqueTid()): Promise<string> {
  const response = await fixture.call({ method: 'POST', url: '/api/terminals', payload: { tid, mid } });
  if (response.statusCode !== 201) throw new Error(`terminal: ${response.statusCode} ${response.body}`);
  return tid;
}
