import { createHash, createPrivateKey, createPublicKey, sign, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  DEMO_SOFTWARE_KEY_ID,
  DEMO_SOFTWARE_PUBLIC_KEY,
  DEMO_SOFTWARE_PUBLIC_KEY_HEX,
  DEMO_SOFTWARE_SIGNING_SEED_HEX,
  keyIdOf,
  signWithDemoKey,
  verifyEd25519,
} from '@payterm/software';
import { hex } from './support/packages.js';

const vector = JSON.parse(
  readFileSync(new URL('./fixtures/rfc8032-test1.json', import.meta.url), 'utf8'),
) as {
  secretKey: string;
  publicKey: string;
  message: string;
  signature: string;
};

const PKCS8_ED25519_PREFIX = '302e020100300506032b657004220420';

function nodePrivateKey(seedHex: string) {
  return createPrivateKey({
    key: Buffer.from(PKCS8_ED25519_PREFIX + seedHex, 'hex'),
    format: 'der',
    type: 'pkcs8',
  });
}

function nodePublicKey(publicKeyHex: string) {
  return createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKeyHex, 'hex').toString('base64url') },
    format: 'jwk',
  });
}

describe('Ed25519 (RFC 8032 §7.1 TEST 1)', () => {
  it('verifies the published signature with our code and with node:crypto', () => {
    expect(verifyEd25519(hex(vector.signature), hex(vector.message), hex(vector.publicKey))).toBe(true);
    expect(verify(null, hex(vector.message), nodePublicKey(vector.publicKey), hex(vector.signature))).toBe(
      true,
    );
  });

  it('node:crypto signs the vector from the seed imported as PKCS#8 DER', () => {
    const signature = sign(null, hex(vector.message), nodePrivateKey(vector.secretKey));
    expect(Buffer.from(signature).toString('hex')).toBe(vector.signature);
  });

  it('refuses a flipped signature, message or key, and malformed lengths, without throwing', () => {
    const signature = hex(vector.signature);
    signature[10]! ^= 1;
    expect(verifyEd25519(signature, hex(vector.message), hex(vector.publicKey))).toBe(false);
    expect(verifyEd25519(hex(vector.signature), new Uint8Array([0]), hex(vector.publicKey))).toBe(false);
    const key = hex(vector.publicKey);
    key[0]! ^= 1;
    expect(verifyEd25519(hex(vector.signature), hex(vector.message), key)).toBe(false);
    expect(verifyEd25519(hex(vector.signature).subarray(1), hex(vector.message), hex(vector.publicKey))).toBe(
      false,
    );
    expect(verifyEd25519(hex(vector.signature), hex(vector.message), new Uint8Array(31))).toBe(false);
  });
});

describe('the demo signing key (demo only)', () => {
  it('is the published seed, its public key and keyId', () => {
    const seed = createHash('sha256')
      .update('PayTerm demo software signing key (demo only, never for production)')
      .digest();
    expect(seed.toString('hex')).toBe(DEMO_SOFTWARE_SIGNING_SEED_HEX);
    const publicKey = createPublicKey(nodePrivateKey(DEMO_SOFTWARE_SIGNING_SEED_HEX)).export({
      format: 'jwk',
    });
    expect(Buffer.from(publicKey.x!, 'base64url').toString('hex')).toBe(DEMO_SOFTWARE_PUBLIC_KEY_HEX);
    expect(Buffer.from(DEMO_SOFTWARE_PUBLIC_KEY).toString('hex')).toBe(DEMO_SOFTWARE_PUBLIC_KEY_HEX);
    expect(keyIdOf(DEMO_SOFTWARE_PUBLIC_KEY)).toBe(DEMO_SOFTWARE_KEY_ID);
    expect(DEMO_SOFTWARE_KEY_ID).toBe(
      createHash('sha256').update(DEMO_SOFTWARE_PUBLIC_KEY).digest('hex').slice(0, 16),
    );
  });

  it('signs exactly as node:crypto does with the same seed', async () => {
    const data = new TextEncoder().encode('{"format":1}');
    const ours = await signWithDemoKey(data);
    expect(Buffer.from(ours)).toEqual(sign(null, data, nodePrivateKey(DEMO_SOFTWARE_SIGNING_SEED_HEX)));
    expect(verifyEd25519(ours, data, DEMO_SOFTWARE_PUBLIC_KEY)).toBe(true);
  });
});
