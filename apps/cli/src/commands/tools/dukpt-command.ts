import { Command, Option } from 'commander';
import {
  AesDukptHost,
  TdesDukptHost,
  aesDukptCounter,
  bytesToHex,
  createCipher,
  keyCheckValue,
  tdesDukptCounter,
  type AesDukptKeyType,
  type AesDukptKeyUsage,
  type TdesDukptKeyUsage,
} from '@payterm/crypto';
import type { CliIo } from '../../cli-io.js';
import { invalidOption, parseKeyHex, printJson } from './tool-input.js';

const KEYS_OF_KSN = ['ipek', 'transaction'];
const TDES_USAGES = ['pin', 'mac-request', 'mac-response', 'data-request', 'data-response'];
const AES_USAGES = [
  'key-encryption',
  'pin-encryption',
  'mac-generation',
  'mac-verification',
  'mac-both',
  'data-encryption',
  'data-decryption',
  'data-both',
  'key-derivation',
];
const AES_KEY_TYPES = ['2tdea', '3tdea', 'aes128', 'aes192', 'aes256'];

interface DukptOptions {
  scheme: 'tdes' | 'aes';
  bdk: string;
  ksn: string;
  usage?: string;
  keyType?: AesDukptKeyType;
}

interface Derived {
  readonly key: Uint8Array;
  /** The cipher the key is for, which picks its check value (encrypt-zeros for TDES, CMAC for AES). */
  readonly algorithm: 'tdes' | 'aes';
  readonly counter: number;
  /** AES DUKPT working keys: the key type derived. */
  readonly keyType?: AesDukptKeyType;
}

function deriveTdes(bdk: Uint8Array, ksn: Uint8Array, usage: string): Derived {
  if (!KEYS_OF_KSN.includes(usage) && !TDES_USAGES.includes(usage))
    throw invalidOption('--usage', `TDES DUKPT usages: ${[...KEYS_OF_KSN, ...TDES_USAGES].join(', ')}`);
  const host = new TdesDukptHost(bdk);
  const key =
    usage === 'ipek'
      ? host.initialKey(ksn)
      : usage === 'transaction'
        ? host.transactionKey(ksn)
        : host.workingKey(ksn, usage as TdesDukptKeyUsage);
  return { key, algorithm: 'tdes', counter: tdesDukptCounter(ksn) };
}

function deriveAes(
  bdk: Uint8Array,
  ksn: Uint8Array,
  usage: string,
  keyType: AesDukptKeyType | undefined,
): Derived {
  if (!KEYS_OF_KSN.includes(usage) && !AES_USAGES.includes(usage))
    throw invalidOption('--usage', `AES DUKPT usages: ${[...KEYS_OF_KSN, ...AES_USAGES].join(', ')}`);
  if (keyType !== undefined && KEYS_OF_KSN.includes(usage))
    throw invalidOption(
      '--key-type',
      '--key-type applies to working keys, not to the ipek or transaction key',
    );
  const host = new AesDukptHost(bdk);
  const counter = aesDukptCounter(ksn);
  if (usage === 'ipek') return { key: host.initialKey(ksn.subarray(0, 8)), algorithm: 'aes', counter };
  if (usage === 'transaction') return { key: host.transactionKey(ksn), algorithm: 'aes', counter };
  const type = keyType ?? (`aes${bdk.length * 8}` as AesDukptKeyType);
  const key = host.workingKey(ksn, usage as AesDukptKeyUsage, type);
  return { key, algorithm: type.endsWith('tdea') ? 'tdes' : 'aes', counter, keyType: type };
}

export function dukptCommand(io: CliIo): Command {
  return new Command('dukpt')
    .description(
      'DUKPT: the key of a KSN from the BDK, with its check value — TDES (ANSI X9.24-1:2009, 10-byte KSN) ' +
        'or AES (X9.24-3:2017, 12-byte KSN). It prints a derived key on purpose: a test tool, not for ' +
        'production BDKs',
    )
    .addOption(new Option('--scheme <scheme>', 'DUKPT variant').choices(['tdes', 'aes']).default('tdes'))
    .requiredOption('--bdk <hex>', 'the base derivation key (TDES: 16 bytes; AES: 16, 24 or 32)')
    .requiredOption('--ksn <hex>', 'the key serial number (its counter picks the transaction)')
    .option(
      '--usage <usage>',
      `which key: ipek (AES: the initial key of the KSN's key ID), transaction, or a working key — ` +
        `TDES: ${TDES_USAGES.join(', ')} (default pin); AES: ${AES_USAGES.join(', ')} (default pin-encryption)`,
    )
    .addOption(
      new Option('--key-type <type>', 'AES DUKPT working-key type (default: the BDK’s AES size)').choices(
        AES_KEY_TYPES,
      ),
    )
    .action((options: DukptOptions) => {
      if (options.scheme === 'tdes' && options.keyType !== undefined)
        throw invalidOption('--key-type', '--key-type applies to AES DUKPT');
      const usage = options.usage ?? (options.scheme === 'tdes' ? 'pin' : 'pin-encryption');
      const ksn = parseKeyHex(options.ksn, '--ksn');
      const bdk = parseKeyHex(options.bdk, '--bdk');
      let derived: Derived;
      try {
        derived =
          options.scheme === 'tdes'
            ? deriveTdes(bdk, ksn, usage)
            : deriveAes(bdk, ksn, usage, options.keyType);
      } finally {
        bdk.fill(0);
      }
      const kcv = keyCheckValue(createCipher(derived.algorithm, derived.key));
      printJson(io, {
        scheme: options.scheme,
        ksn: bytesToHex(ksn),
        counter: derived.counter,
        usage,
        ...(derived.keyType === undefined ? {} : { keyType: derived.keyType }),
        key: bytesToHex(derived.key),
        kcv: bytesToHex(kcv),
      });
      derived.key.fill(0);
    });
}
