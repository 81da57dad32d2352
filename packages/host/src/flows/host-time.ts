import { HOST_UTC_OFFSET_MS } from '../engine/host-ids.js';

/** Fields 12 (hhmmss) and 13 (MMDD) of a response: the host's local time, China Standard Time. */
export function hostTimeFields(epochMs: number): { readonly localTime: string; readonly localDate: string } {
  const iso = new Date(epochMs + HOST_UTC_OFFSET_MS).toISOString();
  return { localTime: iso.slice(11, 19).replaceAll(':', ''), localDate: iso.slice(5, 10).replace('-', '') };
}
