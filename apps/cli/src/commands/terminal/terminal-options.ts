import { join } from 'node:path';
import type { Command } from 'commander';
import { CliError } from '../../cli-error.js';
import { DEMO_TERMINALS, type HostAddressChoice, type NodeTerminalOptions } from '@payterm/terminal/node';
import type { Language, PowerPort, ProfileInput } from '@payterm/terminal';

/** Options every `payterm terminal` command takes (before the subcommand). */
export interface TerminalGlobalFlags {
  readonly tid: string;
  readonly mid?: string;
  readonly merchantName?: string;
  readonly operator?: string;
  readonly password?: string;
  readonly data?: string;
  readonly host: string;
  readonly port: string;
  readonly lang?: string;
  readonly json?: boolean;
  readonly demo?: boolean;
  readonly connectTimeoutMs?: string;
  readonly responseTimeoutMs?: string;
  readonly battery?: string;
  readonly softwareKey?: string[];
}

export type ResolvedTerminalOptions = Omit<NodeTerminalOptions, 'peripherals'> & {
  readonly address: HostAddressChoice;
  readonly json: boolean;
  readonly operator?: string;
  readonly password?: string;
};

/** `--battery N`: the device runs on its battery at N % (absent: on mains, docs/TMS.md §3.2). */
function batteryPort(text: string | undefined): PowerPort | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) > 100) {
    throw new CliError('CLI_INVALID_OPTION', '--battery must be a percentage from 0 to 100', {
      option: 'battery',
    });
  }
  const status = { level: Number(text), charging: false };
  return { status: () => Promise.resolve(status) };
}

/** `--software-key HEX`: the Ed25519 public keys (32 bytes) this terminal trusts for software packages. */
function softwareKeys(hexes: readonly string[] | undefined): Uint8Array[] | undefined {
  if (hexes === undefined) return undefined;
  return hexes.map((hex) => {
    if (!/^[0-9a-fA-F]{64}$/.test(hex)) {
      throw new CliError(
        'CLI_INVALID_OPTION',
        '--software-key must be 64 hex digits (an Ed25519 public key)',
        {
          option: 'software-key',
        },
      );
    }
    return Uint8Array.from(Buffer.from(hex, 'hex'));
  });
}

/** Test-only: PAYTERM_TEST_FREE_BYTES makes the terminal report that much free storage (a full disk). */
function testFreeBytes(env: NodeJS.ProcessEnv): number | undefined {
  const text = env['PAYTERM_TEST_FREE_BYTES'];
  return text !== undefined && /^\d+$/.test(text) ? Number(text) : undefined;
}

function positiveInteger(text: string | undefined, option: string): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) <= 0) {
    throw new CliError('CLI_USAGE', `--${option} must be a positive whole number`, { option });
  }
  return Number(text);
}

/**
 * `explicit` when `--host` or `--port` was given on the command line or by its environment variable
 * (`command` or one of its parents holds them); `default` when both are the built-in defaults.
 */
export function hostAddressChoice(command: Command): HostAddressChoice {
  const given = (key: string): boolean => {
    const source = command.getOptionValueSourceWithGlobals(key);
    return source !== undefined && source !== 'default';
  };
  return given('host') || given('port') ? 'explicit' : 'default';
}

/**
 * Global flags → where the terminal keeps its state and how it reaches the host. The profile is
 * used on the first start of a data directory only (a demo TID needs nothing more); later starts
 * keep the stored one. `address` says whether host and port were chosen or are only the defaults
 * the stored TMS addresses replace.
 */
export function resolveTerminalOptions(
  flags: TerminalGlobalFlags,
  env: NodeJS.ProcessEnv,
  address: HostAddressChoice,
): ResolvedTerminalOptions {
  const demo = DEMO_TERMINALS[flags.tid];
  const mid = flags.mid ?? demo?.mid;
  const port = positiveInteger(flags.port, 'port') ?? 8583;
  const connectTimeoutMs = positiveInteger(flags.connectTimeoutMs, 'connect-timeout-ms');
  const responseTimeoutMs = positiveInteger(flags.responseTimeoutMs, 'response-timeout-ms');
  const language = flags.lang as Language | undefined;
  if (language !== undefined && language !== 'zh' && language !== 'en') {
    throw new CliError('CLI_USAGE', '--lang must be zh or en', { option: 'lang' });
  }
  const provision: ProfileInput | undefined =
    mid === undefined
      ? undefined
      : {
          tid: flags.tid,
          mid,
          merchantName: flags.merchantName ?? demo?.merchantName ?? 'PayTerm Merchant',
          demo: flags.demo === true,
          ...(language === undefined ? {} : { language }),
          ...(connectTimeoutMs === undefined ? {} : { connectTimeoutMs }),
          ...(responseTimeoutMs === undefined ? {} : { responseTimeoutMs }),
        };
  const power = batteryPort(flags.battery);
  const freeBytes = testFreeBytes(env);
  const keys = softwareKeys(flags.softwareKey);
  return {
    dataDir: flags.data ?? env['PAYTERM_TERMINAL_DATA'] ?? join('data', `terminal-${flags.tid}`),
    host: flags.host,
    port,
    address,
    ...(provision === undefined ? {} : { provision }),
    ...(power === undefined ? {} : { power }),
    ...(freeBytes === undefined ? {} : { freeBytes }),
    ...(keys === undefined ? {} : { softwareKeys: keys }),
    json: flags.json === true,
    ...(flags.operator === undefined ? {} : { operator: flags.operator }),
    ...(flags.password === undefined ? {} : { password: flags.password }),
  };
}
