import { maskPan, maskTrackData } from '@payterm/kernel';
import type { PosRequest } from './pos-request.js';

/** A JSON-safe, log-safe view of a request or response: what a host may write to its logs. */
export type MaskedValue = string | number | boolean | null | MaskedValue[] | { [key: string]: MaskedValue };

/** Keys whose value is a secret or card data, and how each is shown. */
const MASKERS: Readonly<Record<string, (value: unknown) => MaskedValue>> = {
  pan: (value) => maskPan(String(value)),
  track2: (value) => maskTrackData(String(value)),
  track3: (value) => maskTrackData(String(value)),
  pinBlock: () => '[PIN block]',
  icc: (value) => `[ICC data, ${value instanceof Uint8Array ? value.length : 0} bytes]`,
  qrCode: (value) => `${'*'.repeat(Math.max(0, String(value).length - 4))}${String(value).slice(-4)}`,
  workingKeys: (value) => `[working keys, ${value instanceof Uint8Array ? value.length : 0} bytes]`,
};

function maskValue(key: string, value: unknown): MaskedValue {
  const masker = MASKERS[key];
  if (masker !== undefined) return masker(value);
  if (value instanceof Uint8Array) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => maskValue('', item));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, MaskedValue> = {};
    for (const [name, inner] of Object.entries(value)) out[name] = maskValue(name, inner);
    return out;
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return null;
}

/**
 * A copy of a request (or response) for logs and errors: PANs as 6 + 4, tracks masked after the PAN,
 * PIN block, ICC data and keys replaced by a label, the QR payment code but its last 4 digits hidden.
 */
export function maskForLog(value: PosRequest | object): { [key: string]: MaskedValue } {
  return maskValue('', value) as { [key: string]: MaskedValue };
}
