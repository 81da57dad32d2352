import { describe, expect, it } from 'vitest';
import {
  createCipher,
  encryptPinBlock,
  hexToBytes,
  InMemoryDukptCounterStore,
  type InMemoryKeyStore,
  TdesDukptHost,
  tdesKsnWithCounter,
  type KeyHandle,
  type SoftwareHsm,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { expectHsmError, importClear, newHsm } from './support/hsm.js';

const BDK = '0123456789ABCDEFFEDCBA9876543210';
const ZPK = '0123456789ABCDEFFEDCBA9876543210';
const AES_BDK = 'FEDCBA9876543210F1F1F1F1F1F1F1F1';
const DEVICE_A = hexToBytes('FFFF9876543210E00000');
const DEVICE_B = hexToBytes('FFFF9876543211E00000');
const PAN = '4012345678909';
const DATA = new Uint8Array(16);

function ksn(device: Uint8Array, counter: number): Uint8Array {
  return tdesKsnWithCounter(device, counter);
}

function aesKsn(counter: number): Uint8Array {
  const out = hexToBytes('123456789012345600000000');
  new DataView(out.buffer).setUint32(8, counter);
  return out;
}

async function setup(counters = new InMemoryDukptCounterStore()): Promise<{
  hsm: SoftwareHsm;
  bdk: KeyHandle;
  counters: InMemoryDukptCounterStore;
  store: InMemoryKeyStore;
}> {
  const { hsm, store } = newHsm({ dukptCounters: counters });
  return { hsm, bdk: await importClear(hsm, 'BDK', BDK), counters, store };
}

function mac(hsm: SoftwareHsm, bdk: KeyHandle, serial: Uint8Array): Promise<Uint8Array> {
  return hsm.generateMac({ key: { bdk, ksn: serial }, algorithm: 'x9.19', data: DATA });
}

describe('SoftwareHsm DUKPT replay detection (reference §6 rule 5)', () => {
  it('accepts increasing counters and refuses an equal or lower one with HSM_DUKPT_REPLAY', async () => {
    const { hsm, bdk } = await setup();
    await mac(hsm, bdk, ksn(DEVICE_A, 1));
    await mac(hsm, bdk, ksn(DEVICE_A, 2));
    await mac(hsm, bdk, ksn(DEVICE_A, 8));
    const equal = await expectHsmError(mac(hsm, bdk, ksn(DEVICE_A, 8)), 'HSM_DUKPT_REPLAY');
    expect(equal.details).toEqual({ operation: 'generateMac', counter: 8 });
    await expectHsmError(mac(hsm, bdk, ksn(DEVICE_A, 3)), 'HSM_DUKPT_REPLAY');
    await mac(hsm, bdk, ksn(DEVICE_A, 9));
  });

  it('keeps devices, BDKs and operations apart', async () => {
    const { hsm, bdk } = await setup();
    await mac(hsm, bdk, ksn(DEVICE_A, 5));
    await mac(hsm, bdk, ksn(DEVICE_B, 1));
    const otherBdk = await importClear(hsm, 'BDK', 'FEDCBA98765432100123456789ABCDEF');
    await mac(hsm, otherBdk, ksn(DEVICE_A, 1));
    // One transaction: the request MAC verified and the response MAC generated under the same KSN.
    const serial = ksn(DEVICE_A, 6);
    const requestMac = await mac(hsm, bdk, serial);
    const host = { key: { bdk, ksn: ksn(DEVICE_A, 7) }, algorithm: 'x9.19' as const, data: DATA };
    await hsm.verifyMac({ ...host, key: { bdk, ksn: serial }, mac: requestMac });
    await hsm.generateMac({ ...host, key: { ...host.key, direction: 'response' } });
    await expectHsmError(
      hsm.verifyMac({ ...host, key: { bdk, ksn: serial }, mac: requestMac }),
      'HSM_DUKPT_REPLAY',
    );
    await expect(hsm.verifyMac({ ...host, mac: requestMac })).resolves.toBe(false);
    await hsm.encryptData({ key: { bdk, ksn: serial }, data: DATA });
    await hsm.decryptData({ key: { bdk, ksn: serial }, data: DATA });
    await expectHsmError(hsm.decryptData({ key: { bdk, ksn: serial }, data: DATA }), 'HSM_DUKPT_REPLAY');
  });

  it('guards PIN translation without PIN or PAN in the error', async () => {
    const { hsm, bdk } = await setup();
    const zpk = await importClear(hsm, 'ZPK', ZPK);
    const translate = (counter: number) => {
      const serial = ksn(DEVICE_A, counter);
      const pinKey = new TdesDukptHost(hexToBytes(BDK)).workingKey(serial, 'pin');
      const block = encryptPinBlock(createCipher('tdes', pinKey), {
        format: 0,
        pin: '1234',
        pan: PAN,
        random: new SeededRandom(1),
      });
      return hsm.translatePin({
        pinBlock: block,
        pan: PAN,
        from: { key: { bdk, ksn: serial }, format: 0 },
        to: { key: zpk, format: 0 },
      });
    };
    const first = await translate(3);
    await expectHsmError(translate(3), 'HSM_DUKPT_REPLAY', ['1234', PAN]);
    // Same PIN and PAN under the same ZPK: the format 0 block is the same for the next counter.
    expect(await translate(4)).toEqual(first);
  });

  it('tracks AES DUKPT devices by initial key ID', async () => {
    const { hsm } = await setup();
    const bdk = await importClear(hsm, 'BDK', AES_BDK, 'aes');
    const cmac = (counter: number) =>
      hsm.generateMac({ key: { bdk, ksn: aesKsn(counter) }, algorithm: 'cmac', data: DATA });
    await cmac(1);
    await cmac(0x100);
    await expectHsmError(cmac(0x100), 'HSM_DUKPT_REPLAY');
    await expectHsmError(cmac(2), 'HSM_DUKPT_REPLAY');
  });

  it('does not record a KSN the derivation refuses', async () => {
    const { hsm, bdk } = await setup();
    await expectHsmError(mac(hsm, bdk, ksn(DEVICE_A, 0x1ffc00)), 'CRYPTO_INVALID_KSN');
    await mac(hsm, bdk, ksn(DEVICE_A, 1));
  });

  it('keeps its state in the store: a new SoftwareHsm sharing it refuses old counters', async () => {
    const first = await setup();
    await mac(first.hsm, first.bdk, ksn(DEVICE_A, 10));
    const second = newHsm({ dukptCounters: first.counters, store: first.store });
    const bdk = await second.hsm.getKey(first.bdk.id);
    await expectHsmError(mac(second.hsm, bdk, ksn(DEVICE_A, 10)), 'HSM_DUKPT_REPLAY');
    await mac(second.hsm, bdk, ksn(DEVICE_A, 11));
  });
});
