import { createCupEcbMac } from '@payterm/crypto';
import { createNodeCipher } from '@payterm/crypto/node';
import {
  decodePosResponse,
  encodePosRequest,
  packWithMac,
  type PosRequest,
  type PosResponse,
} from '@payterm/protocol';
import { DEMO } from '../../src/app/demo-data.js';
import type { ReceivedMessage } from '../../src/testing/pending-replies.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';

/** A complete request, MACed under the terminal's current MAK, packed but not sent (tampering tests). */
export async function packSigned(terminal: TestTerminal, request: PosRequest): Promise<Uint8Array> {
  const keys = terminal.workingKeys;
  if (keys === undefined) throw new Error('packSigned needs a signed-in terminal');
  const mac = createCupEcbMac(createNodeCipher, keys.mak);
  return packWithMac(terminal.codec, encodePosRequest(request), (input) => mac.compute(input));
}

/** A sale request of the demo merchant's `tid` with the terminal's next STAN and batch, no PIN. */
export function saleRequest(
  terminal: TestTerminal,
  tid: string,
  pan: string,
  amountMinor: number,
): PosRequest & { readonly stan: string } {
  return {
    kind: 'sale',
    tpdu: '6000030000',
    header: '603100000000',
    tid,
    mid: DEMO.mid,
    stan: terminal.nextStan(),
    batch: terminal.batch,
    card: {
      pan,
      expiry: '3012',
      entryMode: '052',
      track2: `${pan}=3012201${'0'.repeat(10)}`,
    },
    amount: { amountMinor, currency: '156' },
  } as PosRequest & { readonly stan: string };
}

/** Decodes a raw reply as the answer to `request`; throws when it is not one. */
export function decodeReply(request: PosRequest, received: ReceivedMessage): PosResponse {
  if (received.message === undefined) throw new Error('the reply does not unpack');
  const decoded = decodePosResponse(request, received.message);
  if (!decoded.ok) throw decoded.error;
  return decoded.value;
}

/** A copy of `bytes` with the last byte (inside the MAC, field 64) flipped. */
export function flipLastByte(bytes: Uint8Array): Uint8Array {
  const copy = Uint8Array.from(bytes);
  copy[copy.length - 1] = (copy[copy.length - 1] ?? 0) ^ 0xff;
  return copy;
}
