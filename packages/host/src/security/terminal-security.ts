import type { CupSignInKeys, CupSignInLayout, Hsm, KeyHandle } from '@payterm/crypto';

/**
 * The host's cryptography for terminals, all through the HSM port: working keys at sign-in, the POS ECB
 * MAC of requests and responses under the terminal's MAK, and PIN blocks translated from the terminal's
 * PIK to the issuer's zone PIN key (the host never sees a clear PIN). Key handles are looked up once by id.
 */
export class TerminalSecurity {
  readonly #hsm: Hsm;
  readonly #handles = new Map<string, Promise<KeyHandle>>();

  constructor(hsm: Hsm) {
    this.#hsm = hsm;
  }

  /** The handle of key `id` (cached: handles hold no secret, and keys are never changed in place). */
  key(id: string): Promise<KeyHandle> {
    let handle = this.#handles.get(id);
    if (handle === undefined) {
      handle = this.#hsm.getKey(id);
      handle.catch(() => this.#handles.delete(id));
      this.#handles.set(id, handle);
    }
    return handle;
  }

  /** New PIK, MAK (and TDK for layout 004) under the terminal's TMK: field 62 of the 0810. */
  async issueWorkingKeys(tmkId: string, layout: CupSignInLayout): Promise<CupSignInKeys> {
    const keys = await this.#hsm.generateCupSignInKeys({ tmk: await this.key(tmkId), layout });
    for (const handle of [keys.pik, keys.mak, keys.tdk]) {
      if (handle !== undefined) this.#handles.set(handle.id, Promise.resolve(handle));
    }
    return keys;
  }

  /** The 8-byte POS ECB MAC (reference §5.2) of `input` under MAK `makId`. */
  async mac(makId: string, input: Uint8Array): Promise<Uint8Array> {
    return this.#hsm.generateMac({ key: { key: await this.key(makId) }, algorithm: 'cup-ecb', data: input });
  }

  async verifyMac(makId: string, input: Uint8Array, mac: Uint8Array): Promise<boolean> {
    return this.#hsm.verifyMac({
      key: { key: await this.key(makId) },
      algorithm: 'cup-ecb',
      data: input,
      mac,
    });
  }

  /** A format 0 PIN block under PIK `pikId` → a format 0 block under the issuer's zone PIN key. */
  async translatePin(pikId: string, pinBlock: Uint8Array, pan: string, zpk: KeyHandle): Promise<Uint8Array> {
    return this.#hsm.translatePin({
      pinBlock,
      pan,
      from: { key: { key: await this.key(pikId) }, format: 0 },
      to: { key: zpk, format: 0 },
    });
  }
}
