import { createCipheriv, createDecipheriv } from 'node:crypto';
import {
  AesDukptHost,
  TdesDukptHost,
  bytesToHex,
  createCipher,
  createCupEcbMac,
  hexToBytes,
  translatePinBlock,
} from '@payterm/crypto';
import { createNodeCipher } from '@payterm/crypto/node';
import { systemRandom } from '@payterm/kernel';

/**
 * Inputs of the crypto suite and the peer implementations it is timed against: node:crypto used
 * directly, the way a typical Node service writes these operations (a new cipher object per call,
 * Buffers and hex strings). checkCryptoFixtures runs before any timing and throws on a mismatch.
 */

/** Reference vectors U1 (8-byte MAK, single DES) and U2 (16-byte MAK, TDES) of packages/crypto/test/fixtures/macs.json. */
export const POS_ECB_VECTORS = [
  {
    id: 'U1',
    key: 'C24A8FB57AA20123',
    data:
      '0200302004C020C0981100000000000000005100183402100006324392260009942820D1312101120084393136363838303134' +
      '303030303030303030303030303031313536ACF46E73838A82F92600000000000000000822000001',
    mac: '3841394539314238',
  },
  {
    id: 'U2',
    key: '0723C80DB5F4CD3D0723C80DB5F4CD3D',
    data:
      '02003020048000C08015000000000000001234000002030099303030303030303139353237313831383232313738373531353600' +
      '192600000100060000000000435F01123238343431323334353637383930313233345F03063136303033365F04063230303832365C023031',
    mac: '4233413039324145',
  },
] as const;

/** Reference vector T1 of packages/crypto/test/fixtures/pin-translations.json: format 0 TPK → ZPK. */
export const PIN_TRANSLATION = {
  tpk: '042666B49184CF5C68DE9628D0397B36',
  zpk: '0123456789ABCDEFFEDCBA9876543210',
  pan: '4012345678909',
  block: '1B9C1845EB993A7A',
  translated: 'C03D21CDBCB0C58B',
} as const;

/** Reference vector A.4-E00001 of packages/crypto/test/fixtures/dukpt-tdes.json (X9.24-1:2009 A.4). */
export const DUKPT_VECTOR = {
  bdk: '0123456789ABCDEFFEDCBA9876543210',
  ksn: 'FFFF9876543210E00001',
  transactionKey: '042666B49184CFA368DE9628D0397BC9',
} as const;

/**
 * The timed KSNs: the A.4 device at counter 1 (one key-generation step) and at 1FF800, the 10 top
 * counter bits set, the most steps a valid counter takes.
 */
export const DUKPT_KSNS = {
  first: hexToBytes('FFFF9876543210E00001'),
  worst: hexToBytes('FFFF9876543210FFF800'),
} as const;

/**
 * Reference vectors of packages/crypto/test/fixtures/dukpt-aes.json (X9.24-3:2017 supplement), AES-128
 * BDK: counter 1 (one derivation step) and FFFF0000 (16 one-bits, the most steps a valid counter takes).
 */
export const AES_DUKPT_VECTORS = {
  bdk: 'FEDCBA9876543210F1F1F1F1F1F1F1F1',
  first: { ksn: '123456789012345600000001', transactionKey: '4F21B565BAD9835E112B6465635EAE44' },
  worst: { ksn: '1234567890123456FFFF0000', transactionKey: 'F6BA59389BD14A9855BE9727E7C52E3C' },
} as const;

/** MAKs of the timed MACs: the U1 (single DES) and U2 (double-length TDES) keys. */
export const MAK_8 = hexToBytes(POS_ECB_VECTORS[0].key);
export const MAK_16 = hexToBytes(POS_ECB_VECTORS[1].key);

export const MESSAGE_BYTES = 250;

/** A 250-byte MAC block: the U1 message repeated, as long as a typical CUP 0200 sale. */
export const MESSAGE: Uint8Array = (() => {
  const source = hexToBytes(POS_ECB_VECTORS[0].data);
  return Uint8Array.from({ length: MESSAGE_BYTES }, (_, index) => source[index % source.length]!);
})();

/** A TDES key as the 24 bytes node:crypto's des-ede3 wants: K‖K‖K for DES, K1‖K2‖K1 for 2-key TDES. */
export function desEde3Key(key: Uint8Array): Buffer {
  const bytes = Buffer.from(key);
  if (key.length === 8) return Buffer.concat([bytes, bytes, bytes]);
  if (key.length === 16) return Buffer.concat([bytes, bytes.subarray(0, 8)]);
  return bytes;
}

/** The CUP POS ECB MAC written directly on node:crypto: one des-ede3-ecb cipher per call, hex via Buffer. */
export function peerPosEcbMac(key24: Buffer, data: Uint8Array): Buffer {
  const xor = Buffer.alloc(8);
  for (let offset = 0; offset < data.length; offset += 8) {
    for (let index = 0; index < 8 && offset + index < data.length; index++)
      xor[index]! ^= data[offset + index]!;
  }
  const text = Buffer.from(xor.toString('hex').toUpperCase(), 'ascii');
  const cipher = createCipheriv('des-ede3-ecb', key24, null).setAutoPadding(false);
  const first = cipher.update(text.subarray(0, 8));
  for (let index = 0; index < 8; index++) first[index]! ^= text[8 + index]!;
  const second = cipher.update(first);
  cipher.final();
  return Buffer.from(second.subarray(0, 4).toString('hex').toUpperCase(), 'ascii');
}

/** ISO 9564-1 format 0 PAN field: 0000 and the 12 rightmost PAN digits before the check digit. */
function panField(pan: string): Buffer {
  return Buffer.from(`0000${pan.slice(-13, -1)}`, 'hex');
}

/** Format 0 → format 0 PIN translation on node:crypto: decrypt, decode and check the PIN, re-encode, encrypt. */
export function peerTranslatePinBlock(tpk24: Buffer, zpk24: Buffer, block: Buffer, pan: string): Buffer {
  const decipher = createDecipheriv('des-ede3-ecb', tpk24, null).setAutoPadding(false);
  const clear = Buffer.concat([decipher.update(block), decipher.final()]);
  const field = panField(pan);
  for (let index = 0; index < 8; index++) clear[index]! ^= field[index]!;
  const hex = clear.toString('hex').toUpperCase();
  const length = parseInt(hex[1]!, 16);
  const pin = hex.slice(2, 2 + length);
  if (
    hex[0] !== '0' ||
    length < 4 ||
    length > 12 ||
    !/^\d+$/.test(pin) ||
    !/^F+$/.test(hex.slice(2 + length))
  )
    throw new Error('PIN block invalid');
  const out = Buffer.from(`0${length.toString(16)}${pin}`.padEnd(16, 'F'), 'hex');
  for (let index = 0; index < 8; index++) out[index]! ^= field[index]!;
  const cipher = createCipheriv('des-ede3-ecb', zpk24, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(out), cipher.final()]);
}

const DUKPT_VARIANT_MASK = Buffer.from('C0C0C0C000000000C0C0C0C000000000', 'hex');

function xorBuffers(a: Buffer, b: Buffer): Buffer {
  return Buffer.from(a.map((byte, index) => byte ^ b[index]!));
}

function peerDes(key8: Buffer, block: Buffer): Buffer {
  const cipher = createCipheriv('des-ede3-ecb', Buffer.concat([key8, key8, key8]), null).setAutoPadding(
    false,
  );
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

function peerTdes(key16: Buffer, block: Buffer): Buffer {
  const cipher = createCipheriv('des-ede3-ecb', desEde3Key(key16), null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** X9.24-1 A.2 non-reversible key generation: right half under K, left half under K ⊕ C0C0C0C0…; a new cipher per DES step. */
function peerNrkgp(key: Buffer, register: Buffer): Buffer {
  const right = xorBuffers(
    peerDes(key.subarray(0, 8), xorBuffers(register, key.subarray(8))),
    key.subarray(8),
  );
  const masked = xorBuffers(key, DUKPT_VARIANT_MASK);
  const left = xorBuffers(
    peerDes(masked.subarray(0, 8), xorBuffers(register, masked.subarray(8))),
    masked.subarray(8),
  );
  return Buffer.concat([left, right]);
}

/** TDES DUKPT transaction key from BDK and KSN on node:crypto: IPEK, then one NRKGP per counter bit. */
export function peerDukptTransactionKey(bdk: Buffer, ksn: Buffer): Buffer {
  const initial = Buffer.from(ksn.subarray(0, 8));
  initial[7]! &= 0xe0;
  let key: Buffer = Buffer.concat([
    peerTdes(bdk, initial),
    peerTdes(xorBuffers(bdk, DUKPT_VARIANT_MASK), initial),
  ]);
  const counter = ((ksn[7]! & 0x1f) << 16) | (ksn[8]! << 8) | ksn[9]!;
  const register = Buffer.from(ksn.subarray(2, 10));
  register[5]! &= 0xe0;
  register[6] = 0;
  register[7] = 0;
  for (let bit = 20; bit >= 0; bit--) {
    if ((counter & (1 << bit)) === 0) continue;
    register[7 - (bit >> 3)]! |= 1 << (bit & 7);
    key = peerNrkgp(key, register);
  }
  return key;
}

/** X9.24-3 derivation data: version 1, block counter 1, usage, AES-128 (0002, 128 bits), 8 bytes of ID. */
function aesDerivationData(usage: number, id: Buffer, counter?: number): Buffer {
  const data = Buffer.alloc(16);
  data[0] = 0x01;
  data[1] = 0x01;
  data.writeUInt16BE(usage, 2);
  data.writeUInt16BE(0x0002, 4);
  data.writeUInt16BE(128, 6);
  id.copy(data, 8);
  if (counter !== undefined) data.writeUInt32BE(counter, 12);
  return data;
}

function peerAes128(key: Buffer, block: Buffer): Buffer {
  const cipher = createCipheriv('aes-128-ecb', key, null).setAutoPadding(false);
  return Buffer.concat([cipher.update(block), cipher.final()]);
}

/** AES-128 DUKPT transaction key from BDK and KSN on node:crypto: initial key, then one step per counter bit. */
export function peerAesDukptTransactionKey(bdk: Buffer, ksn: Buffer): Buffer {
  let key = peerAes128(bdk, aesDerivationData(0x8001, ksn.subarray(0, 8)));
  const counter = ksn.readUInt32BE(8);
  let running = 0;
  for (let bit = 31; bit >= 0; bit--) {
    const mask = 2 ** bit;
    if (Math.floor(counter / mask) % 2 === 0) continue;
    running += mask;
    key = peerAes128(key, aesDerivationData(0x8000, ksn.subarray(4, 8), running));
  }
  return key;
}

/** Throws unless `actual` equals `expected` (both as upper-case hex). */
export function expectSame(what: string, actual: Uint8Array | string, expected: Uint8Array | string): void {
  const a = typeof actual === 'string' ? actual : bytesToHex(actual);
  const e = typeof expected === 'string' ? expected : bytesToHex(expected);
  if (a !== e) throw new Error(`crypto suite fixture check failed: ${what} gave ${a}, expected ${e}`);
}

/**
 * Every implementation the suite times gives the reference result and agrees with the others on
 * the timed inputs. Returns a one-line summary; throws on the first mismatch.
 */
export function checkCryptoFixtures(): string {
  for (const vector of POS_ECB_VECTORS) {
    const key = hexToBytes(vector.key);
    const data = hexToBytes(vector.data);
    expectSame(`ours POS ECB MAC ${vector.id}`, createCupEcbMac(createCipher, key).compute(data), vector.mac);
    expectSame(
      `ours (node cipher) POS ECB MAC ${vector.id}`,
      createCupEcbMac(createNodeCipher, key).compute(data),
      vector.mac,
    );
    expectSame(`node:crypto POS ECB MAC ${vector.id}`, peerPosEcbMac(desEde3Key(key), data), vector.mac);
  }
  for (const [label, mak] of [
    ['8-byte MAK', MAK_8],
    ['16-byte MAK', MAK_16],
  ] as const) {
    const ours = createCupEcbMac(createCipher, mak).compute(MESSAGE);
    expectSame(
      `ours (node cipher) vs ours, ${label}, ${MESSAGE_BYTES} bytes`,
      createCupEcbMac(createNodeCipher, mak).compute(MESSAGE),
      ours,
    );
    expectSame(
      `node:crypto vs ours, ${label}, ${MESSAGE_BYTES} bytes`,
      peerPosEcbMac(desEde3Key(mak), MESSAGE),
      ours,
    );
  }
  const t = PIN_TRANSLATION;
  const tpk = hexToBytes(t.tpk);
  const zpk = hexToBytes(t.zpk);
  const ours = translatePinBlock(hexToBytes(t.block), {
    from: { cipher: createCipher('tdes', tpk), format: 0 },
    to: { cipher: createCipher('tdes', zpk), format: 0 },
    pan: t.pan,
    random: systemRandom,
  });
  expectSame('ours PIN translation T1', ours, t.translated);
  const peer = peerTranslatePinBlock(desEde3Key(tpk), desEde3Key(zpk), Buffer.from(t.block, 'hex'), t.pan);
  expectSame('node:crypto PIN translation T1', peer, t.translated);
  const bdk = hexToBytes(DUKPT_VECTOR.bdk);
  const host = new TdesDukptHost(bdk);
  const ksn = hexToBytes(DUKPT_VECTOR.ksn);
  expectSame('ours DUKPT transaction key A.4-E00001', host.transactionKey(ksn), DUKPT_VECTOR.transactionKey);
  expectSame(
    'node:crypto DUKPT transaction key A.4-E00001',
    peerDukptTransactionKey(Buffer.from(bdk), Buffer.from(ksn)),
    DUKPT_VECTOR.transactionKey,
  );
  for (const [label, timed] of Object.entries(DUKPT_KSNS)) {
    expectSame(
      `node:crypto vs ours, DUKPT transaction key, ${label} KSN`,
      peerDukptTransactionKey(Buffer.from(bdk), Buffer.from(timed)),
      host.transactionKey(timed),
    );
  }
  const aesBdk = hexToBytes(AES_DUKPT_VECTORS.bdk);
  const aesHost = new AesDukptHost(aesBdk);
  for (const [label, vector] of Object.entries({
    first: AES_DUKPT_VECTORS.first,
    worst: AES_DUKPT_VECTORS.worst,
  })) {
    const aesKsn = hexToBytes(vector.ksn);
    expectSame(
      `ours AES DUKPT transaction key, ${label} KSN`,
      aesHost.transactionKey(aesKsn),
      vector.transactionKey,
    );
    expectSame(
      `node:crypto AES DUKPT transaction key, ${label} KSN`,
      peerAesDukptTransactionKey(Buffer.from(aesBdk), Buffer.from(aesKsn)),
      vector.transactionKey,
    );
  }
  return `fixtures: POS ECB MAC vectors U1, U2, PIN translation T1, DUKPT A.4-E00001 and AES DUKPT 00000001 / FFFF0000 match for every implementation; ours, ours on node cipher and node:crypto agree on the ${MESSAGE_BYTES}-byte message (8- and 16-byte MAK), and ours and node:crypto on the timed DUKPT KSNs`;
}
