import { readFile, writeFile } from 'node:fs/promises';
import { Command } from 'commander';
import {
  buildPackage,
  DEMO_SOFTWARE_PUBLIC_KEY,
  packagePrefixLength,
  parseVersion,
  signWithDemoKey,
  type BuiltPackage,
  type ReleaseNotes,
} from '@payterm/software';
import { applicationAbiOf, bundleTerminalApp, type ApplicationBundle } from '@payterm/software/node';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { printJson } from '../tools/tool-input.js';
import { withHostHsm } from './host-hsm.js';
import { findPackageSigningKey } from './signing-key.js';
import { hostLocationOptions } from './tms-options.js';

interface PackageOptions {
  readonly version: string;
  readonly minVersion?: string;
  readonly notesEn?: string;
  readonly notesZh?: string;
  readonly payload?: string;
  readonly out: string;
  readonly demoKey?: boolean;
  readonly data?: string;
  readonly db?: string;
}

type Signing = Pick<Parameters<typeof buildPackage>[0], 'sign' | 'publicKey'>;

function releaseNotes(options: PackageOptions): ReleaseNotes {
  if ((options.notesEn === undefined) !== (options.notesZh === undefined)) {
    throw new CliError('CLI_INVALID_OPTION', '--notes-en and --notes-zh go together', {
      option: options.notesEn === undefined ? '--notes-en' : '--notes-zh',
    });
  }
  return {
    en: options.notesEn ?? `PayTerm terminal ${options.version}`,
    zh: options.notesZh ?? `PayTerm 终端 ${options.version}`,
  };
}

/** The given payload file (its ABI read from it), or the terminal application bundled now. */
async function applicationPayload(file: string | undefined): Promise<ApplicationBundle> {
  if (file === undefined) return bundleTerminalApp();
  let payload: Uint8Array;
  try {
    payload = new Uint8Array(await readFile(file));
  } catch {
    throw new CliError('CLI_INPUT_UNREADABLE', 'The payload file cannot be read', { file });
  }
  return { payload, abi: await applicationAbiOf(payload) };
}

async function signAndWrite(
  options: PackageOptions,
  bundle: ApplicationBundle,
  signing: Signing,
): Promise<BuiltPackage> {
  const built = await buildPackage({
    version: options.version,
    ...(options.minVersion === undefined ? {} : { minVersion: options.minVersion }),
    releaseNotes: releaseNotes(options),
    payload: bundle.payload,
    abi: bundle.abi,
    ...signing,
  });
  try {
    await writeFile(options.out, built.bytes);
  } catch {
    throw new CliError('CLI_OUTPUT_UNWRITABLE', 'The package file cannot be written', { file: options.out });
  }
  return built;
}

/** `payterm tms package`: bundle (or take) the application, sign it with the HSM key or the demo key. */
export function packageCommand(io: CliIo): Command {
  return hostLocationOptions(
    new Command('package')
      .description(
        'build a signed terminal software package (.ptpkg): bundles the terminal application unless --payload ' +
          "is given, signs the manifest with the host HSM's package-signing key (or --demo-key)",
      )
      .requiredOption('--version <version>', 'the package version, MAJOR.MINOR.PATCH (each 0-99)')
      .option(
        '--min-version <version>',
        'the oldest installed version that may upgrade to it (default 0.0.0)',
      )
      .option('--notes-en <text>', 'release notes in English (with --notes-zh)')
      .option('--notes-zh <text>', 'release notes in Chinese (with --notes-en)')
      .option('--payload <file>', 'an application module to package as is (it must export TERMINAL_APP_ABI)')
      .requiredOption('--out <file>', 'where to write the package')
      .option('--demo-key', 'sign with the published demo key (tests and demos only, never production)'),
  ).action(async (options: PackageOptions) => {
    if (options.demoKey === true && (options.data !== undefined || options.db !== undefined)) {
      throw new CliError(
        'CLI_INVALID_OPTION',
        '--demo-key signs without the host: leave out --data and --db',
        {
          option: '--demo-key',
        },
      );
    }
    parseVersion(options.version);
    if (options.minVersion !== undefined) parseVersion(options.minVersion);
    releaseNotes(options);
    const bundle = await applicationPayload(options.payload);
    const built =
      options.demoKey === true
        ? await signAndWrite(options, bundle, { sign: signWithDemoKey, publicKey: DEMO_SOFTWARE_PUBLIC_KEY })
        : await withHostHsm(options, { create: false }, async ({ runtime }) => {
            const key = await findPackageSigningKey(runtime.hsm, runtime.repositories.settings);
            if (key === undefined) {
              throw new CliError(
                'CLI_SIGNING_KEY_MISSING',
                'The host has no package-signing key: run payterm tms keygen',
                {},
              );
            }
            return signAndWrite(options, bundle, {
              sign: (bytes) => runtime.hsm.sign(key.handle, bytes),
              publicKey: key.publicKey,
            });
          });
    printJson(io, {
      file: options.out,
      version: built.manifest.version,
      minVersion: built.manifest.minVersion,
      abi: built.manifest.abi,
      keyId: built.keyId,
      demoKey: options.demoKey === true,
      sha256: built.manifest.sha256,
      sizes: {
        package: built.bytes.length,
        prefix: packagePrefixLength(built.bytes),
        payload: built.manifest.size,
      },
    });
  });
}
