import { maskPan } from './mask-pan.js';

/**
 * Masks track data for display: the PAN keeps its first 6 and last 4 digits, a leading sentinel and
 * format code (`%B` of track 1, `;` of track 2) and the separator (`=`, `^`, or `D` in track 2
 * equivalent data written as hex) stay; everything after the separator is hidden. Without a
 * separator the whole body is hidden. Never throws.
 */
export function maskTrackData(text: string): string {
  const lead = /^[%;]?[A-Z]?/.exec(text)?.[0] ?? '';
  const body = text.slice(lead.length);
  const separator = body.search(/[=D^]/);
  const hidden = (part: string): string => '*'.repeat(part.length);
  if (separator < 0) return lead + hidden(body);
  return lead + maskPan(body.slice(0, separator)) + body[separator] + hidden(body.slice(separator + 1));
}
