import { protocolError } from '../errors.js';
import type { Field60 } from './field-60.js';
import {
  DIGITS_12,
  DIGITS_16,
  DIGITS_2,
  DIGITS_3,
  DIGITS_4,
  DIGITS_6,
  type FieldReader,
} from './field-reader.js';
import type { CardData, OriginalData, PosAmount, PosEnvelope } from './pos-request.js';

export const DEFAULT_CURRENCY = '156';

/** A type under construction: the decoders assign fields onto one object instead of spreading copies. */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const PAN_DIGITS = /^\d{1,19}$/;
const TRACK2_PAN = /^(\d{1,19})[=D]/;

type Envelope = Omit<PosEnvelope, 'stan'> & { readonly stan?: string };

/** Envelope fields of a request: 41, 42, 11 (unless optional), 60.2, 12/13 and the two headers. */
export function readEnvelope(reader: FieldReader, field60: Field60): PosEnvelope;
export function readEnvelope(reader: FieldReader, field60: Field60, stanOptional: true): Envelope;
export function readEnvelope(reader: FieldReader, field60: Field60, stanOptional = false): Envelope {
  return readEnvelopeOnto(undefined, reader, field60, stanOptional);
}

/**
 * A request of `kind` with the envelope fields, `kind` first as in `{ kind, ...envelope }`: the
 * decoder of a sale then assigns its own fields onto it instead of spreading the envelope into a
 * new object (measured: the spread was the largest part of decoding a sale).
 */
export function readRequestEnvelope<K extends string>(
  kind: K,
  reader: FieldReader,
  field60: Field60,
): Mutable<PosEnvelope> & { kind: K } {
  return readEnvelopeOnto(kind, reader, field60, false) as Mutable<PosEnvelope> & { kind: K };
}

function readEnvelopeOnto(
  kind: string | undefined,
  reader: FieldReader,
  field60: Field60,
  stanOptional: boolean,
): Envelope {
  const headers = reader.message.headers ?? {};
  const tid = reader.text(41, 'terminal ID');
  const mid = reader.text(42, 'merchant ID');
  const stan = stanOptional
    ? reader.optMatching(11, DIGITS_6, '6 digits')
    : reader.matching(11, DIGITS_6, '6 digits', 'STAN');
  const localTime = reader.optMatching(12, DIGITS_6, '6 digits');
  const localDate = reader.optMatching(13, DIGITS_4, '4 digits');
  // Assigned one by one rather than spread: this runs for every request a host receives.
  const envelope: Partial<Mutable<PosEnvelope>> & { tid: string; mid: string; batch: string } =
    kind === undefined
      ? { tid, mid, batch: field60.batch }
      : ({ kind, tid, mid, batch: field60.batch } as { tid: string; mid: string; batch: string });
  const tpdu = headers['tpdu'];
  const header = headers['header'];
  if (tpdu !== undefined) envelope.tpdu = tpdu;
  if (header !== undefined) envelope.header = header;
  if (stan !== undefined) envelope.stan = stan;
  if (field60.extension !== undefined) envelope.field60Extension = field60.extension;
  if (localTime !== undefined) envelope.localTime = localTime;
  if (localDate !== undefined) envelope.localDate = localDate;
  return envelope;
}

/** The PAN of a track 2 (digits before `=`), or undefined. */
function panOfTrack2(track2: string): string | undefined {
  const match = TRACK2_PAN.exec(track2);
  return match?.[1];
}

/**
 * Card fields 2, 14, 22, 23, 26, 35, 36, 52, 53, 55. `panRequired`: field 2 or a track 2 with a PAN
 * must be there (sale, balance, pre-auth, completion); voids and refunds may come without the card.
 */
export function readCard(reader: FieldReader, panRequired: boolean): CardData {
  const field2 = reader.optMatching(2, PAN_DIGITS, '1 to 19 digits');
  const track2 = reader.optText(35);
  const trackPan = field2 === undefined && track2 !== undefined ? panOfTrack2(track2) : undefined;
  if (panRequired && field2 === undefined && trackPan === undefined) {
    throw protocolError('PROTOCOL_MISSING_FIELD', `${reader.what} needs field 2 (PAN) or 35 (track 2)`, '2');
  }
  const expiry = reader.optMatching(14, DIGITS_4, '4 digits');
  const cardSequence = reader.optMatching(23, DIGITS_3, '3 digits');
  const track3 = reader.optText(36);
  const pinCaptureCode = reader.optMatching(26, DIGITS_2, '2 digits');
  const pinBlock = reader.optBytes(52);
  const securityControl = reader.optMatching(53, DIGITS_16, '16 digits');
  const icc = reader.optBytes(55);
  const entryMode = reader.matching(22, DIGITS_3, '3 digits', 'entry mode');
  // Assigned one by one rather than through an object of optionals: this runs for every card request.
  const card: Mutable<CardData> = { entryMode };
  if (field2 !== undefined) card.pan = field2;
  if (trackPan !== undefined) {
    card.pan = trackPan;
    card.panFromTrack2 = true;
  }
  if (expiry !== undefined) card.expiry = expiry;
  if (cardSequence !== undefined) card.cardSequence = cardSequence;
  if (track2 !== undefined) card.track2 = track2;
  if (track3 !== undefined) card.track3 = track3;
  if (pinCaptureCode !== undefined) card.pinCaptureCode = pinCaptureCode;
  if (pinBlock !== undefined) card.pinBlock = pinBlock;
  if (securityControl !== undefined) card.securityControl = securityControl;
  if (icc !== undefined) card.icc = icc;
  return card;
}

export function readAmount(reader: FieldReader): PosAmount {
  const digits = reader.matching(4, DIGITS_12, '12 digits', 'amount');
  return { amountMinor: Number(digits), currency: readCurrency(reader) };
}

export function readCurrency(reader: FieldReader): string {
  return reader.optMatching(49, DIGITS_3, 'a 3-digit ISO 4217 code') ?? DEFAULT_CURRENCY;
}

/** Field 61: original batch n6, STAN n6, then optionally date MMDD and what follows. */
export function readOriginal(reader: FieldReader, required: true): OriginalData;
export function readOriginal(reader: FieldReader, required: boolean): OriginalData | undefined;
export function readOriginal(reader: FieldReader, required: boolean): OriginalData | undefined {
  const value = required ? reader.text(61, 'original data') : reader.optText(61);
  if (value === undefined) return undefined;
  if (!/^\d*$/.test(value)) throw protocolError('PROTOCOL_INVALID_FIELD', 'field 61 must be digits', '61');
  if (value.length < 6)
    throw protocolError('PROTOCOL_MISSING_FIELD', 'field 61 needs the original batch', '61.1');
  if (value.length < 12)
    throw protocolError('PROTOCOL_MISSING_FIELD', 'field 61 needs the original STAN', '61.2');
  if (value.length > 12 && value.length < 16) {
    throw protocolError('PROTOCOL_INVALID_FIELD', 'field 61.3 (original date) must be 4 digits', '61.3');
  }
  const extension = value.slice(16);
  return {
    batch: value.slice(0, 6),
    stan: value.slice(6, 12),
    ...(value.length >= 16 ? { date: value.slice(12, 16) } : {}),
    ...(extension.length > 0 ? { extension } : {}),
  };
}

export function readRrn(reader: FieldReader, name: string): string {
  return reader.matching(37, /^.{12}$/s, '12 characters', name);
}

export function readAuthCode(reader: FieldReader, required: true, name: string): string;
export function readAuthCode(reader: FieldReader, required: boolean, name: string): string | undefined;
export function readAuthCode(reader: FieldReader, required: boolean, name: string): string | undefined {
  if (required) return reader.matching(38, /^.{6}$/s, '6 characters', name);
  return reader.optMatching(38, /^.{6}$/s, '6 characters');
}
