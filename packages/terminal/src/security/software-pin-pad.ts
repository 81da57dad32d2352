import { terminalError } from '../errors.js';
import type { PinEntry, PinPad, PinRequest } from '../ports/pin-pad.js';
import type { SecurityModule } from './security-module.js';

/** What the customer did on the pad: typed a PIN, pressed Enter with none (`bypass`), or Cancel. */
export type PinSourceAnswer = string | 'bypass' | 'cancel';

/**
 * How the customer types: the keyboard in the CLI, the on-screen pad in the browser, a script in
 * tests. It shows `request.maskedPan` and the amount, never the PAN.
 */
export type PinSource = (request: PinRequest) => Promise<PinSourceAnswer>;

const PIN_PATTERN = /^\d{4,12}$/;

/** A PIN pad in software: the typed PIN goes straight into the security module as a format 0 block. */
export class SoftwarePinPad implements PinPad {
  readonly #security: SecurityModule;
  readonly #pinSource: PinSource;

  constructor(security: SecurityModule, pinSource: PinSource) {
    this.#security = security;
    this.#pinSource = pinSource;
  }

  async enterPin(request: PinRequest): Promise<PinEntry> {
    const answer = await this.#pinSource(request);
    if (answer === 'cancel') return { kind: 'cancelled' };
    if (answer === 'bypass') {
      if (request.bypassAllowed) return { kind: 'bypass' };
      throw terminalError('TERMINAL_INVALID_INPUT', 'this card needs a PIN: it cannot be bypassed', {
        field: 'pin',
        reason: 'bypass-not-allowed',
      });
    }
    if (typeof answer !== 'string' || !PIN_PATTERN.test(answer)) {
      throw terminalError('TERMINAL_INVALID_INPUT', 'a PIN is 4 to 12 digits', { field: 'pin' });
    }
    return { kind: 'pin', pinBlock: this.#security.encryptPin(answer, request.pan) };
  }
}
