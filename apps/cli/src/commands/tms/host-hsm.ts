import { existsSync } from 'node:fs';
import { DEFAULT_LMK_VARIABLE } from '@payterm/crypto/node';
import { HostRuntime, loadOrCreateLmk, resolveHostConfig, type LoadedLmk } from '@payterm/host';
import { systemRandom } from '@payterm/kernel';
import { CliError } from '../../cli-error.js';

/** Where the host keeps its data: the flags of `payterm host`. */
export interface HostLocationFlags {
  readonly data?: string;
  readonly db?: string;
}

export interface HostHsmSession {
  readonly runtime: HostRuntime;
  /** Where the LMK came from; `created` when this call wrote a new one. */
  readonly lmkSource: LoadedLmk['source'];
}

/**
 * Opens the host's HSM as `payterm host` does (its LMK, its database with the HSM key store) for one
 * action, then closes it. `create: false` refuses a data directory without an LMK instead of making one.
 */
export async function withHostHsm<T>(
  flags: HostLocationFlags,
  options: { readonly create: boolean },
  action: (session: HostHsmSession) => Promise<T>,
): Promise<T> {
  const environment = process.env;
  const config = resolveHostConfig({ data: flags.data, db: flags.db }, environment);
  if (!options.create && !environment[DEFAULT_LMK_VARIABLE] && !existsSync(config.lmkFile)) {
    throw new CliError(
      'CLI_SIGNING_KEY_MISSING',
      'The host has no HSM master key here: run payterm tms keygen first',
      {
        lmkFile: config.lmkFile,
      },
    );
  }
  const { lmk, source } = await loadOrCreateLmk(config.lmkFile, environment, systemRandom);
  let runtime: HostRuntime;
  try {
    // No demo data: the host seeds it at its own first start.
    runtime = await HostRuntime.open({ databaseUrl: config.databaseUrl, lmk, demoData: false });
  } finally {
    lmk.fill(0);
  }
  try {
    return await action({ runtime, lmkSource: source });
  } finally {
    await runtime.close();
  }
}
