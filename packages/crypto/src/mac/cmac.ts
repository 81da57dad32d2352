import type { BlockCipher } from '../cipher/block-cipher.js';
import { MacBase, type Mac } from './mac.js';

export interface CmacOptions {
  /** Bytes kept (leftmost). Default: one block. */
  readonly macLength?: number;
}

/** SP 800-38B subkey doubling: shift left one bit; if the top bit fell out, XOR Rb into the last byte. */
function double(block: Uint8Array): Uint8Array {
  const out = new Uint8Array(block.length);
  for (let index = 0; index < block.length; index += 1) {
    out[index] = (block[index]! << 1) | (index + 1 < block.length ? block[index + 1]! >> 7 : 0);
  }
  const last = block.length - 1;
  if (block[0]! & 0x80) out[last] = out[last]! ^ (block.length === 16 ? 0x87 : 0x1b);
  return out;
}

interface Subkeys {
  readonly k1: Uint8Array;
  readonly k2: Uint8Array;
}

/**
 * K1 and K2 of each keyed cipher, computed once: they depend on the key alone, and the HSM builds a
 * CMAC per call on the cipher it keeps for a key. Held no longer than the cipher (and its key schedule).
 */
const SUBKEYS = new WeakMap<BlockCipher, Subkeys>();

function subkeysOf(cipher: BlockCipher): Subkeys {
  let subkeys = SUBKEYS.get(cipher);
  if (subkeys === undefined) {
    const l = cipher.encryptBlocksEcb(new Uint8Array(cipher.blockSize));
    const k1 = double(l);
    subkeys = { k1, k2: double(k1) };
    l.fill(0);
    SUBKEYS.set(cipher, subkeys);
  }
  return subkeys;
}

class Cmac extends MacBase {
  readonly #cipher: BlockCipher;
  readonly #k1: Uint8Array;
  readonly #k2: Uint8Array;
  readonly #state: Uint8Array;

  constructor(cipher: BlockCipher, options: CmacOptions) {
    super(options.macLength ?? cipher.blockSize, cipher.blockSize);
    this.#cipher = cipher;
    const { k1, k2 } = subkeysOf(cipher);
    this.#k1 = k1;
    this.#k2 = k2;
    this.#state = new Uint8Array(cipher.blockSize);
  }

  protected computeFull(data: Uint8Array): Uint8Array {
    const size = this.#cipher.blockSize;
    const state = this.#state;
    state.fill(0);
    const complete = data.length > 0 && data.length % size === 0;
    const lastStart = complete ? data.length - size : data.length - (data.length % size);
    for (let offset = 0; offset < lastStart; offset += size) {
      for (let index = 0; index < size; index += 1) state[index] = state[index]! ^ data[offset + index]!;
      this.#cipher.encryptBlock(state, 0, state, 0);
    }
    const rest = data.length - lastStart;
    const subkey = complete ? this.#k1 : this.#k2;
    for (let index = 0; index < size; index += 1) {
      const byte = index < rest ? data[lastStart + index]! : index === rest ? 0x80 : 0;
      state[index] = state[index]! ^ byte ^ subkey[index]!;
    }
    this.#cipher.encryptBlock(state, 0, state, 0);
    return state;
  }
}

/** CMAC (NIST SP 800-38B; ISO/IEC 9797-1 algorithm 5) over any block cipher: AES-CMAC, TDES-CMAC. */
export function createCmac(cipher: BlockCipher, options: CmacOptions = {}): Mac {
  return new Cmac(cipher, options);
}
