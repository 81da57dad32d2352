import { HOST_UTC_OFFSET_MS } from '../engine/host-ids.js';

interface HostTime {
  readonly localTime: string;
  readonly localDate: string;
}

/** The last second formatted: a busy host answers many requests within the same second. */
let lastSecond = Number.NaN;
let lastTime: HostTime = { localTime: '', localDate: '' };

/** Fields 12 (hhmmss) and 13 (MMDD) of a response: the host's local time, China Standard Time. */
export function hostTimeFields(epochMs: number): HostTime {
  const second = Math.floor(epochMs / 1000);
  if (second !== lastSecond) {
    const iso = new Date(second * 1000 + HOST_UTC_OFFSET_MS).toISOString();
    lastTime = {
      localTime: iso.slice(11, 19).replaceAll(':', ''),
      localDate: iso.slice(5, 10).replace('-', ''),
    };
    lastSecond = second;
  }
  return lastTime;
}
