import { createPrivateKey, createPublicKey, sign } from 'node:crypto';
import { ed25519Pkcs8, type Ed25519Engine } from '../hsm/ed25519-engine.js';

function privateKeyOf(seed: Uint8Array) {
  const der = ed25519Pkcs8(seed);
  try {
    return createPrivateKey({
      key: Buffer.from(der.buffer, der.byteOffset, der.length),
      format: 'der',
      type: 'pkcs8',
    });
  } finally {
    der.fill(0);
  }
}

/** Ed25519 over node:crypto (payment-crypto-reference §8): the seed imported as PKCS#8 DER. */
export const nodeEd25519: Ed25519Engine = {
  publicKeyOf(seed) {
    const jwk = createPublicKey(privateKeyOf(seed)).export({ format: 'jwk' });
    return Promise.resolve(Uint8Array.from(Buffer.from(jwk.x ?? '', 'base64url')));
  },
  sign(seed, data) {
    return Promise.resolve(Uint8Array.from(sign(null, data, privateKeyOf(seed))));
  },
};
