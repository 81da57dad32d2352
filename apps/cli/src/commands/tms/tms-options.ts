import type { Command } from 'commander';

/** `--data` / `--db`: the host whose HSM holds the package-signing key (as `payterm host`). */
export function hostLocationOptions(command: Command): Command {
  return command
    .option(
      '--data <dir>',
      "the host's data directory with its HSM master key (PAYTERM_DATA, default ./data)",
    )
    .option('--db <url>', "the host's database, sqlite:PATH or postgres://… (PAYTERM_DB or DATABASE_URL)");
}
