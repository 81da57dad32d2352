import { createCmac, type CipherFactory } from '@payterm/crypto';

/** The device key is an AES-256 key (32 bytes): the root of everything the secure element seals. */
export const DEVICE_KEY_LENGTH = 32;

const encoder = new TextEncoder();

/**
 * NIST SP 800-108 KDF in counter mode with AES-CMAC as the PRF:
 * K(i) = CMAC(deviceKey, [i]₁ ‖ label ‖ 0x00 ‖ [L]₂), output K(1) ‖ K(2) … cut to `lengthBytes`.
 * Distinct labels give independent keys, so the state seal and the PAN seal never share a key.
 */
export function deriveDeviceSubkey(
  deviceKey: Uint8Array,
  label: string,
  cipherFactory: CipherFactory,
  lengthBytes = 32,
): Uint8Array {
  const prf = createCmac(cipherFactory('aes', deviceKey));
  const labelBytes = encoder.encode(label);
  const input = new Uint8Array(1 + labelBytes.length + 1 + 2);
  input.set(labelBytes, 1);
  const lengthBits = lengthBytes * 8;
  input[input.length - 2] = lengthBits >> 8;
  input[input.length - 1] = lengthBits & 0xff;
  const out = new Uint8Array(lengthBytes);
  for (let block = 0, offset = 0; offset < lengthBytes; block += 1, offset += 16) {
    input[0] = block + 1;
    out.set(prf.compute(input).subarray(0, Math.min(16, lengthBytes - offset)), offset);
  }
  return out;
}
