import { existsSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';

/** The upgrade steps a test can stop at: between two durable writes, where a power cut must be survived. */
export type UpgradePauseStep = 'verified' | 'installed' | 'self-test';

const POLL_MS = 50;

/**
 * Test-only, never for production: with `PAYTERM_TEST_PAUSE_AT=<step>` the process prints
 * `PAYTERM_TEST_PAUSED <step>` on stderr at that step and waits until the file named by
 * `PAYTERM_TEST_RESUME_FILE` exists (without it, until it is killed). The end-to-end tests cut the power
 * (`kill -9`) there: steps a timer cannot hit reliably.
 */
export async function pauseForTest(
  step: UpgradePauseStep,
  env: NodeJS.ProcessEnv = process.env,
): Promise<void> {
  if (env['PAYTERM_TEST_PAUSE_AT'] !== step) return;
  process.stderr.write(`PAYTERM_TEST_PAUSED ${step}\n`);
  const resumeFile = env['PAYTERM_TEST_RESUME_FILE'];
  for (;;) {
    if (resumeFile !== undefined && existsSync(resumeFile)) return;
    await sleep(POLL_MS);
  }
}
