import { createPublicKey, verify } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  hexToBytes,
  InMemoryHsmAuditSink,
  InMemoryKeyStore,
  webCryptoEd25519,
  type Ed25519Engine,
  type SoftwareHsm,
} from '@payterm/crypto';
import { nodeEd25519 } from '@payterm/crypto/node';
import { expectHsmError, importClear, newHsm, OTHER_LMK } from './support/hsm.js';

const vector = JSON.parse(readFileSync(new URL('./fixtures/ed25519.json', import.meta.url), 'utf8')) as {
  secretKey: string;
  publicKey: string;
  message: string;
  signature: string;
};

function nodeVerifies(publicKey: Uint8Array, data: Uint8Array, signature: Uint8Array): boolean {
  const key = createPublicKey({
    key: { kty: 'OKP', crv: 'Ed25519', x: Buffer.from(publicKey).toString('base64url') },
    format: 'jwk',
  });
  return verify(null, data, key, signature);
}

function importVector(hsm: SoftwareHsm) {
  return hsm.importKey({
    kind: 'seed',
    type: 'SIGNING',
    algorithm: 'ed25519',
    seed: hexToBytes(vector.secretKey),
    publicKey: hexToBytes(vector.publicKey),
  });
}

const ENGINES: [string, Ed25519Engine][] = [
  ['WebCrypto (default)', webCryptoEd25519],
  ['node:crypto', nodeEd25519],
];

describe.each(ENGINES)('SIGNING keys (Ed25519) with %s', (_name, ed25519) => {
  it('imports the RFC 8032 §7.1 TEST 1 seed and signs the vector', async () => {
    const { hsm } = newHsm({ ed25519 });
    const key = await importVector(hsm);
    expect(key).toMatchObject({ type: 'SIGNING', algorithm: 'ed25519', usage: 'S0', modeOfUse: 'S' });
    expect(key.exportable).toBe(false);
    expect(key.kcv).toBe(vector.publicKey.slice(0, 6).toUpperCase());
    expect(bytesToHex(await hsm.publicKey(key)).toLowerCase()).toBe(vector.publicKey);
    const signature = await hsm.sign(key, hexToBytes(vector.message));
    expect(bytesToHex(signature).toLowerCase()).toBe(vector.signature);
  });

  it('generates a non-exportable key whose signatures node:crypto verifies, and finds it again', async () => {
    const store = new InMemoryKeyStore();
    const { hsm } = newHsm({ ed25519, store });
    const key = await hsm.generateKey({ type: 'SIGNING', algorithm: 'ed25519' });
    expect(key.exportable).toBe(false);
    const publicKey = await hsm.publicKey(key);
    expect(publicKey).toHaveLength(32);
    expect(key.publicKey).toBe(bytesToHex(publicKey));
    const data = new TextEncoder().encode('{"version":"1.2.0"}');
    const signature = await hsm.sign(key, data);
    expect(nodeVerifies(publicKey, data, signature)).toBe(true);
    expect(await hsm.keyCheckValue(key)).toEqual(publicKey.subarray(0, 3));

    const { hsm: restarted } = newHsm({ ed25519, store });
    const found = await restarted.getKey(key.id);
    expect(found.publicKey).toBe(key.publicKey);
    expect(nodeVerifies(publicKey, data, await restarted.sign(found, data))).toBe(true);
  });
});

describe('SIGNING key rules', () => {
  it('never exports a non-exportable signing key', async () => {
    const { hsm } = newHsm();
    const key = await hsm.generateKey({ type: 'SIGNING' });
    const kek = await importClear(hsm, 'ZMK', '0123456789ABCDEFFEDCBA9876543210');
    await expectHsmError(hsm.exportKey({ key, kek, format: 'tr31' }), 'HSM_KEY_NOT_EXPORTABLE');
  });

  it('keeps signing and symmetric keys apart', async () => {
    const { hsm } = newHsm();
    const signing = await importVector(hsm);
    const tak = await importClear(hsm, 'TAK', '0123456789ABCDEFFEDCBA9876543210');
    await expectHsmError(hsm.sign(tak, new Uint8Array(1)), 'HSM_KEY_USAGE_VIOLATION');
    await expectHsmError(hsm.publicKey(tak), 'HSM_KEY_USAGE_VIOLATION');
    await expectHsmError(
      hsm.generateMac({ key: { key: signing }, algorithm: 'cmac', data: new Uint8Array(8) }),
      'HSM_KEY_USAGE_VIOLATION',
    );
    await expectHsmError(
      hsm.encryptData({ key: { key: signing }, data: new Uint8Array(8) }),
      'HSM_KEY_USAGE_VIOLATION',
    );
    await expectHsmError(
      hsm.sign({ ...signing, type: 'TAK' } as typeof signing, new Uint8Array(1)),
      'HSM_KEY_USAGE_VIOLATION',
    );
  });

  it('refuses a wrong public key, a bad seed length and mismatched type or algorithm', async () => {
    const { hsm } = newHsm();
    const wrong = hexToBytes(vector.publicKey);
    wrong[0]! ^= 1;
    const request = {
      kind: 'seed',
      type: 'SIGNING',
      algorithm: 'ed25519',
      seed: hexToBytes(vector.secretKey),
    } as const;
    await expectHsmError(hsm.importKey({ ...request, publicKey: wrong }), 'CRYPTO_KCV_MISMATCH');
    await expectHsmError(
      hsm.importKey({ ...request, seed: new Uint8Array(31) }),
      'CRYPTO_INVALID_KEY_LENGTH',
    );
    await expectHsmError(
      hsm.generateKey({ type: 'SIGNING', algorithm: 'aes', length: 32 }),
      'CRYPTO_INVALID_ALGORITHM',
    );
    await expectHsmError(hsm.generateKey({ type: 'TMK', algorithm: 'ed25519' }), 'CRYPTO_INVALID_ALGORITHM');
    await expectHsmError(hsm.generateKey({ type: 'SIGNING', length: 16 }), 'CRYPTO_INVALID_KEY_LENGTH');
    await expectHsmError(
      hsm.importKey({
        kind: 'components',
        type: 'SIGNING',
        algorithm: 'aes',
        components: [{ value: new Uint8Array(16) }],
      }),
      'CRYPTO_INVALID_ALGORITHM',
    );
  });

  it('a signing key blob does not open under another LMK', async () => {
    const store = new InMemoryKeyStore();
    const key = await importVector(newHsm({ store }).hsm);
    const { hsm: other } = newHsm({ store, lmk: OTHER_LMK });
    await expectHsmError(other.sign(key, new Uint8Array(1)), 'HSM_KEY_BLOB_INVALID');
  });

  it('audits generate, import, sign and publicKey without the seed, the data or the signature', async () => {
    const audit = new InMemoryHsmAuditSink();
    const { hsm } = newHsm({ audit });
    const key = await importVector(hsm);
    const generated = await hsm.generateKey({ type: 'SIGNING' });
    const data = new TextEncoder().encode('manifest bytes');
    const signature = await hsm.sign(key, data);
    await hsm.publicKey(generated);
    await hsm.sign(generated, data).catch(() => undefined);
    expect(audit.events.map((event) => [event.operation, event.outcome, event.detail])).toEqual([
      ['importKey', 'ok', 'seed'],
      ['generateKey', 'ok', 'SIGNING'],
      ['sign', 'ok', undefined],
      ['publicKey', 'ok', undefined],
      ['sign', 'ok', undefined],
    ]);
    expect(audit.events[2]).toMatchObject({
      dataLength: data.length,
      keys: [{ role: 'key', id: key.id, type: 'SIGNING', kcv: key.kcv }],
    });
    const logged = JSON.stringify(audit.events).toLowerCase();
    expect(logged).not.toContain(vector.secretKey);
    expect(logged).not.toContain(bytesToHex(signature).toLowerCase());
    expect(logged).not.toContain('manifest bytes');
  });
});
