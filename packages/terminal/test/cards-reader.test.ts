import { describe, expect, it } from 'vitest';
import { adjustKeyParity, bytesToHex, createCipher, hexToBytes } from '@payterm/crypto';
import { decodeTlv, type TlvNode } from '@payterm/emv';
import { SeededRandom } from '@payterm/kernel';
import type { CardEntry, CardRead, CardReadResult, CardRequest } from '../src/ports/card-reader.js';
import {
  TEST_CARDS,
  TEST_ISSUER_MASTER_KEY_HEX,
  TestCardReader,
  type CardPick,
  type TestCard,
} from '../src/cards/index.js';

const ALL_ENTRIES: CardEntry[] = ['swipe', 'insert', 'tap', 'keyed'];
const UNPREDICTABLE = Uint8Array.of(0x1a, 0x2b, 0x3c, 0x4d);

/** A sale of 123.45 CNY unless overridden; `amount: undefined` leaves the amount out. */
function cardRequest(overrides: { [K in keyof CardRequest]?: CardRequest[K] | undefined } = {}): CardRequest {
  const { amount, ...rest } = {
    purpose: 'sale',
    amount: { amountMinor: 12_345, currency: '156' },
    allowed: ALL_ENTRIES,
    transactionDate: '20250314',
    unpredictableNumber: UNPREDICTABLE,
    ...overrides,
  } as CardRequest;
  return amount === undefined ? rest : { ...rest, amount };
}

function reader(picks: CardPick[], cards?: readonly TestCard[]): TestCardReader {
  const seen = [...picks];
  return new TestCardReader(() => Promise.resolve(seen.shift()!), {
    random: new SeededRandom(9),
    ...(cards === undefined ? {} : { cards }),
  });
}

async function read(pan: string, entry: CardEntry, request = cardRequest()): Promise<CardRead> {
  const result = await reader([{ pan, entry }]).readCard(request);
  return asRead(result);
}

function asRead(result: CardReadResult): CardRead {
  if ('cancelled' in result) throw new Error('the read was cancelled');
  return result;
}

function tags(icc: Uint8Array | undefined): Map<string, string> {
  expect(icc).toBeDefined();
  const nodes: TlvNode[] = decodeTlv(icc!);
  return new Map(nodes.map((node) => [node.tag, bytesToHex(node.value)]));
}

/** EMV Book 2 A1.4.1 option A and ISO 9797-1 MAC algorithm 3, written out on bare DES blocks. */
function independentArqc(pan: string, psn: string, data: Uint8Array): string {
  const imk = createCipher('tdes', hexToBytes(TEST_ISSUER_MASTER_KEY_HEX));
  const y = hexToBytes((pan + psn).slice(-16));
  const key = adjustKeyParity(
    Uint8Array.from([...imk.encryptBlocksEcb(y), ...imk.encryptBlocksEcb(y.map((byte) => ~byte & 0xff))]),
  );
  const left = createCipher('des', key.subarray(0, 8));
  const right = createCipher('des', key.subarray(8));
  const padded = new Uint8Array(Math.ceil((data.length + 1) / 8) * 8);
  padded.set(data);
  padded[data.length] = 0x80;
  const state = new Uint8Array(8);
  for (let offset = 0; offset < padded.length; offset += 8) {
    for (let index = 0; index < 8; index += 1) state[index] = state[index]! ^ padded[offset + index]!;
    left.encryptBlock(state, 0, state, 0);
  }
  right.decryptBlock(state, 0, state, 0);
  left.encryptBlock(state, 0, state, 0);
  return bytesToHex(state);
}

// prettier-ignore
const FIELD_55_ORDER = [
  '9F26', '9F27', '9F10', '9F37', '9F36', '95', '9A', '9C', '9F02', '5F2A',
  '82', '9F1A', '9F03', '9F33', '9F34', '9F35', '9F1E', '84', '9F09', '9F41',
];

describe('TestCardReader entries', () => {
  it('swipe gives track 2 and asks for a PIN', async () => {
    const card = await read('6200001000000011', 'swipe');
    expect(card).toEqual({
      entry: 'swipe',
      pan: '6200001000000011',
      expiry: '3012',
      track2: '6200001000000011=30122010000000000',
      brand: 'UnionPay',
      pinRequired: true,
    });
  });

  it('keyed gives PAN and expiry only, without PIN', async () => {
    expect(await read('6200001000000060', 'keyed')).toEqual({
      entry: 'keyed',
      pan: '6200001000000060',
      expiry: '2001',
      brand: 'UnionPay',
      pinRequired: false,
    });
  });

  it('insert gives card sequence 001, the track 2 equivalent and field 55, and asks for a PIN', async () => {
    const card = await read('6200001000000011', 'insert');
    expect(card).toMatchObject({
      entry: 'insert',
      pan: '6200001000000011',
      expiry: '3012',
      track2: '6200001000000011=30122010000000000',
      cardSequence: '001',
      brand: 'UnionPay',
      pinRequired: true,
    });
    expect(card.icc!.length).toBeLessThanOrEqual(255);
    expect(decodeTlv(card.icc!).map((node) => node.tag)).toEqual(FIELD_55_ORDER);
  });

  it('returns cancelled when the customer takes the card away', async () => {
    await expect(reader(['cancel']).readCard(cardRequest())).resolves.toEqual({ cancelled: true });
  });

  it('refuses an entry the terminal does not accept now', async () => {
    await expect(
      reader([{ pan: '6200001000000011', entry: 'keyed' }]).readCard(
        cardRequest({ allowed: ['swipe', 'insert', 'tap'] }),
      ),
    ).rejects.toMatchObject({ code: 'TERMINAL_INVALID_INPUT', details: { entry: 'keyed' } });
  });

  it('refuses insert and tap of a magstripe-only card and swipes it with service code 101', async () => {
    const magstripe: TestCard = { ...TEST_CARDS[0]!, pan: '6200002000000010', serviceCode: '101' };
    const cards = [...TEST_CARDS, magstripe];
    for (const entry of ['insert', 'tap'] as const) {
      await expect(
        reader([{ pan: magstripe.pan, entry }], cards).readCard(cardRequest()),
      ).rejects.toMatchObject({ code: 'TERMINAL_INVALID_INPUT', details: { entry } });
    }
    const swiped = asRead(
      await reader([{ pan: magstripe.pan, entry: 'swipe' }], cards).readCard(cardRequest()),
    );
    expect(swiped.track2).toBe('6200002000000010=30121010000000000');
  });
});

describe('TestCardReader field 55', () => {
  it('carries the request and card data in the tags of the reference', async () => {
    const card = await read('6200001000000011', 'insert');
    const values = tags(card.icc);
    expect(values.get('9F27')).toBe('80');
    expect(values.get('9F37')).toBe('1A2B3C4D');
    expect(values.get('9A')).toBe('250314');
    expect(values.get('9C')).toBe('00');
    expect(values.get('9F02')).toBe('000000012345');
    expect(values.get('5F2A')).toBe('0156');
    expect(values.get('9F1A')).toBe('0156');
    expect(values.get('9F03')).toBe('000000000000');
    expect(values.get('9F35')).toBe('22');
    expect(values.get('84')).toBe('A000000333010101');
    expect(values.get('9F34')).toBe('420300');
    expect(values.get('95')).toBe('0000048000');
    expect(values.get('9F1E')).toBe(bytesToHex(new TextEncoder().encode('PAYTERM1')));
    expect(values.get('9F41')).toBe('00000001');
    expect(values.get('9F26')).toHaveLength(16);
  });

  it('has an ARQC that recomputes under the card key derived from the PAN', async () => {
    for (const pan of ['6200001000000011', '6200001000000029', '4000001000000018', '5100001000000014']) {
      const values = tags((await read(pan, 'insert')).icc);
      const data = hexToBytes(
        ['9F02', '9F03', '9F1A', '95', '5F2A', '9A', '9C', '9F37', '82', '9F36']
          .map((tag) => values.get(tag))
          .join(''),
      );
      expect(values.get('9F26')).toBe(independentArqc(pan, '01', data));
    }
  });

  it('changes the ARQC with the amount and the unpredictable number', async () => {
    const base = tags((await read('6200001000000011', 'insert')).icc).get('9F26');
    const otherAmount = cardRequest({ amount: { amountMinor: 12_346, currency: '156' } });
    const otherNumber = cardRequest({ unpredictableNumber: Uint8Array.of(0x1a, 0x2b, 0x3c, 0x4e) });
    expect(tags((await read('6200001000000011', 'insert', otherAmount)).icc).get('9F26')).not.toBe(base);
    expect(tags((await read('6200001000000011', 'insert', otherNumber)).icc).get('9F26')).not.toBe(base);
  });

  it('counts the ATC and the sequence counter up with each chip read of the same reader', async () => {
    const cardReader = reader([
      { pan: '6200001000000011', entry: 'insert' },
      { pan: '6200001000000029', entry: 'tap' },
    ]);
    const first = tags(asRead(await cardReader.readCard(cardRequest())).icc);
    const second = tags(asRead(await cardReader.readCard(cardRequest())).icc);
    expect(parseInt(second.get('9F36')!, 16)).toBe(parseInt(first.get('9F36')!, 16) + 1);
    expect(second.get('9F41')).toBe('00000002');
  });

  it('names the application by brand and account type', async () => {
    const aid = async (pan: string) => tags((await read(pan, 'insert')).icc).get('84');
    expect(await aid('6200001000000011')).toBe('A000000333010101');
    expect(await aid('6200001000000029')).toBe('A000000333010102');
    expect(await aid('4000001000000018')).toBe('A0000000031010');
    expect(await aid('5100001000000014')).toBe('A0000000041010');
    expect((await read('4000001000000018', 'insert')).brand).toBe('Visa');
    expect((await read('5100001000000014', 'insert')).brand).toBe('Mastercard');
  });

  it('sets 9C from the processing code of the purpose', async () => {
    const type = async (purpose: CardRequest['purpose']) =>
      tags((await read('6200001000000011', 'insert', cardRequest({ purpose }))).icc).get('9C');
    expect(await type('sale')).toBe('00');
    expect(await type('refund')).toBe('20');
    expect(await type('void')).toBe('20');
    expect(await type('preauth')).toBe('03');
    expect(await type('preauth-completion')).toBe('00');
    const balance = await read(
      '6200001000000011',
      'insert',
      cardRequest({ purpose: 'balance', amount: undefined }),
    );
    expect(tags(balance.icc).get('9C')).toBe('31');
    expect(tags(balance.icc).get('9F02')).toBe('000000000000');
    expect(tags(balance.icc).get('95')).toBe('0000040000');
  });

  it('reads the transaction date as YYMMDD, YYYYMMDD or ISO 8601 and refuses anything else', async () => {
    for (const transactionDate of ['250314', '20250314', '2025-03-14', '2025-03-14T09:30:00.000Z']) {
      const values = tags((await read('6200001000000011', 'insert', cardRequest({ transactionDate }))).icc);
      expect(values.get('9A')).toBe('250314');
    }
    for (const transactionDate of ['', '0314', '251314', '2503-14', 'tomorrow']) {
      await expect(
        read('6200001000000011', 'insert', cardRequest({ transactionDate })),
      ).rejects.toMatchObject({
        code: 'TERMINAL_INVALID_INPUT',
        details: { field: 'transactionDate' },
      });
    }
  });

  it('refuses an unpredictable number that is not 4 bytes', async () => {
    await expect(
      read('6200001000000011', 'insert', cardRequest({ unpredictableNumber: new Uint8Array(8) })),
    ).rejects.toMatchObject({ code: 'TERMINAL_INVALID_INPUT', details: { field: 'unpredictableNumber' } });
  });
});

describe('TestCardReader contactless cardholder verification', () => {
  const tap = (pan: string, amountMinor: number | undefined, currency = '156') =>
    read(
      pan,
      'tap',
      cardRequest(amountMinor === undefined ? { amount: undefined } : { amount: { amountMinor, currency } }),
    );

  it('needs no PIN on the no-CVM card up to its limit, and a PIN above it', async () => {
    for (const amountMinor of [1, 99_999, 100_000]) {
      const card = await tap('6200001000000094', amountMinor);
      expect(card.pinRequired).toBe(false);
      expect(tags(card.icc).get('9F34')).toBe('1F0002');
      expect(tags(card.icc).get('95')).toBe('0000008000');
    }
    const above = await tap('6200001000000094', 100_001);
    expect(above.pinRequired).toBe(true);
    expect(tags(above.icc).get('9F34')).toBe('420300');
  });

  it('asks for a PIN on other cards, without an amount, in another currency, and when inserted', async () => {
    expect((await tap('6200001000000011', 100)).pinRequired).toBe(true);
    expect((await tap('6200001000000094', undefined)).pinRequired).toBe(true);
    expect((await tap('6200001000000094', 100, '840')).pinRequired).toBe(true);
    expect((await read('6200001000000094', 'insert')).pinRequired).toBe(true);
  });

  it('gives tapped cards the same chip data as inserted ones', async () => {
    const card = await tap('6200001000000094', 500);
    expect(card).toMatchObject({
      entry: 'tap',
      cardSequence: '001',
      track2: '6200001000000094=30122010000000000',
    });
    expect(decodeTlv(card.icc!).map((node) => node.tag)).toEqual(FIELD_55_ORDER);
  });
});
