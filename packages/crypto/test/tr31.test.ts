/** TR-31 key blocks R1–R5 (fixtures/tr31.json): unwrap with MAC verification, header fields, typed errors. */
import { describe, expect, it } from 'vitest';
import {
  bytesToHex,
  createCmac,
  hexToBytes,
  keyCheckValue,
  parseTr31Header,
  unwrapTr31KeyBlock,
  wrapTr31KeyBlock,
  type CipherFactory,
  type CryptoErrorCode,
  type Tr31HeaderFields,
} from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { byId, loadFixtures } from './support/fixtures.js';
import { IMPLEMENTATIONS } from './support/implementations.js';
import { expectCryptoError } from './support/crypto-error-shape.js';

interface Tr31Inputs {
  kbpk: string;
  keyBlock: string;
}
interface Tr31Expected {
  key: string;
  kcv: string;
  kbek?: string;
  kbak?: string;
  error?: CryptoErrorCode;
  header?: Required<Tr31HeaderFields>;
}

const FIXTURES = loadFixtures<Tr31Inputs, Tr31Expected>('tr31');
/** The published KBEK / KBAK agree with the block: they decrypt it to the key and give its MAC. */
function checkIntermediateKeys(createCipher: CipherFactory, keyBlock: string, expected: Tr31Expected): void {
  if (expected.kbek === undefined || expected.kbak === undefined) return;
  const headerLength = parseTr31Header(keyBlock).headerLength;
  const body = hexToBytes(keyBlock.slice(headerLength));
  const mac = body.subarray(body.length - 8);
  const clear = createCipher('tdes', hexToBytes(expected.kbek)).decryptCbc(
    mac,
    body.subarray(0, body.length - 8),
  );
  expect(bytesToHex(clear.subarray(2, 18))).toBe(expected.key);
  const macInput = new Uint8Array([...new TextEncoder().encode(keyBlock.slice(0, headerLength)), ...clear]);
  expect(createCmac(createCipher('tdes', hexToBytes(expected.kbak))).compute(macInput)).toEqual(mac);
  // With the published pad bytes replayed, wrapping gives the published block character for character.
  const pad = clear.slice(18);
  const random = {
    nextUint32: () => 0,
    nextInt: () => 0,
    fillBytes: (target: Uint8Array) => target.set(pad.subarray(0, target.length)),
  };
  const kbpk = hexToBytes(kbpkOf(keyBlock));
  const key = hexToBytes(expected.key);
  const header = expected.header!;
  expect(wrapTr31KeyBlock({ version: 'B', kbpk, header, key, random, cipherFactory: createCipher })).toBe(
    keyBlock,
  );
}

function kbpkOf(keyBlock: string): string {
  return FIXTURES.find((fixture) => fixture.inputs.keyBlock === keyBlock)!.inputs.kbpk;
}

const R2 = FIXTURES.find((fixture) => fixture.id === 'R2')!;
const R4 = FIXTURES.find((fixture) => fixture.id === 'R4')!;

describe.each(IMPLEMENTATIONS)('%s', (_name, createCipher) => {
  it.each(byId(FIXTURES))('%s', (_id, { inputs, expected }) => {
    const kbpk = hexToBytes(inputs.kbpk);
    if (expected.error !== undefined) {
      expectCryptoError(() => unwrapTr31KeyBlock(kbpk, inputs.keyBlock), expected.error);
      // Version A (unwrap not supported here): KBEK = KBPK ⊕ 45…45, KBAK = KBPK ⊕ 4D…4D.
      expect(bytesToHex(kbpk.map((byte) => byte ^ 0x45))).toBe(expected.kbek);
      expect(bytesToHex(kbpk.map((byte) => byte ^ 0x4d))).toBe(expected.kbak);
      return;
    }
    checkIntermediateKeys(createCipher, inputs.keyBlock, expected);
    const { header, key } = unwrapTr31KeyBlock(kbpk, inputs.keyBlock, { cipherFactory: createCipher });
    expect(bytesToHex(key)).toBe(expected.key);
    const algorithm = header.algorithm === 'A' ? 'aes' : 'tdes';
    expect(bytesToHex(keyCheckValue(createCipher(algorithm, key), { length: expected.kcv.length / 2 }))).toBe(
      expected.kcv,
    );
    expect(header).toMatchObject(expected.header!);
    expect(header.length).toBe(inputs.keyBlock.length);
    expect(parseTr31Header(inputs.keyBlock)).toEqual(header);
  });

  it('wraps to a block that unwraps to the same key and header, masked lengths included', () => {
    const header: Tr31HeaderFields = {
      keyUsage: 'B1',
      algorithm: 'T',
      modeOfUse: 'X',
      keyVersionNumber: '01',
      exportability: 'E',
      optionalBlocks: [{ id: 'KS', data: '00604B120F9292800000' }],
    };
    const key = hexToBytes('E8BC63E5479455E26577F715D587FE68');
    for (const [version, kbpk] of [
      ['B', hexToBytes(R2.inputs.kbpk)],
      ['D', hexToBytes(R4.inputs.kbpk)],
    ] as const) {
      const block = wrapTr31KeyBlock({
        version,
        kbpk,
        header,
        key,
        maskedKeyLength: 24,
        random: new SeededRandom(1),
        cipherFactory: createCipher,
      });
      // KS block is 24 characters: 40 is a multiple of 8 (B) but D needs PB padding to 48.
      expect(block.slice(16, 40)).toBe('KS1800604B120F9292800000');
      expect(block.slice(14, 16)).toBe('00');
      expect(block.slice(12, 14)).toBe(version === 'B' ? '01' : '02');
      const unwrapped = unwrapTr31KeyBlock(kbpk, block, { cipherFactory: createCipher });
      expect(unwrapped.key).toEqual(key);
      expect(unwrapped.header).toMatchObject({ ...header, version });
      expect(unwrapped.header.headerLength % (version === 'B' ? 8 : 16)).toBe(0);
    }
  });
});

describe('typed errors', () => {
  const kbpk = hexToBytes(R2.inputs.kbpk);
  const block = R2.inputs.keyBlock;

  it('rejects truncated blocks, bad lengths and bad characters', () => {
    for (const [mutated, reason] of [
      [block.slice(0, 10), 'truncated'],
      [block.slice(0, 60), 'truncated'],
      [`${block}00`, 'length field disagrees'],
      [block.replace('B0080', 'B00X0'), 'length is not 4 decimal digits'],
      [`B0024P0TE00E0000${'00'.repeat(4)}`, 'key data is not whole blocks and a MAC'],
      [`${block.slice(0, 20)}g${block.slice(21)}`, 'body is not upper-case hex'],
      [`B0024P0TE00E0100KS09${'0'.repeat(4)}`, 'optional block length'],
    ] as const) {
      const error = expectCryptoError(() => unwrapTr31KeyBlock(kbpk, mutated), 'CRYPTO_KEY_BLOCK_MALFORMED', [
        '3F419E1C',
      ]);
      expect(error.details['reason']).toBe(reason);
    }
  });

  it('rejects other versions and KBPK lengths', () => {
    expectCryptoError(() => unwrapTr31KeyBlock(kbpk, `C${block.slice(1)}`), 'CRYPTO_KEY_BLOCK_UNSUPPORTED');
    expectCryptoError(() => unwrapTr31KeyBlock(new Uint8Array(8), block), 'CRYPTO_KEY_BLOCK_UNSUPPORTED');
    expectCryptoError(
      () =>
        wrapTr31KeyBlock({
          version: 'A' as 'B',
          kbpk,
          header: { keyUsage: 'P0', algorithm: 'T', modeOfUse: 'E', exportability: 'E' },
          key: new Uint8Array(16),
          random: new SeededRandom(1),
        }),
      'CRYPTO_KEY_BLOCK_UNSUPPORTED',
    );
    expectCryptoError(
      () =>
        wrapTr31KeyBlock({
          version: 'B',
          kbpk,
          header: { keyUsage: 'p0', algorithm: 'T', modeOfUse: 'E', exportability: 'E' },
          key: new Uint8Array(16),
          random: new SeededRandom(1),
        }),
      'CRYPTO_INVALID_ARGUMENT',
    );
  });

  it('fails the MAC for a wrong KBPK or a changed header, without returning anything', () => {
    const wrong = kbpk.slice();
    wrong[0] = wrong[0]! ^ 2;
    const error = expectCryptoError(() => unwrapTr31KeyBlock(wrong, block), 'CRYPTO_KEY_BLOCK_MAC_MISMATCH', [
      '3F419E1C',
    ]);
    expect(error.details).toEqual({});
    expectCryptoError(
      () => unwrapTr31KeyBlock(kbpk, block.replace('P0TE', 'P0TD')),
      'CRYPTO_KEY_BLOCK_MAC_MISMATCH',
    );
  });
});
