import { bytesToHex, type FieldValue, type Iso8583Message, type MessageCodec } from '@payterm/iso8583';
import {
  responseMti,
  swapTpdu,
  withProcessingRequirement,
  type ProcessingRequirement,
} from '@payterm/protocol';

/** Request fields echoed in an answer to a message the host could not decode (reference §3.2 subset). */
const ECHOED = [3, 4, 11, 25, 41, 42, 49, 60] as const;
const TPDU_BYTES = 5;
const HEADER_BYTES = 6;
const MTI_OFFSET = TPDU_BYTES + HEADER_BYTES;

function isRequestMti(mti: string): boolean {
  return /^0[1-9][02]\d$/.test(mti);
}

/**
 * The answer to a request that unpacked but did not decode as a transaction of the dialect (`30`, `40`,
 * `12` …): the echoed fields it has, no MAC (there is no trusted request to bind it to). Undefined when
 * the message is not a request.
 */
export function rejectDecoded(
  codec: MessageCodec,
  message: Iso8583Message,
  responseCode: string,
  processing: ProcessingRequirement = '0',
): Uint8Array | undefined {
  if (!isRequestMti(message.mti)) return undefined;
  const fields: Record<number, FieldValue> = {};
  for (const field of ECHOED) {
    const value = message.fields[field];
    if (value !== undefined) fields[field] = value;
  }
  fields[39] = responseCode;
  const tpdu = message.headers?.tpdu;
  const header = message.headers?.header;
  if (tpdu === undefined || header === undefined) return undefined;
  try {
    return codec.pack({
      mti: responseMti(message.mti),
      headers: { tpdu: swapTpdu(tpdu), header: withProcessingRequirement(header, processing) },
      fields,
    });
  } catch {
    return undefined;
  }
}

/**
 * The answer to bytes that do not unpack (`30` format error): TPDU, header and MTI read from their fixed
 * places, field 39 alone. Undefined when even those are unreadable — the connection then gets nothing.
 */
export function rejectMalformed(codec: MessageCodec, frame: Uint8Array): Uint8Array | undefined {
  if (frame.length < MTI_OFFSET + 2) return undefined;
  const tpdu = bytesToHex(frame.subarray(0, TPDU_BYTES));
  const header = bytesToHex(frame.subarray(TPDU_BYTES, MTI_OFFSET));
  const mti = bytesToHex(frame.subarray(MTI_OFFSET, MTI_OFFSET + 2));
  if (!isRequestMti(mti) || !tpdu.startsWith('60')) return undefined;
  try {
    return codec.pack({
      mti: responseMti(mti),
      headers: { tpdu: swapTpdu(tpdu), header },
      fields: { 39: '30' },
    });
  } catch {
    return undefined;
  }
}
