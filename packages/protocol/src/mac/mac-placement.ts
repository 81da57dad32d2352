import { err, ok, type Result } from '@payterm/kernel';
import type { FieldValue, Iso8583Message, MessageCodec, MessageLayout } from '@payterm/iso8583';
import { protocolError, type ProtocolError } from '../errors.js';
import type { PosRequest } from '../messages/pos-request.js';

/** Field 64 of the POS dialect: the POS ECB MAC as 8 ASCII hex characters. */
export const MAC_LENGTH = 8;

/** Computes field 64 over the MAC input (MTI … field 63): an HSM handle on the host, a PIN pad on the terminal. */
export type MacFunction = (input: Uint8Array) => Promise<Uint8Array> | Uint8Array;

/** Checks a presented field 64 against the MAC input, in constant time inside the security module. */
export type MacVerifier = (input: Uint8Array, presented: Uint8Array) => Promise<boolean> | boolean;

const FINANCIAL_MTIS = new Set(['0100', '0110', '0200', '0210', '0220', '0230', '0400', '0410']);
const IC_UPLOAD_CODES = new Set(['203', '204', '205', '206']);

function isIsoMessage(value: PosRequest | Iso8583Message): value is Iso8583Message {
  return 'fields' in value;
}

/**
 * Whether a message of `mti` carries field 64 (pos-dialect "MAC"): every financial request and
 * response, and the IC batch upload 0320/0330, which needs the request (typed or as received) to tell
 * from the magstripe one. Management messages (0800/0820/0500) have none.
 */
export function macRequired(mti: string, request?: PosRequest | Iso8583Message): boolean {
  if (FINANCIAL_MTIS.has(mti)) return true;
  if ((mti !== '0320' && mti !== '0330') || request === undefined) return false;
  if (!isIsoMessage(request)) return request.kind === 'batch-upload' && request.upload.type === 'ic';
  const field60 = request.fields[60];
  return typeof field60 === 'string' && IC_UPLOAD_CODES.has(field60.slice(8, 11));
}

/**
 * The fields with an 8-byte placeholder in field 64. Fields in a sparse array (encodePosResponse's,
 * or an unpacked message's) stay one: the codec walks that form by index.
 */
function withMacPlaceholder(fields: Iso8583Message['fields']): Iso8583Message['fields'] {
  const placeholder = new Uint8Array(MAC_LENGTH);
  if (!Array.isArray(fields)) return { ...fields, 64: placeholder };
  const copy = (fields as readonly (FieldValue | undefined)[]).slice();
  copy[64] = placeholder;
  return copy;
}

/**
 * Packs `message` once with an 8-byte placeholder in field 64, computes the MAC over the packed MAC
 * input and writes it into field 64's data in place. Throws PROTOCOL_MAC_INVALID_LENGTH when `mac`
 * does not return 8 bytes (and the codec's Iso8583Error when the message does not pack).
 */
export async function packWithMac(
  codec: MessageCodec,
  message: Iso8583Message,
  mac: MacFunction,
): Promise<Uint8Array> {
  const placeholder: Iso8583Message = { ...message, fields: withMacPlaceholder(message.fields) };
  const { bytes, layout } = codec.packWithLayout(placeholder);
  const span = layout.field(64);
  if (span === undefined || span.end - span.dataStart !== MAC_LENGTH) {
    throw protocolError('PROTOCOL_MAC_INVALID_LENGTH', 'the codec has no 8-byte field 64', '64');
  }
  const value = await mac(layout.macInput(bytes));
  if (value.length !== MAC_LENGTH) {
    throw protocolError(
      'PROTOCOL_MAC_INVALID_LENGTH',
      `the MAC function returned ${value.length} bytes, not 8`,
      '64',
      {
        need: MAC_LENGTH,
        have: value.length,
      },
    );
  }
  bytes.set(value, span.dataStart);
  return bytes;
}

/**
 * Verifies field 64 of received bytes with the layout from `codec.unpackWithLayout`. Fails with
 * PROTOCOL_MAC_MISSING or PROTOCOL_MAC_MISMATCH (both answered `A0`).
 */
export async function checkMac(
  bytes: Uint8Array,
  layout: MessageLayout,
  verify: MacVerifier,
): Promise<Result<void, ProtocolError>> {
  const span = layout.field(64);
  if (span === undefined)
    return err(protocolError('PROTOCOL_MAC_MISSING', 'the message has no field 64', '64'));
  if (span.end - span.dataStart !== MAC_LENGTH) {
    return err(protocolError('PROTOCOL_MAC_MISMATCH', 'field 64 is not 8 bytes', '64'));
  }
  const verified = await verify(layout.macInput(bytes), bytes.subarray(span.dataStart, span.end));
  return verified ? ok() : err(protocolError('PROTOCOL_MAC_MISMATCH', 'field 64 does not verify', '64'));
}
