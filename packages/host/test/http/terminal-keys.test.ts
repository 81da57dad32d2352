import { afterAll, beforeAll, expect, it } from 'vitest';
import { bytesToHex, createCipher, hexToBytes, keyCheckValue, wrapTr31KeyBlock } from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { oddParityComponents } from '../../src/security/clear-key-import.js';
import { describeEachDatabase } from '../support/database.js';
import {
  createMerchant,
  createTerminal,
  openHttpFixture,
  uniqueTid,
  type HttpFixture,
} from './http-fixture.js';

/** The demo terminals' TMK and its check value (shared/spec/test-cards.md). */
const DEMO_TMK = '0123456789ABCDEFFEDCBA9876543210';
const DEMO_TMK_KCV = '08D7B4';
/** A zone master key for the TR-31 test (odd parity on every byte). */
const ZMK = '89ABCDEF0123456776543210FEDCBA98';

const random = new SeededRandom(20261126);

function kcvOf(hex: string): string {
  return bytesToHex(keyCheckValue(createCipher('tdes', hexToBytes(hex)))).toUpperCase();
}

function componentsOf(hex: string): { hex: string; kcv: string }[] {
  return oddParityComponents(hexToBytes(hex), random).map((component) => {
    const text = bytesToHex(component).toUpperCase();
    return { hex: text, kcv: kcvOf(text) };
  });
}

describeEachDatabase('HTTP API: terminal and zone keys', (getDatabase) => {
  let fixture: HttpFixture;
  let mid: string;
  beforeAll(async () => {
    fixture = await openHttpFixture(getDatabase());
    mid = await createMerchant(fixture);
  });
  afterAll(() => fixture.close());

  it('loads a TMK from components with check values, answers its KCV and makes the terminal sign in again', async () => {
    const tid = await createTerminal(fixture, mid);
    await fixture.repositories.terminals.update(tid, { signedIn: true, signedInAt: fixture.clock.nowMs() });
    const response = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { components: componentsOf(DEMO_TMK), kcv: DEMO_TMK_KCV },
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ tid, kcv: DEMO_TMK_KCV });
    const terminal = await fixture.repositories.terminals.get(tid);
    expect(terminal?.signedIn).toBe(false);
    expect(terminal?.tmkKeyId).not.toBeNull();
    expect((await fixture.hsm.getKey(terminal!.tmkKeyId!)).type).toBe('TMK');
    const detail = await fixture.call({ method: 'GET', url: `/api/terminals/${tid}` });
    expect(detail.json()).toMatchObject({
      tmkLoaded: true,
      signedIn: false,
      keys: { tmk: { kcv: DEMO_TMK_KCV }, pik: null, mak: null, tdk: null },
    });
    expect(detail.body).not.toContain(terminal!.tmkKeyId!);
    const audit = await fixture.repositories.auditLog.list({ subject: tid, action: 'tmk-load' });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detailsJson)).toEqual({ source: 'components', kcv: DEMO_TMK_KCV });
    expect(audit[0]!.detailsJson).not.toContain(DEMO_TMK);
    expect(fixture.directory.forgotten).toContain(`terminal:${tid}`);
  });

  it('refuses a wrong check value, even parity, a bad component count and unknown terminals', async () => {
    const tid = await createTerminal(fixture, mid);
    const wrongKcv = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { components: componentsOf(DEMO_TMK), kcv: '000000' },
    });
    expect(wrongKcv.statusCode).toBe(400);
    expect(wrongKcv.json()).toMatchObject({ error: { code: 'API_KCV_MISMATCH' } });
    const [first, second] = componentsOf(DEMO_TMK);
    const wrongComponentKcv = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { components: [first, { ...second!, kcv: '123456' }] },
    });
    expect(wrongComponentKcv.statusCode).toBe(400);
    expect(wrongComponentKcv.json()).toEqual({
      error: { code: 'API_KCV_MISMATCH', message: 'Component 2 does not have the presented check value' },
    });
    const evenParity = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { components: [{ hex: '00'.repeat(16) }, { hex: '11'.repeat(16) }] },
    });
    expect(evenParity.statusCode).toBe(400);
    expect(evenParity.json()).toMatchObject({ error: { code: 'API_KEY_REJECTED' } });
    const one = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { components: [first] },
    });
    expect(one.statusCode).toBe(400);
    expect(one.json()).toMatchObject({ error: { code: 'API_INVALID_REQUEST' } });
    const notHex = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { components: [{ hex: 'Z'.repeat(32) }, second] },
    });
    expect(notHex.statusCode).toBe(400);
    const both = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { components: [first, second], tr31: { keyBlock: 'B0000', kbpkId: 'x' } },
    });
    expect(both.statusCode).toBe(400);
    expect((await fixture.repositories.terminals.get(tid))?.tmkKeyId).toBeNull();
    const unknown = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${uniqueTid()}/tmk`,
      payload: { components: [first, second] },
    });
    expect(unknown.statusCode).toBe(404);
  });

  it('loads a ZMK from components, then a TMK as a TR-31 block under it', async () => {
    const zmk = await fixture.call({
      method: 'POST',
      url: '/api/keys/zmk',
      payload: { components: componentsOf(ZMK), kcv: kcvOf(ZMK) },
    });
    expect(zmk.statusCode).toBe(201);
    const { id: kbpkId, kcv } = zmk.json<{ id: string; kcv: string; type: string }>();
    expect(zmk.json()).toMatchObject({ type: 'ZMK', algorithm: 'tdes', kcv: kcvOf(ZMK) });
    expect(kcv).toBe(kcvOf(ZMK));

    const keyBlock = wrapTr31KeyBlock({
      version: 'B',
      kbpk: hexToBytes(ZMK),
      header: { keyUsage: 'K0', algorithm: 'T', modeOfUse: 'B', exportability: 'E' },
      key: hexToBytes(DEMO_TMK),
      random,
    });
    const tid = await createTerminal(fixture, mid);
    const loaded = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { tr31: { keyBlock, kbpkId } },
    });
    expect(loaded.statusCode).toBe(200);
    expect(loaded.json()).toEqual({ tid, kcv: DEMO_TMK_KCV });
    const audit = await fixture.repositories.auditLog.list({ subject: tid, action: 'tmk-load' });
    expect(JSON.parse(audit[0]!.detailsJson)).toEqual({ source: 'tr31', kcv: DEMO_TMK_KCV });
    const zmkAudit = await fixture.repositories.auditLog.list({ subject: kbpkId });
    expect(zmkAudit.map((entry) => entry.action)).toEqual(['zmk-import']);

    const altered = keyBlock.slice(0, -1) + (keyBlock.endsWith('0') ? '1' : '0');
    const refused = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { tr31: { keyBlock: altered, kbpkId } },
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toMatchObject({ error: { code: 'API_KEY_REJECTED' } });
    const unknownKbpk = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { tr31: { keyBlock, kbpkId: 'no-such-key' } },
    });
    expect(unknownKbpk.statusCode).toBe(404);
    const terminal = await fixture.repositories.terminals.get(tid);
    const notZmk = await fixture.call({
      method: 'PUT',
      url: `/api/terminals/${tid}/tmk`,
      payload: { tr31: { keyBlock, kbpkId: terminal!.tmkKeyId! } },
    });
    expect(notZmk.statusCode).toBe(400);
    expect(notZmk.json()).toMatchObject({ error: { code: 'API_KEY_REJECTED' } });
  });

  it('refuses a ZMK whose check value does not match', async () => {
    const response = await fixture.call({
      method: 'POST',
      url: '/api/keys/zmk',
      payload: { components: componentsOf(ZMK), kcv: 'ABCDEF' },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json()).toMatchObject({ error: { code: 'API_KCV_MISMATCH' } });
  });
});
