import { describe, expect, it } from 'vitest';
import { buildCupSignInField62, createCipher, decryptPinBlock, hexToBytes } from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { MemoryStorage } from '../src/memory/index.js';
import type { PinRequest } from '../src/ports/pin-pad.js';
import { SoftwarePinPad, SoftwareSecurityModule, type PinSourceAnswer } from '../src/security/index.js';

const DEMO_TMK = '0123456789ABCDEFFEDCBA9876543210';
const PAN = '6200001000000011';

function request(bypassAllowed: boolean): PinRequest {
  return {
    pan: PAN,
    maskedPan: '620000******0011',
    amount: { amountMinor: 12_345, currency: '156' },
    bypassAllowed,
  };
}

async function pinPad(answers: PinSourceAnswer[]) {
  const deviceKey = new Uint8Array(32).fill(7);
  const security = await SoftwareSecurityModule.open({
    storage: new MemoryStorage(),
    deviceKey,
    random: new SeededRandom(5),
  });
  await security.loadMasterKey(DEMO_TMK, '08D7B4');
  const { field62, keys } = buildCupSignInField62({
    tmk: hexToBytes(DEMO_TMK),
    layout: '004',
    random: new SeededRandom(6),
  });
  await security.installWorkingKeys('004', field62);
  const seen: PinRequest[] = [];
  const pad = new SoftwarePinPad(security, (pinRequest) => {
    seen.push(pinRequest);
    return Promise.resolve(answers.shift()!);
  });
  return { pad, pik: keys.pik, seen };
}

describe('SoftwarePinPad', () => {
  it('turns the PIN typed into a format 0 block under the PIK', async () => {
    const { pad, pik, seen } = await pinPad(['123456', '1234', '123456789012']);
    for (const typed of ['123456', '1234', '123456789012']) {
      const entry = await pad.enterPin(request(false));
      expect(entry.kind).toBe('pin');
      if (entry.kind !== 'pin') continue;
      expect(
        decryptPinBlock(createCipher('tdes', pik), entry.pinBlock, { format: 0, pan: PAN }).reveal(),
      ).toBe(typed);
    }
    expect(seen.map((pinRequest) => pinRequest.maskedPan)).toEqual(Array(3).fill('620000******0011'));
  });

  it('passes cancel through and bypass only when the request allows it', async () => {
    const { pad } = await pinPad(['cancel', 'bypass', 'bypass']);
    await expect(pad.enterPin(request(false))).resolves.toEqual({ kind: 'cancelled' });
    await expect(pad.enterPin(request(true))).resolves.toEqual({ kind: 'bypass' });
    await expect(pad.enterPin(request(false))).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
      details: { reason: 'bypass-not-allowed' },
    });
  });

  it('refuses PINs that are not 4 to 12 digits', async () => {
    const answers = ['', '123', '1234567890123', '12a4', ' 1234', '１２３４'];
    const { pad } = await pinPad([...answers]);
    for (const _ of answers) {
      await expect(pad.enterPin(request(true))).rejects.toMatchObject({
        code: 'TERMINAL_INVALID_INPUT',
        details: { field: 'pin' },
      });
    }
  });
});
