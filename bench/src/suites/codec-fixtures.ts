import { bytesToHex, encodeBerTlv, hexToBytes, type Iso8583Message } from '@payterm/iso8583';

/**
 * The codec suite's message: a realistic CUP POS 0200 chip sale with online PIN, and the same
 * content for the generic ASCII spec and for the peer library. Kept apart from the suite so tests
 * can check it without loading the peer.
 */

/** Packed size of the CUP message without the 2-byte frame length: TPDU + header + MTI + bitmap + fields. */
export const CUP_SALE_PACKED_BYTES = 251;

function bytes(hex: string): Uint8Array {
  const value = hexToBytes(hex);
  if (value === undefined) throw new Error(`bad hex fixture: ${hex}`);
  return value;
}

/**
 * Field 55 of an online chip sale request (the usual CUP/EMV request set). 9F1E (IFD serial number)
 * is left out and 9F10 carries only the standard part of the issuer application data (length, key
 * index, cryptogram version, CVR), which brings the packed message to exactly 251 bytes.
 */
export const ICC_REQUEST_TAGS: readonly (readonly [tag: string, value: string])[] = [
  ['9F26', 'A1B2C3D4E5F60718'], // application cryptogram (ARQC)
  ['9F27', '80'], // cryptogram information data: ARQC
  ['9F10', '07010103A0A802'], // issuer application data, standard part
  ['9F37', '5A6B7C8D'], // unpredictable number
  ['9F36', '0012'], // application transaction counter
  ['95', '0080048000'], // terminal verification results
  ['9A', '250620'], // transaction date YYMMDD
  ['9C', '00'], // transaction type: goods and services
  ['9F02', '000000010000'], // amount, authorised (= field 4)
  ['5F2A', '0156'], // transaction currency: CNY
  ['82', '7C00'], // application interchange profile
  ['9F1A', '0156'], // terminal country: China
  ['9F03', '000000000000'], // amount, other
  ['9F33', 'E0F1C8'], // terminal capabilities
  ['9F34', '420300'], // CVM results: online PIN
  ['9F35', '22'], // terminal type: attended, merchant, offline with online capability
  ['84', 'A000000333010101'], // dedicated file name: UnionPay debit AID
  ['9F09', '0030'], // application version number
  ['9F41', '00000123'], // transaction sequence counter (= STAN)
];

export const ICC_DATA = encodeBerTlv(ICC_REQUEST_TAGS.map(([tag, value]) => ({ tag, value: bytes(value) })));
const PIN_BLOCK = bytes('3A1F5C7E9B2D4F60');
const MAC = bytes('5D3E8A1C00000000');

/** CUP POS 0200 chip sale with online PIN: fields 2 3 4 11 14 22 23 25 26 35 41 42 49 52 53 55 60 64. */
export const cupSale: Iso8583Message = {
  mti: '0200',
  headers: { tpdu: '6000030000', header: '613100000000' },
  fields: {
    2: '6200001000000011',
    3: '000000',
    4: '000000010000',
    11: '000123',
    14: '3012',
    22: '051',
    23: '001',
    25: '00',
    26: '12',
    35: '6200001000000011=30122010000000000',
    41: '10000001',
    42: '898310058120001',
    49: '156',
    52: PIN_BLOCK,
    53: '2600000000000000',
    55: ICC_DATA,
    60: '22000001000600',
    64: MAC,
  },
};

/**
 * Fields iso_8583's default formats cannot carry with this content; they are left out of its message,
 * and of our like-for-like ASCII message, so both sides pack identical content.
 */
export const PEER_CANNOT_EXPRESS: Readonly<Record<number, string>> = {
  53: 'its default field 53 is b..96 fixed (48 bytes, the 1993 layout), not n16',
  64: 'its default field 64 is MaxLen 8 hex digits, i.e. a 4-byte MAC, not b64',
};

function withoutFields(message: Iso8583Message, numbers: readonly number[]): Iso8583Message {
  const fields = { ...message.fields };
  for (const number of numbers) delete fields[number];
  return { mti: message.mti, fields };
}

export const LEFT_OUT = Object.keys(PEER_CANNOT_EXPRESS).map(Number);

/** The CUP sale's content in generic ISO 8583:1987 ASCII (no TPDU/header), minus what the peer cannot carry. */
export const asciiSale: Iso8583Message = withoutFields(cupSale, LEFT_OUT);

/**
 * The same content for iso_8583: string values, binary fields as hex. Field 52 (b64) is given in
 * lower case because that is how iso_8583 decodes binary fields; field 55 is ans LLLVAR in its
 * default formats, so the ICC data travels as hex text (its length prefix counts characters, ours bytes).
 */
export function peerMessage(message: Iso8583Message): Record<string, string> {
  const json: Record<string, string> = { 0: message.mti };
  for (const [key, value] of Object.entries(message.fields)) {
    if (value === undefined) continue;
    if (typeof value === 'string') json[key] = value;
    else json[key] = key === '52' ? bytesToHex(value).toLowerCase() : bytesToHex(value);
  }
  return json;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a instanceof Uint8Array && b instanceof Uint8Array) {
    return a.length === b.length && a.every((byte, index) => byte === b[index]);
  }
  return a === b;
}

/** Own keys whose value is defined, as numbers for fields (works for plain objects and sparse arrays). */
function definedKeys(record: Readonly<Record<string | number, unknown>> | undefined): string[] {
  return record === undefined ? [] : Object.keys(record).filter((key) => record[key] !== undefined);
}

/**
 * Where `actual` differs from `expected` as message data (mti, header parts, field values; bytes by
 * content), or undefined when they are equal. Prototypes and containers do not matter: an unpacked
 * message may hold its fields in an object or a sparse array.
 */
export function messageDifference(expected: Iso8583Message, actual: Iso8583Message): string | undefined {
  const show = (value: unknown): string =>
    value instanceof Uint8Array ? `bytes ${bytesToHex(value)}` : JSON.stringify(value);
  if (expected.mti !== actual.mti) return `mti ${show(expected.mti)} came back as ${show(actual.mti)}`;
  const headerIds = new Set([...definedKeys(expected.headers), ...definedKeys(actual.headers)]);
  for (const id of headerIds) {
    const before = expected.headers?.[id];
    const after = actual.headers?.[id];
    if (before !== after) return `header ${id}: ${show(before)} came back as ${show(after)}`;
  }
  const numbers = new Set([...definedKeys(expected.fields), ...definedKeys(actual.fields)].map(Number));
  for (const number of [...numbers].sort((a, b) => a - b)) {
    const before = expected.fields[number];
    const after = actual.fields[number];
    if (!sameValue(before, after)) return `field ${number}: ${show(before)} came back as ${show(after)}`;
  }
  return undefined;
}
