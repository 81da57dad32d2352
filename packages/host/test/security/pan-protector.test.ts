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
