import { Command, Option } from 'commander';
import {
  TdesDukptHost,
  bytesToHex,
  createCipher,
  keyCheckValue,
  tdesDukptCounter,
  type TdesDukptKeyUsage,
} from '@payterm/crypto';
import type { CliIo } from '../../cli-io.js';
import { parseKeyHex, printJson } from './tool-input.js';

const USAGES = ['ipek', 'transaction', 'pin', 'mac-request', 'mac-response', 'data-request', 'data-response'];

interface DukptOptions {
  bdk: string;
  ksn: string;
  usage: string;
}

/** The key the usage names: the IPEK, the transaction key, or one of its working-key variants. */
function derive(host: TdesDukptHost, ksn: Uint8Array, usage: string): Uint8Array {
  if (usage === 'ipek') return host.initialKey(ksn);
  if (usage === 'transaction') return host.transactionKey(ksn);
  return host.workingKey(ksn, usage as TdesDukptKeyUsage);
}

export function dukptCommand(io: CliIo): Command {
  return new Command('dukpt')
    .description(
      'TDES DUKPT (ANSI X9.24-1:2009): the key of a KSN from the BDK, with its check value. It prints a ' +
        'derived key on purpose: a test tool, not for production BDKs',
    )
    .requiredOption('--bdk <hex>', 'the base derivation key (2-key TDES, 16 bytes)')
    .requiredOption('--ksn <hex>', 'the key serial number (10 bytes; its counter picks the transaction)')
    .addOption(new Option('--usage <usage>', 'which key to derive').choices(USAGES).default('pin'))
    .action((options: DukptOptions) => {
      const ksn = parseKeyHex(options.ksn, '--ksn');
      const bdk = parseKeyHex(options.bdk, '--bdk');
      let key: Uint8Array;
      try {
        key = derive(new TdesDukptHost(bdk), ksn, options.usage);
      } finally {
        bdk.fill(0);
      }
      const kcv = keyCheckValue(createCipher('tdes', key));
      printJson(io, {
        scheme: 'tdes',
        ksn: bytesToHex(ksn),
        counter: tdesDukptCounter(ksn),
        usage: options.usage,
        key: bytesToHex(key),
        kcv: bytesToHex(kcv),
      });
      key.fill(0);
    });
}
