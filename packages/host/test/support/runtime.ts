import { SimulatedClock, SeededRandom, type Clock } from '@payterm/kernel';
import type { StorageDialect } from '../../src/storage/database/open-database.js';
import { HostRuntime, type HostRuntimeOptions } from '../../src/app/host-runtime.js';
import { openTestDatabase } from './database.js';

/** The LMK of host tests (never a production key). */
export const TEST_LMK = Uint8Array.from({ length: 32 }, (_, index) => (index * 7 + 3) & 0xff);

/** 2026-11-26 10:00 China time. */
export const TEST_START_MS = Date.UTC(2026, 10, 26, 2, 0, 0);

export interface TestRuntime {
  readonly runtime: HostRuntime;
  readonly clock: SimulatedClock;
  /** Closes the runtime and opens a new one on the same database (a host restart). */
  restart(options?: Partial<HostRuntimeOptions>): Promise<HostRuntime>;
  cleanup(): Promise<void>;
}

/** A host runtime on a fresh test database of `dialect`, with demo data and a simulated clock. */
export async function openTestRuntime(
  dialect: StorageDialect,
  options: Partial<HostRuntimeOptions> & { readonly clock?: Clock } = {},
): Promise<TestRuntime> {
  const opened = await openTestDatabase(dialect);
  const clock = new SimulatedClock(TEST_START_MS);
  const base: HostRuntimeOptions = {
    databaseUrl: opened.location.url,
    lmk: TEST_LMK,
    clock,
    random: new SeededRandom(42),
    lateResponseMs: 50,
    ...(opened.location.schema === undefined ? {} : { postgresSchema: opened.location.schema }),
    ...options,
  };
  let runtime: HostRuntime;
  try {
    runtime = await HostRuntime.open(base);
  } catch (error) {
    // A host that does not start leaves no database or schema behind either.
    await opened.cleanup();
    throw error;
  }
  // Each start its own seed: the simulated clock may not have moved, and transaction ids (time +
  // random) of two starts with the same seed would collide.
  let restarts = 0;
  return {
    get runtime() {
      return runtime;
    },
    clock,
    async restart(more = {}) {
      await runtime.close();
      restarts += 1;
      runtime = await HostRuntime.open({ ...base, random: new SeededRandom(42 + restarts), ...more });
      return runtime;
    },
    async cleanup() {
      await runtime.close();
      await opened.cleanup();
    },
  };
}
