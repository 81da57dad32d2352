import { createRequire } from 'node:module';
import Iso8583 from 'iso_8583';
import {
  createCodec,
  cupPosSpec,
  iso87AsciiSpec,
  toFieldArray,
  type Iso8583Message,
  type MessageCodec,
} from '@payterm/iso8583';
import type { TimingOptions } from '../measure.js';
import type { BenchResult } from '../report.js';
import type { Suite } from '../suite.js';
import { measureCompared, type ComparedCase } from '../compared-cases.js';
import { codecFloor, type CodecFloor } from './codec-floor.js';
import {
  asciiSale,
  CUP_SALE_PACKED_BYTES,
  cupSale,
  ICC_DATA,
  ICC_REQUEST_TAGS,
  LEFT_OUT,
  messageDifference,
  PEER_CANNOT_EXPRESS,
  peerMessage,
} from './codec-fixtures.js';

/**
 * ISO 8583 pack + unpack of one realistic CUP POS 0200 chip sale, against the npm package
 * `iso_8583` (the most used JavaScript ISO 8583 library) on the same content in ASCII.
 */

const PEER_VERSION = (createRequire(import.meta.url)('iso_8583/package.json') as { version: string }).version;
const PEER = `iso_8583 ${PEER_VERSION}`;
const OURS = '@payterm/iso8583';

const peerNote =
  'iso_8583 default formats (ISO 8583:1987 ASCII, binary 128-bit bitmap); fields left out: ' +
  LEFT_OUT.map((number) => `${number} (${PEER_CANNOT_EXPRESS[number]})`).join('; ');

function fail(message: string): never {
  throw new Error(`codec suite fixture check failed: ${message}`);
}

function checkOurRoundTrip(codec: MessageCodec, message: Iso8583Message): Uint8Array {
  const packed = codec.pack(message);
  const difference = messageDifference(message, codec.unpack(packed));
  if (difference !== undefined) fail(`${codec.spec.id}: unpack(pack(m)) differs from m: ${difference}`);
  return packed;
}

/** The floor must produce exactly what the codec does, both ways, or it measures something else. */
function checkFloor(
  floor: CodecFloor,
  codec: MessageCodec,
  message: Iso8583Message,
  packed: Uint8Array,
): void {
  const out = new Uint8Array(packed.length);
  const end = floor.packInto(message, out);
  if (end !== packed.length || out.some((byte, index) => byte !== packed[index])) {
    fail('the floor packs other bytes than the codec');
  }
  const difference = messageDifference(codec.unpack(packed), floor.unpack(packed));
  if (difference !== undefined) fail(`the floor unpacks other values than the codec: ${difference}`);
}

function peerPack(json: Record<string, string>): Buffer {
  const packed = new Iso8583(json).getRawMessage();
  if (!Buffer.isBuffer(packed)) fail(`iso_8583 could not pack the message: ${packed.error}`);
  return packed;
}

const PEER_UNPACK_CONFIG = { lenHeader: false } as const;

function peerUnpack(packed: Buffer): Record<string, string> {
  const json = new Iso8583().getIsoJSON(packed, PEER_UNPACK_CONFIG);
  // iso_8583 reports failures as { error } instead of throwing; no ISO 8583 field is keyed 'error'.
  if ('error' in json) fail(`iso_8583 could not unpack its own message: ${json.error}`);
  return json as Record<string, string>;
}

function checkPeerRoundTrip(json: Record<string, string>): Buffer {
  const packed = peerPack(json);
  const unpacked = peerUnpack(packed);
  const keys = new Set([...Object.keys(json), ...Object.keys(unpacked)]);
  for (const key of keys) {
    if (json[key] !== unpacked[key]) {
      fail(
        `iso_8583 round trip: field ${key} ${JSON.stringify(json[key])} came back as ${JSON.stringify(unpacked[key])}`,
      );
    }
  }
  return packed;
}

export const codecSuite: Suite = {
  name: 'codec',
  description: `ISO 8583 pack/unpack of a 251-byte CUP POS 0200 sale, vs ${PEER} on the same content in ASCII`,
  run(timing: TimingOptions, log: (line: string) => void): BenchResult[] {
    const cup = createCodec(cupPosSpec);
    const ascii = createCodec(iso87AsciiSpec);
    // Messages are timed in the form unpack returns (fields in a sparse array); one case keeps the
    // plain-object form to show what enumerating its keys costs.
    const cupSaleArray: Iso8583Message = { ...cupSale, fields: toFieldArray(cupSale.fields) };
    const asciiSaleArray: Iso8583Message = { ...asciiSale, fields: toFieldArray(asciiSale.fields) };

    const cupPacked = checkOurRoundTrip(cup, cupSale);
    const frameBuffer = new Uint8Array(4096);
    if (cupPacked.length !== CUP_SALE_PACKED_BYTES) {
      fail(
        `the CUP 0200 sale packs to ${cupPacked.length} bytes, not ${CUP_SALE_PACKED_BYTES} (field 55 is ${ICC_DATA.length} bytes)`,
      );
    }
    const floor = codecFloor(cup, cupSaleArray);
    checkFloor(floor, cup, cupSaleArray, cupPacked);
    const asciiPacked = checkOurRoundTrip(ascii, asciiSale);
    const peerJson = peerMessage(asciiSale);
    const peerPacked = checkPeerRoundTrip(peerJson);
    log(
      `fixtures: cup-pos 0200 sale = ${cupPacked.length} bytes (field 55: ${ICC_DATA.length} bytes, ${ICC_REQUEST_TAGS.length} tags); ` +
        `iso87-ascii ${asciiPacked.length} bytes; iso_8583 ${peerPacked.length} bytes; all round trips verified`,
    );

    const cupNote = `peer ratio against ${PEER} on the same content in ASCII: it has no BCD/binary CUP layout, and lacks fields ${LEFT_OUT.join(', ')}`;
    const likeNote = `fields ${LEFT_OUT.join(', ')} left out, as for the peer, so both pack identical content`;
    const cases: ComparedCase[] = [
      {
        id: 'cup',
        case: 'cup-pos 0200 sale pack+unpack',
        impl: OURS,
        peer: 'peer',
        note: cupNote,
        op: () => cup.unpack(cup.pack(cupSaleArray)),
      },
      {
        id: 'cup-into',
        case: "cup-pos 0200 sale packInto a caller's buffer + unpack",
        impl: OURS,
        peer: 'peer',
        note: `${cupNote}; packInto writes into a reused buffer instead of allocating the output`,
        op: () => {
          const end = cup.packInto(cupSaleArray, frameBuffer, 0);
          return cup.unpack(frameBuffer.subarray(0, end));
        },
      },
      {
        id: 'cup-floor',
        case: 'cup-pos 0200 sale pack+unpack floor: values at known offsets, no checks',
        impl: 'this runtime',
        peer: 'peer',
        note: "the least work pack (into a caller's buffer) + unpack can do for this message in this runtime: each value written or built at its known offset, no bitmap, lengths, checks or output allocation; no codec can be faster, so a target above it is out of reach on the machine",
        op: () => {
          const end = floor.packInto(cupSaleArray, frameBuffer);
          return floor.unpack(frameBuffer.subarray(0, end));
        },
      },
      {
        id: 'cup-object',
        case: 'cup-pos 0200 sale pack+unpack, fields as a plain object',
        impl: OURS,
        peer: 'peer',
        note: cupNote,
        op: () => cup.unpack(cup.pack(cupSale)),
      },
      {
        id: 'cup-pack',
        case: 'cup-pos 0200 sale pack',
        impl: OURS,
        peer: 'peer-pack',
        note: cupNote,
        op: () => cup.pack(cupSaleArray),
      },
      {
        id: 'cup-unpack',
        case: 'cup-pos 0200 sale unpack',
        impl: OURS,
        peer: 'peer-unpack',
        note: cupNote,
        op: () => cup.unpack(cupPacked),
      },
      {
        id: 'ascii',
        case: 'iso87-ascii 0200 sale pack+unpack',
        impl: OURS,
        peer: 'peer',
        note: likeNote,
        op: () => ascii.unpack(ascii.pack(asciiSaleArray)),
      },
      {
        id: 'peer',
        case: 'iso87-ascii 0200 sale pack+unpack',
        impl: PEER,
        note: peerNote,
        op: () => peerUnpack(peerPack(peerJson)),
      },
      {
        id: 'ascii-pack',
        case: 'iso87-ascii 0200 sale pack',
        impl: OURS,
        peer: 'peer-pack',
        note: likeNote,
        op: () => ascii.pack(asciiSaleArray),
      },
      {
        id: 'peer-pack',
        case: 'iso87-ascii 0200 sale pack',
        impl: PEER,
        note: peerNote,
        op: () => peerPack(peerJson),
      },
      {
        id: 'ascii-unpack',
        case: 'iso87-ascii 0200 sale unpack',
        impl: OURS,
        peer: 'peer-unpack',
        note: likeNote,
        op: () => ascii.unpack(asciiPacked),
      },
      {
        id: 'peer-unpack',
        case: 'iso87-ascii 0200 sale unpack',
        impl: PEER,
        note: peerNote,
        op: () => peerUnpack(peerPacked),
      },
    ];

    return measureCompared(cases, timing, log).results;
  },
};
