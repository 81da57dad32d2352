import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { withHostHsm, type HostLocationFlags } from './host-hsm.js';
import { ensurePackageSigningKey, signingKeyJson } from './signing-key.js';
import { printJson } from '../tools/tool-input.js';
import { hostLocationOptions } from './tms-options.js';

/** `payterm tms keygen`: the package-signing key in the host's HSM; prints its public key for terminals. */
export function keygenCommand(io: CliIo): Command {
  return hostLocationOptions(
    new Command('keygen').description(
      "create the package-signing key (Ed25519, non-exportable) in the host's HSM, or show the existing one; " +
        'prints the public key and keyId that terminals are provisioned with',
    ),
  ).action(async (flags: HostLocationFlags) => {
    const result = await withHostHsm(flags, { create: true }, async ({ runtime, lmkSource }) => {
      const { key, created } = await ensurePackageSigningKey(runtime.hsm, runtime.repositories.settings);
      return { created, ...signingKeyJson(key), lmk: lmkSource };
    });
    printJson(io, result);
  });
}
