import type { CupWorkingKeys } from '@payterm/crypto';
import type { SignInKeyLayout } from '@payterm/protocol';

/** What the secure element holds: the master key and, after a sign-in, the working keys. */
export interface KeySet {
  readonly tmk?: Uint8Array;
  readonly working?: CupWorkingKeys;
}

const FORMAT_VERSION = 1;
const LAYOUTS: readonly SignInKeyLayout[] = ['001', '003', '004'];

/** Entry tags of the binary form; lengths allowed per entry (anything else does not decode). */
const ENTRIES = {
  tmk: { tag: 1, lengths: [8, 16] },
  layout: { tag: 2, lengths: [1] },
  pik: { tag: 3, lengths: [8, 16] },
  mak: { tag: 4, lengths: [8, 16] },
  tdk: { tag: 5, lengths: [16] },
} as const;

type EntryName = keyof typeof ENTRIES;

/**
 * The binary plaintext that gets sealed: version ‖ (tag ‖ length ‖ bytes)*. Binary rather than JSON
 * so that the caller can zero it after sealing (a string of hex cannot be wiped).
 */
export function encodeKeySet(keys: KeySet): Uint8Array {
  const entries: [EntryName, Uint8Array][] = [];
  if (keys.tmk !== undefined) entries.push(['tmk', keys.tmk]);
  const working = keys.working;
  if (working !== undefined) {
    entries.push(['layout', Uint8Array.of(LAYOUTS.indexOf(working.layout))]);
    entries.push(['pik', working.pik], ['mak', working.mak]);
    if (working.tdk !== undefined) entries.push(['tdk', working.tdk]);
  }
  const out = new Uint8Array(1 + entries.reduce((sum, [, bytes]) => sum + 2 + bytes.length, 0));
  out[0] = FORMAT_VERSION;
  let offset = 1;
  for (const [name, bytes] of entries) {
    out[offset] = ENTRIES[name].tag;
    out[offset + 1] = bytes.length;
    out.set(bytes, offset + 2);
    offset += 2 + bytes.length;
  }
  return out;
}

function readEntries(bytes: Uint8Array): Map<EntryName, Uint8Array> | undefined {
  const names = new Map<number, EntryName>(
    (Object.keys(ENTRIES) as EntryName[]).map((name) => [ENTRIES[name].tag, name]),
  );
  const found = new Map<EntryName, Uint8Array>();
  let offset = 1;
  while (offset < bytes.length) {
    const name = names.get(bytes[offset]!);
    const length = bytes[offset + 1];
    if (name === undefined || length === undefined || found.has(name)) return undefined;
    if (!(ENTRIES[name].lengths as readonly number[]).includes(length)) return undefined;
    if (offset + 2 + length > bytes.length) return undefined;
    found.set(name, bytes.slice(offset + 2, offset + 2 + length));
    offset += 2 + length;
  }
  return found;
}

/** The key set of `encodeKeySet`'s output, or undefined when the bytes are not one. */
export function decodeKeySet(bytes: Uint8Array): KeySet | undefined {
  if (bytes[0] !== FORMAT_VERSION) return undefined;
  const entries = readEntries(bytes);
  if (entries === undefined) return undefined;
  const tmk = entries.get('tmk');
  const layoutIndex = entries.get('layout')?.[0];
  const pik = entries.get('pik');
  const mak = entries.get('mak');
  const tdk = entries.get('tdk');
  if (layoutIndex === undefined) {
    if (pik !== undefined || mak !== undefined || tdk !== undefined) return undefined;
    return tmk === undefined ? {} : { tmk };
  }
  const layout = LAYOUTS[layoutIndex];
  if (layout === undefined || pik === undefined || mak === undefined || tmk === undefined) return undefined;
  if ((layout === '004') !== (tdk !== undefined)) return undefined;
  const working: CupWorkingKeys = tdk === undefined ? { layout, pik, mak } : { layout, pik, mak, tdk };
  return { tmk, working };
}

/** Overwrites every key byte of the set (after it was replaced). */
export function wipeKeySet(keys: KeySet): void {
  keys.tmk?.fill(0);
  keys.working?.pik.fill(0);
  keys.working?.mak.fill(0);
  keys.working?.tdk?.fill(0);
}
