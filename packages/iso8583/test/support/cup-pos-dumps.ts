/** The real CUP POS dumps in fixtures/cup-pos-dumps.json, typed, with the codec each one needs. */
import { readFileSync } from 'node:fs';
import { createCodec, cupPosSpec, hexToBytes, type MessageCodec } from '@payterm/iso8583';
import { cupPosBodySpec } from './custom-specs.js';

export interface CupPosDump {
  readonly id: string;
  readonly source: string;
  readonly spec: 'cup-pos' | 'cup-pos-body';
  /** Whether `hex` starts with the 2-byte binary frame length. */
  readonly framed: boolean;
  readonly hex: string;
  readonly expected: {
    readonly headers?: Readonly<Record<string, string>>;
    readonly mti: string;
    /** Text fields as they are, binary fields as upper-case hex. */
    readonly fields: Readonly<Record<string, string>>;
    readonly subfields?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  };
}

export const CUP_POS_DUMPS: readonly CupPosDump[] = JSON.parse(
  readFileSync(new URL('../fixtures/cup-pos-dumps.json', import.meta.url), 'utf8'),
) as CupPosDump[];

export function dumpById(id: string): CupPosDump {
  const dump = CUP_POS_DUMPS.find((candidate) => candidate.id === id);
  if (dump === undefined) throw new Error(`no dump ${id}`);
  return dump;
}

const codecs = {
  'cup-pos': createCodec(cupPosSpec),
  'cup-pos-body': createCodec(cupPosBodySpec),
};

export function codecFor(dump: CupPosDump): MessageCodec {
  return codecs[dump.spec];
}

/** The dump's bytes, and the message bytes without the frame length when it is framed. */
export function dumpBytes(dump: CupPosDump): { wire: Uint8Array; message: Uint8Array } {
  const wire = hexToBytes(dump.hex);
  if (wire === undefined) throw new Error(`dump ${dump.id} is not hex`);
  return { wire, message: dump.framed ? wire.subarray(2) : wire };
}

/** Hex to bytes for test literals (spaces allowed for readability). */
export function hex(text: string): Uint8Array {
  const bytes = hexToBytes(text.replace(/\s+/g, ''));
  if (bytes === undefined) throw new Error(`not hex: ${text}`);
  return bytes;
}
