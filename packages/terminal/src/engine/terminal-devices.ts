import type { Clock, RandomSource } from '@payterm/kernel';
import type { CardReader } from '../ports/card-reader.js';
import type { HostLink } from '../ports/host-link.js';
import type { PinPad } from '../ports/pin-pad.js';
import type { PowerPort } from '../ports/power.js';
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
  /** The battery (absent: the device cannot tell, and the upgrade treats it as on mains). */
  readonly power?: PowerPort;
  /**
   * Ed25519 public keys (raw, 32 bytes) trusted for software packages (docs/TMS.md §1). Absent: a demo
   * terminal trusts the published demo key, any other terminal none (it cannot upgrade).
   */
  readonly softwareKeys?: readonly Uint8Array[];
  /** Password hashing cost (tests lower it). */
  readonly scryptCost?: ScryptCost;
}
