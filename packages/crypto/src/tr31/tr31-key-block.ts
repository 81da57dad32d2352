/**
 * TR-31 key blocks, versions B (TDES) and D (AES) (ANSI X9.143:2021; TR-31:2018 A.7). The KBPK gives
 * two keys by CMAC-based derivation: KBEK encrypts the key data (CBC, IV = the MAC) and KBAK MACs the
 * header with the clear key data. Unwrap verifies the MAC in constant time before it reads the key.
 */
import type { RandomSource } from '@payterm/kernel';
import type { BlockCipher, CipherFactory } from '../cipher/block-cipher.js';
import { createCipher } from '../cipher/create-cipher.js';
import { constantTimeEqual } from '../constant-time.js';
import { cryptoError } from '../errors.js';
import { bytesToHex } from '../hex.js';
import { createCmac } from '../mac/cmac.js';
import {
  formatTr31Header,
  parseTr31Header,
  tr31BlockSize,
  type Tr31Header,
  type Tr31HeaderFields,
  type Tr31Version,
} from './tr31-header.js';

export interface Tr31Options {
  readonly cipherFactory?: CipherFactory;
}

export interface Tr31WrapInput extends Tr31Options {
  readonly version: Tr31Version;
  readonly kbpk: Uint8Array;
  readonly header: Tr31HeaderFields;
  /** The key to protect (1 to 64 bytes). */
  readonly key: Uint8Array;
  /** Pad the key data as if the key had this many bytes, to hide its length (X9.143 §6.3). */
  readonly maskedKeyLength?: number;
  /** Fills the random pad after the key. */
  readonly random: RandomSource;
}

export interface Tr31Unwrapped {
  readonly header: Tr31Header;
  readonly key: Uint8Array;
}

const MAX_KEY_LENGTH = 64;

interface DerivedKeys {
  readonly encryption: BlockCipher;
  readonly authentication: BlockCipher;
}

function checkKbpk(version: Tr31Version, kbpk: Uint8Array): void {
  const allowed = version === 'B' ? [16, 24] : [16, 24, 32];
  if (!(kbpk instanceof Uint8Array) || !allowed.includes(kbpk.length)) {
    throw cryptoError(
      'CRYPTO_KEY_BLOCK_UNSUPPORTED',
      `A version ${version} KBPK must be ${allowed.join(', ')} bytes`,
      {
        version,
        length: kbpk instanceof Uint8Array ? kbpk.length : -1,
      },
    );
  }
}

/**
 * KBEK and KBAK: CMAC_KBPK(counter ‖ usage ‖ 00 ‖ algorithm ‖ length in bits), counters 1, 2 (, 3),
 * truncated to the KBPK length; usage 0000 encryption, 0001 MAC.
 */
function deriveKeys(version: Tr31Version, kbpk: Uint8Array, factory: CipherFactory): DerivedKeys {
  const algorithm = version === 'B' ? 'tdes' : 'aes';
  const cmac = createCmac(factory(algorithm, kbpk));
  const code = version === 'B' ? (kbpk.length === 16 ? 0 : 1) : kbpk.length / 8; // AES 2/3/4
  const input = new Uint8Array(8);
  input[4] = 0;
  input[5] = code;
  input[6] = (kbpk.length * 8) >>> 8;
  input[7] = (kbpk.length * 8) & 0xff;
  const derive = (usage: number): BlockCipher => {
    const key = new Uint8Array(kbpk.length);
    const block = new Uint8Array(cmac.macLength);
    input[2] = usage;
    for (let offset = 0, counter = 1; offset < key.length; offset += block.length, counter += 1) {
      input[0] = counter;
      cmac.compute(input, block);
      key.set(block.subarray(0, Math.min(block.length, key.length - offset)), offset);
    }
    const cipher = factory(algorithm, key);
    key.fill(0);
    block.fill(0);
    return cipher;
  };
  return { encryption: derive(0), authentication: derive(1) };
}

function asciiBytes(text: string): Uint8Array {
  const out = new Uint8Array(text.length);
  for (let index = 0; index < text.length; index += 1) out[index] = text.charCodeAt(index);
  return out;
}

/** CMAC_KBAK(header ASCII ‖ clear key data), full block. */
function macOf(keys: DerivedKeys, header: string, clear: Uint8Array): Uint8Array {
  const input = new Uint8Array(header.length + clear.length);
  input.set(asciiBytes(header));
  input.set(clear, header.length);
  const mac = createCmac(keys.authentication).compute(input);
  input.fill(0);
  return mac;
}

/** Wraps `key` under the KBPK; returns the key block (ASCII). */
export function wrapTr31KeyBlock(input: Tr31WrapInput): string {
  const version = input.version;
  if (version !== 'B' && version !== 'D') {
    throw cryptoError('CRYPTO_KEY_BLOCK_UNSUPPORTED', 'TR-31 key block version must be B or D', {
      version: String(version),
    });
  }
  checkKbpk(version, input.kbpk);
  const key = input.key;
  const masked = input.maskedKeyLength ?? key.length;
  if (
    key.length < 1 ||
    key.length > MAX_KEY_LENGTH ||
    !Number.isInteger(masked) ||
    masked < key.length ||
    masked > MAX_KEY_LENGTH
  ) {
    throw cryptoError(
      'CRYPTO_KEY_BLOCK_UNSUPPORTED',
      `A wrapped key is 1 to ${MAX_KEY_LENGTH} bytes, masked no shorter`,
      {
        version,
        length: key.length,
      },
    );
  }
  const size = tr31BlockSize(version);
  const header = formatTr31Header(version, input.header);
  const clear = new Uint8Array(Math.ceil((2 + masked) / size) * size);
  clear[0] = (key.length * 8) >>> 8;
  clear[1] = (key.length * 8) & 0xff;
  clear.set(key, 2);
  const pad = clear.subarray(2 + key.length);
  input.random.fillBytes(pad);
  const total = header.length + 2 * (clear.length + size);
  if (total > 9999) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'A TR-31 key block is at most 9999 characters', {
      parameter: 'optionalBlocks',
    });
  }
  const finalHeader = header.slice(0, 1) + String(total).padStart(4, '0') + header.slice(5);
  const keys = deriveKeys(version, input.kbpk, input.cipherFactory ?? createCipher);
  const mac = macOf(keys, finalHeader, clear);
  const encrypted = keys.encryption.encryptCbc(mac, clear);
  clear.fill(0);
  return finalHeader + bytesToHex(encrypted) + bytesToHex(mac);
}

function hexBody(text: string, offset: number): Uint8Array {
  if (!/^[0-9A-F]*$/.test(text)) {
    throw cryptoError(
      'CRYPTO_KEY_BLOCK_MALFORMED',
      'TR-31 key block is malformed: body is not upper-case hex',
      {
        reason: 'body is not upper-case hex',
        offset,
      },
    );
  }
  const out = new Uint8Array(text.length / 2);
  for (let index = 0; index < out.length; index += 1)
    out[index] = Number.parseInt(text.slice(2 * index, 2 * index + 2), 16);
  return out;
}

/** Verifies and decrypts a B or D key block; nothing is returned unless its MAC verifies. */
export function unwrapTr31KeyBlock(
  kbpk: Uint8Array,
  keyBlock: string,
  options: Tr31Options = {},
): Tr31Unwrapped {
  const header = parseTr31Header(keyBlock);
  const version = header.version;
  checkKbpk(version, kbpk);
  const size = tr31BlockSize(version);
  const bodyLength = keyBlock.length - header.headerLength;
  const encryptedLength = bodyLength - 2 * size;
  if (bodyLength % 2 !== 0 || encryptedLength <= 0 || encryptedLength % (2 * size) !== 0) {
    throw cryptoError(
      'CRYPTO_KEY_BLOCK_MALFORMED',
      'TR-31 key block is malformed: key data is not whole blocks and a MAC',
      {
        reason: 'key data is not whole blocks and a MAC',
        offset: header.headerLength,
        have: bodyLength,
      },
    );
  }
  const encrypted = hexBody(
    keyBlock.slice(header.headerLength, header.headerLength + encryptedLength),
    header.headerLength,
  );
  const mac = hexBody(
    keyBlock.slice(header.headerLength + encryptedLength),
    header.headerLength + encryptedLength,
  );
  const keys = deriveKeys(version, kbpk, options.cipherFactory ?? createCipher);
  const clear = keys.encryption.decryptCbc(mac, encrypted);
  const expected = macOf(keys, keyBlock.slice(0, header.headerLength), clear);
  if (!constantTimeEqual(expected, mac)) {
    clear.fill(0);
    throw cryptoError('CRYPTO_KEY_BLOCK_MAC_MISMATCH', 'TR-31 key block MAC does not verify');
  }
  const bits = (clear[0]! << 8) | clear[1]!;
  if (bits === 0 || bits % 8 !== 0 || 2 + bits / 8 > clear.length) {
    clear.fill(0);
    throw cryptoError('CRYPTO_KEY_BLOCK_MALFORMED', 'TR-31 key block is malformed: key length', {
      reason: 'key length',
      have: bits,
    });
  }
  const key = clear.slice(2, 2 + bits / 8);
  clear.fill(0);
  return { header, key };
}
