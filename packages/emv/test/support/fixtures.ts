/** The JSON fixtures of test/fixtures, typed. */
import { readFileSync } from 'node:fs';

function load<T>(name: string): T {
  return JSON.parse(readFileSync(new URL(`../fixtures/${name}`, import.meta.url), 'utf8')) as T;
}

export interface MpmFixture {
  readonly id: string;
  readonly source: string;
  readonly payload: string;
  readonly crc: string;
  /** What validateMpm reports (empty for a valid payload). */
  readonly problems: readonly { readonly code: string; readonly path: string }[];
  /** Typed fields parseMpm must return (valid payloads only). */
  readonly expected: Readonly<Record<string, string>>;
}

export interface TlvFixture {
  readonly id: string;
  readonly source: string;
  readonly hex: string;
  /** Tag paths of every object, depth first in wire order. */
  readonly paths: readonly string[];
}

export interface CrcFixture {
  readonly id: string;
  readonly source: string;
  readonly text: string;
  readonly crc: string;
}

export const MPM_FIXTURES = load<MpmFixture[]>('mpm-payloads.json');
export const TLV_FIXTURES = load<TlvFixture[]>('tlv-samples.json');
export const CRC_FIXTURES = load<CrcFixture[]>('crc-check-values.json');
