import type { Clock, RandomSource } from '@payterm/kernel';
import type { CardReader } from '../ports/card-reader.js';
import type { HostLink } from '../ports/host-link.js';
import type { PinPad } from '../ports/pin-pad.js';
import type { Printer } from '../ports/printer.js';
import type { SignaturePad } from '../ports/signature-pad.js';
import type { TerminalStorage } from '../ports/storage.js';
import type { SecurityModule } from '../security/security-module.js';
import type { ScryptCost } from '../operators/password-hash.js';

/** Everything the terminal core is plugged into: Node adapters in the CLI, browser ones on the web. */
export interface TerminalDevices {
  readonly storage: TerminalStorage;
  readonly link: HostLink;
  readonly security: SecurityModule;
  readonly cardReader: CardReader;
  readonly pinPad: PinPad;
  readonly printer: Printer;
  /** Absent: signature lines are printed for the cardholder to sign on paper. */
  readonly signaturePad?: SignaturePad;
  readonly clock: Clock;
  readonly random: RandomSource;
  /** Password hashing cost (tests lower it). */
  readonly scryptCost?: ScryptCost;
}
