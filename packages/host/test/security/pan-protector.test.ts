import { describe, expect, it } from 'vitest';
import { InMemoryKeyStore, SoftwareHsm } from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { PanProtector } from '../../src/security/pan-protector.js';
import { CachedKeyStore } from '../../src/security/cached-key-store.js';

const LMK = Uint8Array.from({ length: 32 }, (_, index) => index);

async function newProtector(seed = 1): Promise<PanProtector> {
  const hsm = new SoftwareHsm({ lmk: LMK, random: new SeededRandom(seed) });
  const dataKey = await hsm.generateKey({ type: 'TDK', algorithm: 'aes', length: 32, exportable: false });
  const hashKey = await hsm.generateKey({ type: 'ZAK', algorithm: 'aes', length: 32, exportable: false });
  return new PanProtector(hsm, { dataKey, hashKey }, new SeededRandom(seed + 100));
}

describe('PanProtector', () => {
  it('encrypts a PAN so that only the HSM reveals it, and masks it first 6 / last 4', async () => {
    const protector = await newProtector();
    const pan = '6200001000000011';
    const kept = await protector.protect(pan);
    expect(kept.panMasked).toBe('620000******0011');
    expect(kept.panEncrypted).toMatch(/^[0-9A-F]{96}$/);
    expect(kept.panEncrypted).not.toContain(pan);
    expect(await protector.reveal(kept.panEncrypted)).toBe(pan);
  });

  it('hides the PAN length and uses a fresh IV each time', async () => {
    const protector = await newProtector();
    const short = await protector.encrypt('4000001000000018');
    const long = await protector.encrypt('6200001000000000019');
    expect(short.length).toBe(long.length);
    expect(await protector.encrypt('4000001000000018')).not.toBe(short);
    expect(await protector.reveal(long)).toBe('6200001000000000019');
  });

  it('hashes equal PANs equally under one key and differently under another', async () => {
    const first = await newProtector(1);
    const second = await newProtector(2);
    const pan = '6200001000000029';
    expect(await first.hash(pan)).toBe(await first.hash(pan));
    expect(await first.hash(pan)).not.toBe(await first.hash('6200001000000037'));
    expect(await first.hash(pan)).not.toBe(await second.hash(pan));
    expect(await first.hash(pan)).toMatch(/^[0-9A-F]{32}$/);
  });
});

describe('PanProtector stored forms', () => {
  // Recorded from the implementation that encoded with TextEncoder and hexed with bytesToHex: rows
  // already stored must still decrypt, and look-ups must find them by the same hash.
  it('keeps the ciphertexts and hashes of earlier versions, for ASCII and non-ASCII input', async () => {
    const protector = await newProtector();
    expect(await protector.protect('6200001000000011')).toEqual({
      panEncrypted:
        '71A0423C7AFAD0538F5BEE3C2366F4D234E0F5529C73C502E9E920D6E5B85BF31A978A148F4CD4DC67CC0389243CD9B3',
      panMasked: '620000******0011',
      panHash: '1CB8987E09A09B8624C01C4B9C1DC923',
    });
    expect(await protector.hash('6200001000000000019')).toBe('3AF283E5E73D1AB40C03531EF3F28F34');
    const wide = await protector.encrypt('６２００');
    expect(wide).toBe(
      '12CD64618C0A56190826704DE2728DCE555C8A1AA39EF08F442B12308258C50726B4D47C1F71AC3BC62FF49A427FA8EA',
    );
    expect(await protector.reveal(wide)).toBe('６２００');
    expect(await protector.hash('６２００')).toBe('B0A56CD775D046692ED147260CAD7916');
  });

  it('keeps the first 31 bytes of an overlong value, as before', async () => {
    const protector = await newProtector();
    const long = '1234567890'.repeat(4);
    expect(await protector.reveal(await protector.encrypt(long))).toBe(long.slice(0, 31));
    expect(await protector.hash(long)).toMatch(/^[0-9A-F]{32}$/);
  });
});

describe('CachedKeyStore', () => {
  it('writes through and serves later reads from memory', async () => {
    const backing = new InMemoryKeyStore();
    let reads = 0;
    const counting = {
      put: (id: string, blob: string) => backing.put(id, blob),
      get: (id: string) => {
        reads += 1;
        return backing.get(id);
      },
    };
    const cached = new CachedKeyStore(counting);
    await cached.put('key-1', 'blob-1');
    expect(await backing.get('key-1')).toBe('blob-1');
    expect(await cached.get('key-1')).toBe('blob-1');
    expect(reads).toBe(0);
    await backing.put('key-2', 'blob-2');
    expect(await cached.get('key-2')).toBe('blob-2');
    expect(await cached.get('key-2')).toBe('blob-2');
    expect(reads).toBe(1);
    expect(await cached.get('key-3')).toBeUndefined();
  });
});
