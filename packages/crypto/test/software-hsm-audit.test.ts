import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCipher,
  encryptPinBlock,
  hexToBytes,
  InMemoryDukptCounterStore,
  InMemoryHsmAuditSink,
  TdesDukptHost,
  tdesKsnWithCounter,
  visaPvv,
  type HsmAuditEvent,
} from '@payterm/crypto';
import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { expectHsmError, importClear, newHsm } from './support/hsm.js';

const TMK = '0123456789ABCDEFFEDCBA9876543210';
const ZPK = '042666B4918430A368DE9628D03984C9';
const KEK = '70F2A84CCBC2AE8625CBB0F2C22AB923';
const BDK = 'FEDCBA98765432100123456789ABCDEF';
const PVK = '0123456789ABCDEFFEDCBA9876543210';
const START = Date.UTC(2026, 10, 25, 12, 0, 0);
const DEVICE = hexToBytes('FFFF9876543210E00000');

function auditedHsm() {
  const audit = new InMemoryHsmAuditSink();
  const clock = new SimulatedClock(START);
  const { hsm } = newHsm({ audit, clock, dukptCounters: new InMemoryDukptCounterStore() });
  return { hsm, audit, clock };
}

function pinBlock(keyHex: string | Uint8Array, pin: string, pan: string): Uint8Array {
  const key = typeof keyHex === 'string' ? hexToBytes(keyHex) : keyHex;
  return encryptPinBlock(createCipher('tdes', key), { format: 0, pin, pan, random: new SeededRandom(2) });
}

/**
 * Every hex or digit string of `secrets` must be absent from the serialised events. The PINs here are
 * 6 digits, so that they cannot turn up by chance in a KSN (…9876543210…) or a key id.
 */
function expectNoSecrets(events: readonly HsmAuditEvent[], secrets: readonly string[]): void {
  const text = JSON.stringify(events).toUpperCase();
  for (const secret of secrets) expect(text).not.toContain(secret.toUpperCase());
}

describe('SoftwareHsm audit trail (reference §6)', () => {
  it('records exactly one event per call, with the clock time, keys and outcome', async () => {
    const { hsm, audit, clock } = auditedHsm();
    const pan = '4012345678909012';
    const steps: [string, () => Promise<unknown>][] = [];
    const kek = await importClear(hsm, 'ZMK', KEK);
    const zpk = await importClear(hsm, 'ZPK', ZPK);
    const tpk = await importClear(hsm, 'TPK', TMK);
    const tak = await importClear(hsm, 'TAK', ZPK);
    const tdk = await importClear(hsm, 'TDK', TMK);
    const bdk = await importClear(hsm, 'BDK', BDK);
    const pvk = await importClear(hsm, 'VISA_PVK', PVK);
    const tmk = await importClear(hsm, 'TMK', TMK);
    expect(audit.events.map((event) => event.operation)).toEqual(Array(8).fill('importKey'));
    const ksn = tdesKsnWithCounter(DEVICE, 1);
    const dukptPin = new TdesDukptHost(hexToBytes(BDK)).workingKey(ksn, 'pin');
    const pvv = visaPvv(createCipher('tdes', hexToBytes(PVK)), { pan, pvki: 1, pin: '735102' });
    const exported = await hsm.exportKey({ key: zpk, kek, format: 'tr31' });
    steps.push(
      ['generateKey', () => hsm.generateKey({ type: 'ZAK' })],
      ['exportKey', () => hsm.exportKey({ key: zpk, kek, format: 'cryptogram' })],
      [
        'importKey',
        () => hsm.importKey({ kind: 'tr31', kbpk: kek, keyBlock: exported.keyBlock!, type: 'ZPK' }),
      ],
      ['getKey', () => hsm.getKey(zpk.id)],
      ['keyCheckValue', () => hsm.keyCheckValue(zpk)],
      ['generateCupSignInKeys', () => hsm.generateCupSignInKeys({ tmk, layout: '004' })],
      [
        'translatePin',
        () =>
          hsm.translatePin({
            pinBlock: pinBlock(dukptPin, '735102', pan),
            pan,
            from: { key: { bdk, ksn }, format: 0 },
            to: { key: zpk, format: 0 },
          }),
      ],
      [
        'verifyPin',
        () =>
          hsm.verifyPin({
            pinBlock: { key: { key: tpk }, format: 0, block: pinBlock(TMK, '735102', pan) },
            pan,
            pvk,
            verification: { method: 'visa-pvv', pvki: 1, pvv },
          }),
      ],
      [
        'generateMac',
        () => hsm.generateMac({ key: { key: tak }, algorithm: 'x9.19', data: new Uint8Array(20) }),
      ],
      [
        'verifyMac',
        () =>
          hsm.verifyMac({
            key: { key: tak },
            algorithm: 'x9.19',
            data: new Uint8Array(20),
            mac: new Uint8Array(8),
          }),
      ],
      ['encryptData', () => hsm.encryptData({ key: { key: tdk }, data: new Uint8Array(16) })],
      ['decryptData', () => hsm.decryptData({ key: { bdk, ksn }, data: new Uint8Array(24) })],
    );
    for (const [operation, call] of steps) {
      const before = audit.events.length;
      clock.advance(1000);
      await call();
      expect(audit.events.length).toBe(before + 1);
      const event = audit.events.at(-1)!;
      expect(event.operation).toBe(operation);
      expect(event.outcome).toBe('ok');
      expect(event.at).toBe(new Date(clock.nowMs()).toISOString());
    }
    const byOperation = new Map(audit.events.map((event) => [event.operation, event]));
    expect(byOperation.get('exportKey')!.keys).toEqual([
      { role: 'key', id: zpk.id, type: 'ZPK', kcv: zpk.kcv },
      { role: 'kek', id: kek.id, type: 'ZMK', kcv: kek.kcv },
    ]);
    expect(byOperation.get('translatePin')).toMatchObject({
      pan: '401234******9012',
      ksn: bytesToHex(ksn),
      dataLength: 8,
      keys: [
        { role: 'bdk', id: bdk.id },
        { role: 'to', id: zpk.id },
      ],
    });
    expect(byOperation.get('generateMac')).toMatchObject({ dataLength: 20, detail: 'x9.19' });
    expect(byOperation.get('generateCupSignInKeys')!.keys.map((key) => key.role)).toEqual([
      'kek',
      'pik',
      'mak',
      'tdk',
    ]);
    expectNoSecrets(audit.events, [TMK, ZPK, KEK, BDK, PVK, pan, '735102', bytesToHex(dukptPin)]);
  });

  it('records the error code of a failing call, once', async () => {
    const { hsm, audit } = auditedHsm();
    const zpk = await importClear(hsm, 'ZPK', ZPK);
    const bdk = await importClear(hsm, 'BDK', BDK);
    audit.events.length = 0;
    await expectHsmError(hsm.getKey('key-unknown'), 'HSM_KEY_NOT_FOUND');
    await expectHsmError(
      hsm.generateMac({ key: { key: zpk }, algorithm: 'cmac', data: new Uint8Array(8) }),
      'HSM_KEY_USAGE_VIOLATION',
    );
    const block = pinBlock(ZPK, '258046', '4012345678909');
    await expectHsmError(
      hsm.translatePin({
        pinBlock: block,
        pan: '4999999999990',
        from: { key: { key: zpk }, format: 0 },
        to: { key: zpk, format: 0 },
      }),
      'CRYPTO_PIN_BLOCK_INVALID',
    );
    const ksn = tdesKsnWithCounter(DEVICE, 4);
    await hsm.encryptData({ key: { bdk, ksn }, data: new Uint8Array(8) });
    await expectHsmError(hsm.encryptData({ key: { bdk, ksn }, data: new Uint8Array(8) }), 'HSM_DUKPT_REPLAY');
    expect(audit.events.map((event) => [event.operation, event.outcome, event.errorCode])).toEqual([
      ['getKey', 'error', 'HSM_KEY_NOT_FOUND'],
      ['generateMac', 'error', 'HSM_KEY_USAGE_VIOLATION'],
      ['translatePin', 'error', 'CRYPTO_PIN_BLOCK_INVALID'],
      ['encryptData', 'ok', undefined],
      ['encryptData', 'error', 'HSM_DUKPT_REPLAY'],
    ]);
    expectNoSecrets(audit.events, [ZPK, BDK, bytesToHex(block), '258046', '4012345678909', '4999999999990']);
  });

  it('never holds the keys, PINs, PIN blocks, data or full PANs of a call (property)', async () => {
    const { hsm, audit } = auditedHsm();
    const tpk = await importClear(hsm, 'TPK', TMK);
    const zpk = await importClear(hsm, 'ZPK', ZPK);
    const tak = await importClear(hsm, 'TAK', ZPK);
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[1-9]\d{12,18}$/),
        fc.stringMatching(/^\d{8,12}$/),
        fc.uint8Array({ minLength: 8, maxLength: 48 }),
        async (pan, pin, data) => {
          audit.events.length = 0;
          const block = pinBlock(TMK, pin, pan);
          const out = await hsm.translatePin({
            pinBlock: block,
            pan,
            from: { key: { key: tpk }, format: 0 },
            to: { key: zpk, format: 0 },
          });
          const mac = await hsm.generateMac({ key: { key: tak }, algorithm: 'x9.19', data });
          await hsm
            .translatePin({
              pinBlock: block,
              pan: pan.slice(0, -1) + ((Number(pan.at(-1)) + 1) % 10).toString(),
              from: { key: { key: tpk }, format: 0 },
              to: { key: zpk, format: 0 },
            })
            .catch(() => undefined);
          expect(audit.events).toHaveLength(3);
          expect(audit.events[0]!.pan).toBe(
            `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`,
          );
          expectNoSecrets(audit.events, [
            TMK,
            ZPK,
            pan,
            pan.slice(6, -4).length >= 4 ? pan.slice(6, -4) : pan,
            pin,
            bytesToHex(block),
            bytesToHex(out),
            bytesToHex(mac),
            bytesToHex(data),
          ]);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('records nothing without a sink, and a sink that throws fails the call', async () => {
    const { hsm } = newHsm();
    await hsm.generateKey({ type: 'ZPK' });
    const failing = newHsm({
      audit: {
        record: () => {
          throw new Error('audit log unavailable');
        },
      },
    }).hsm;
    await expect(failing.generateKey({ type: 'ZPK' })).rejects.toThrow('audit log unavailable');
  });
});
