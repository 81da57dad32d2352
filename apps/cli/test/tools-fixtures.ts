import { readFileSync } from 'node:fs';

/** The reference vectors of the crypto and emv packages, read as the packages' own tests read them. */
function fixture<T>(path: string): T {
  return JSON.parse(readFileSync(new URL(`../../../packages/${path}`, import.meta.url), 'utf8')) as T;
}

export interface Vector {
  readonly id: string;
  readonly inputs: Record<string, unknown>;
  readonly expected: Record<string, unknown>;
}

export function vector(file: string, id: string): Vector {
  const found = fixture<Vector[]>(`crypto/test/fixtures/${file}`).find((candidate) => candidate.id === id);
  if (found === undefined) throw new Error(`no vector ${id} in ${file}`);
  return found;
}

export interface TlvSample {
  readonly id: string;
  readonly hex: string;
  readonly paths: readonly string[];
}

export const TLV_SAMPLES = fixture<TlvSample[]>('emv/test/fixtures/tlv-samples.json');

export interface MpmPayload {
  readonly id: string;
  readonly payload: string;
  readonly crc: string;
  readonly problems: readonly { code: string; path: string }[];
  readonly expected: Record<string, string>;
}

export const MPM_PAYLOADS = fixture<MpmPayload[]>('emv/test/fixtures/mpm-payloads.json');
