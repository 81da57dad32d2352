import { Command } from 'commander';
import type { CliIo } from '../../cli-io.js';
import { dukptCommand } from './dukpt-command.js';
import { kcvCommand } from './kcv-command.js';
import { macCommand } from './mac-command.js';
import { pinblockCommand } from './pinblock-command.js';
import { qrCommand } from './qr-command.js';
import { tlvCommand } from './tlv-command.js';
import { tr31Command } from './tr31-command.js';

/** `payterm tools …`: payment crypto and EMV helpers; JSON on stdout, keys and PINs never in errors. */
export function toolsCommand(io: CliIo): Command {
  return new Command('tools')
    .description(
      'payment tools: PIN blocks, key check values, MACs, EMV TLV, EMVCo QR codes, DUKPT, TR-31 (JSON output)',
    )
    .addCommand(pinblockCommand(io))
    .addCommand(kcvCommand(io))
    .addCommand(macCommand(io))
    .addCommand(tlvCommand(io))
    .addCommand(qrCommand(io))
    .addCommand(dukptCommand(io))
    .addCommand(tr31Command(io));
}
