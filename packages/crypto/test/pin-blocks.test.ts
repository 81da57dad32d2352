/** PIN block vectors P1–P14, TV8 and translations T1–T3, against both implementations. */
import { describe, expect, it } from 'vitest';
import {
  buildClearPinBlock,
  bytesToHex,
  decodeClearPinBlock,
  decryptPinBlock,
  encryptPinBlock,
  hexToBytes,
  iso4PanField,
  translatePinBlock,
  type CipherAlgorithm,
  type PinBlockFormat,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';
import { scriptedRandom } from './support/scripted-random.js';

interface PinInputs {
  kind: 'clear' | 'encrypted' | 'clear-decode' | 'pan-field-4' | 'decrypt';
  format: PinBlockFormat;
  key: string;
  pin: string;
  pan: string;
  pans?: string[];
  accountNumber?: string;
  block: string;
  fillNibbles?: string;
  randomPart?: string;
}
type PinExpected = Partial<Record<'block' | 'clear' | 'pin' | 'panField' | 'pinField', string>>;

interface Side {
  algorithm: CipherAlgorithm;
  key: string;
  format: PinBlockFormat;
  block?: string;
  randomPart?: string;
}
interface TranslationInputs {
  from: Side;
  to: Side;
  pin: string;
  pan: string;
}

const PIN_BLOCKS = loadFixtures<PinInputs, PinExpected>('pin-blocks');
const TRANSLATIONS = loadFixtures<TranslationInputs, PinExpected>('pin-translations');
const random = new SeededRandom(1);

/** jPOS passes the 12-digit account field; any check digit appended gives the same PAN field. */
function panOf(inputs: PinInputs): string {
  return inputs.accountNumber === undefined ? inputs.pan : `${inputs.accountNumber}0`;
}

describe('clear blocks and fields', () => {
  it.each(byId(PIN_BLOCKS.filter((fixture) => fixture.inputs.kind === 'clear')))(
    '%s',
    (_id, { inputs, expected }) => {
      const format = inputs.format as 0 | 1 | 3;
      const block = buildClearPinBlock(format, inputs.pin, inputs.pan, random);
      expect(bytesToHex(block)).toBe(expected.block);
      expect(decodeClearPinBlock(format, block, inputs.pan).reveal()).toBe(inputs.pin);
    },
  );

  it.each(byId(PIN_BLOCKS.filter((fixture) => fixture.inputs.kind === 'clear-decode')))(
    '%s',
    (_id, { inputs, expected }) => {
      const block = hexToBytes(inputs.block);
      expect(decodeClearPinBlock(3, block, inputs.pan).reveal()).toBe(expected.pin);
    },
  );

  it.each(byId(PIN_BLOCKS.filter((fixture) => fixture.expected.panField !== undefined)))(
    '%s format 4 PAN field',
    (_id, { inputs, expected }) => {
      expect(bytesToHex(iso4PanField(inputs.pan))).toBe(expected.panField);
    },
  );
});

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  const cipherFor = (format: PinBlockFormat, key: string) =>
    createCipher(format === 4 ? 'aes' : 'tdes', hexToBytes(key));

  it.each(byId(PIN_BLOCKS.filter((fixture) => fixture.inputs.kind === 'encrypted')))(
    '%s encrypts and decrypts',
    (_id, { inputs, expected }) => {
      const cipher = cipherFor(inputs.format, inputs.key);
      const script = scriptedRandom({ nibbles: inputs.fillNibbles ?? '', bytes: inputs.randomPart ?? '' });
      const pans = inputs.pans ?? [panOf(inputs)];
      const block = encryptPinBlock(cipher, {
        format: inputs.format,
        pin: inputs.pin,
        pan: pans[0]!,
        random: script,
      });
      expect(bytesToHex(block)).toBe(expected.block);
      if (expected.clear !== undefined)
        expect(bytesToHex(cipher.decryptBlocksEcb(block))).toBe(expected.clear);
      for (const pan of pans) {
        expect(decryptPinBlock(cipher, block, { format: inputs.format, pan }).reveal()).toBe(inputs.pin);
      }
    },
  );

  it.each(byId(PIN_BLOCKS.filter((fixture) => fixture.inputs.kind === 'decrypt')))(
    '%s decrypts',
    (_id, { inputs, expected }) => {
      const cipher = cipherFor(inputs.format, inputs.key);
      const pin = decryptPinBlock(cipher, hexToBytes(inputs.block), {
        format: inputs.format,
        pan: inputs.pan,
      });
      expect(pin.reveal()).toBe(expected.pin);
      expect(String(pin)).toBe('[secret PIN]');
      // The published intermediate: PIN field = D(D(block) ⊕ PAN field).
      const field = cipher.decryptBlocksEcb(hexToBytes(inputs.block));
      const panField = iso4PanField(inputs.pan);
      expect(bytesToHex(cipher.decryptBlocksEcb(field.map((byte, index) => byte ^ panField[index]!)))).toBe(
        expected.pinField,
      );
    },
  );

  it.each(byId(TRANSLATIONS))('%s translates', (_id, { inputs, expected }) => {
    const from = {
      cipher: createCipher(inputs.from.algorithm, hexToBytes(inputs.from.key)),
      format: inputs.from.format,
    };
    const to = {
      cipher: createCipher(inputs.to.algorithm, hexToBytes(inputs.to.key)),
      format: inputs.to.format,
    };
    const block = hexToBytes(inputs.from.block!);
    if (expected.clear !== undefined)
      expect(bytesToHex(from.cipher.decryptBlocksEcb(block))).toBe(expected.clear);
    const out = translatePinBlock(block, {
      from,
      to,
      pan: inputs.pan,
      random: scriptedRandom({ bytes: inputs.to.randomPart ?? '' }),
    });
    expect(bytesToHex(out)).toBe(expected.block);
    expect(decryptPinBlock(to.cipher, out, { format: to.format, pan: inputs.pan }).reveal()).toBe(inputs.pin);
  });
});
