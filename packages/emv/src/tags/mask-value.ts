import { maskPan, maskTrackData } from '@payterm/kernel';
import type { TagSensitivity } from './tag-info.js';

/** The value as text when every byte is printable ASCII; otherwise undefined (shown as hex). */
export function printableText(value: Uint8Array): string | undefined {
  for (const byte of value) if (byte < 0x20 || byte > 0x7e) return undefined;
  return String.fromCharCode(...value);
}

/**
 * Masks a shown tag value (hex or text) by sensitivity: PANs keep the first 6 and last 4 digits (and
 * their F pad); track data keeps only the masked PAN, its format code and separator; names and
 * discretionary data are hidden whole.
 */
export function maskSensitiveValue(kind: TagSensitivity, shown: string): string {
  if (kind === 'pan') {
    const digits = shown.replace(/F+$/, '');
    return maskPan(digits) + shown.slice(digits.length);
  }
  if (kind === 'track') return maskTrackData(shown);
  return '*'.repeat(shown.length);
}
