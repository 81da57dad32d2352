/**
 * Where the software HSM's Ed25519 arithmetic comes from. The default is WebCrypto (globalThis.crypto,
 * in browsers and in Node, where it is node:crypto underneath); `@payterm/crypto/node` offers the same
 * over node:crypto's sign() directly. Both import the 32-byte RFC 8032 seed as PKCS#8 DER.
 */
export interface Ed25519Engine {
  /** The raw 32-byte public key of a 32-byte seed. */
  publicKeyOf(seed: Uint8Array): Promise<Uint8Array>;
  /** The 64-byte RFC 8032 signature of `data`. */
  sign(seed: Uint8Array, data: Uint8Array): Promise<Uint8Array>;
}

/** PKCS#8 PrivateKeyInfo header of an Ed25519 key (RFC 8410), followed by the 32-byte seed. */
const PKCS8_ED25519_PREFIX = Uint8Array.from([
  0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x04, 0x22, 0x04, 0x20,
]);

/** The seed as PKCS#8 DER: the caller zeroes the result. */
export function ed25519Pkcs8(seed: Uint8Array): Uint8Array<ArrayBuffer> {
  const der = new Uint8Array(PKCS8_ED25519_PREFIX.length + seed.length);
  der.set(PKCS8_ED25519_PREFIX);
  der.set(seed, PKCS8_ED25519_PREFIX.length);
  return der;
}

function base64UrlToBytes(text: string): Uint8Array {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

async function importSeed(seed: Uint8Array, extractable: boolean): Promise<CryptoKey> {
  const der = ed25519Pkcs8(seed);
  try {
    return await globalThis.crypto.subtle.importKey('pkcs8', der, { name: 'Ed25519' }, extractable, ['sign']);
  } finally {
    der.fill(0);
  }
}

export const webCryptoEd25519: Ed25519Engine = {
  async publicKeyOf(seed) {
    const jwk = await globalThis.crypto.subtle.exportKey('jwk', await importSeed(seed, true));
    return base64UrlToBytes(jwk.x ?? '');
  },
  async sign(seed, data) {
    const key = await importSeed(seed, false);
    return new Uint8Array(
      await globalThis.crypto.subtle.sign({ name: 'Ed25519' }, key, Uint8Array.from(data)),
    );
  },
};
