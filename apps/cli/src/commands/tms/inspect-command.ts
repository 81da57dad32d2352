import { readFile } from 'node:fs/promises';
import { Command } from 'commander';
import { hexToBytes } from '@payterm/crypto';
import {
  DEMO_SOFTWARE_PUBLIC_KEY,
  keyIdOf,
  readPackage,
  SoftwareError,
  verifyPayload,
  verifySignedManifest,
  type VerifiedPrefix,
} from '@payterm/software';
import type { CliIo } from '../../cli-io.js';
import { CliError } from '../../cli-error.js';
import { EXIT_NOT_APPROVED, ExitStatus } from '../../exit-status.js';
import { printJson } from '../tools/tool-input.js';

interface InspectOptions {
  readonly publicKey: readonly string[];
}

function collect(value: string, previous: readonly string[]): string[] {
  return [...previous, value];
}

function trustedKey(hex: string): Uint8Array {
  const bytes = /^[0-9a-fA-F]{64}$/.test(hex) ? hexToBytes(hex) : undefined;
  if (bytes === undefined) {
    throw new CliError('CLI_INVALID_OPTION', '--public-key is a raw Ed25519 public key, 64 hex digits', {
      option: '--public-key',
    });
  }
  return bytes;
}

/** The manifest as written, for display only when its signature does not verify. */
function unverifiedManifest(bytes: Uint8Array): unknown {
  try {
    return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) as unknown;
  } catch {
    return null;
  }
}

function codeOf(error: unknown): string {
  if (error instanceof SoftwareError) return error.code;
  throw error;
}

/** `payterm tms inspect FILE`: what a package says and whether it verifies (exit 3 when it does not). */
export function inspectCommand(io: CliIo): Command {
  return new Command('inspect')
    .description(
      'show a package: manifest, keyId, whether the signature verifies (with the demo key and any --public-key) ' +
        'and the payload matches, sizes; exit code 3 when it does not verify',
    )
    .argument('<file>', 'the .ptpkg file')
    .option('--public-key <hex>', 'a trusted Ed25519 public key (64 hex digits); repeatable', collect, [])
    .action(async (file: string, options: InspectOptions) => {
      let bytes: Uint8Array;
      try {
        bytes = new Uint8Array(await readFile(file));
      } catch {
        throw new CliError('CLI_INPUT_UNREADABLE', 'The package file cannot be read', { file });
      }
      const given = options.publicKey.map(trustedKey);
      const trusted = [DEMO_SOFTWARE_PUBLIC_KEY, ...given];
      const parts = readPackage(bytes);
      let verified: VerifiedPrefix | undefined;
      let signature = 'valid';
      try {
        verified = verifySignedManifest(bytes, trusted);
      } catch (error) {
        signature = codeOf(error);
      }
      let payload = 'not checked';
      if (verified !== undefined) {
        try {
          verifyPayload(bytes, verified);
          payload = 'valid';
        } catch (error) {
          payload = codeOf(error);
        }
      }
      const valid = signature === 'valid' && payload === 'valid';
      printJson(io, {
        file,
        valid,
        signature,
        payload,
        keyId: verified?.keyId ?? null,
        demoKey: verified?.keyId === keyIdOf(DEMO_SOFTWARE_PUBLIC_KEY),
        manifest: verified?.manifest ?? unverifiedManifest(parts.manifestBytes),
        sizes: {
          package: bytes.length,
          prefix: parts.payloadOffset,
          manifest: parts.manifestBytes.length,
          signature: parts.signature.length,
          payload: parts.payload.length,
        },
      });
      if (!valid) throw new ExitStatus(EXIT_NOT_APPROVED);
    });
}
