import { scryptAsync } from '@noble/hashes/scrypt.js';
import { bytesToHex, constantTimeEqual, hexToBytes } from '@payterm/crypto';
import type { RandomSource } from '@payterm/kernel';
import { terminalError } from '../errors.js';

/** scrypt's cost parameters (RFC 7914): N (a power of two), r and p. */
export interface ScryptCost {
  readonly N: number;
  readonly r: number;
  readonly p: number;
}

/** About 32 MiB and a fraction of a second per check on a terminal: slow enough against guessing. */
export const DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 15, r: 8, p: 1 };

/** For the published default passwords only (they are public; see OperatorDirectory.initialise). */
export const PUBLISHED_DEFAULT_SCRYPT_COST: ScryptCost = { N: 2 ** 4, r: 8, p: 1 };

export const PASSWORD_SALT_BYTES = 16;
export const PASSWORD_HASH_BYTES = 32;

// Upper bounds for parameters read back from storage, so a corrupted document cannot make one
// login allocate gigabytes or run for minutes.
const MAX_LOG2_N = 20;
const MAX_R = 32;
const MAX_P = 16;

const encoder = new TextEncoder();

/** `scrypt$N$r$p$saltHex$hashHex`: the parameters travel with the hash, so a later cost change still verifies it. */
export async function hashPassword(
  password: string,
  random: RandomSource,
  cost: ScryptCost = DEFAULT_SCRYPT_COST,
): Promise<string> {
  requireAcceptableScryptCost(cost);
  const salt = new Uint8Array(PASSWORD_SALT_BYTES);
  random.fillBytes(salt);
  const hash = await derive(password, salt, cost, PASSWORD_HASH_BYTES);
  return ['scrypt', cost.N, cost.r, cost.p, bytesToHex(salt), bytesToHex(hash)].join('$');
}

/** Whether `password` matches `stored`, comparing the derived bytes in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const { cost, salt, hash } = parseStoredHash(stored);
  const candidate = await derive(password, salt, cost, hash.length);
  return constantTimeEqual(candidate, hash);
}

export interface StoredHash {
  readonly cost: ScryptCost;
  readonly salt: Uint8Array;
  readonly hash: Uint8Array;
}

/** The parts of a stored hash; a malformed one is a damaged document (details name the part only). */
export function parseStoredHash(stored: string): StoredHash {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') malformed('format');
  const [, nText = '', rText = '', pText = '', saltHex = '', hashHex = ''] = parts;
  const cost = { N: parseCount(nText, 'N'), r: parseCount(rText, 'r'), p: parseCount(pText, 'p') };
  if (!isCostAcceptable(cost)) malformed('cost');
  const salt = parseHex(saltHex, 'salt');
  const hash = parseHex(hashHex, 'hash');
  if (salt.length === 0 || hash.length === 0) malformed(salt.length === 0 ? 'salt' : 'hash');
  return { cost, salt, hash };
}

function derive(password: string, salt: Uint8Array, cost: ScryptCost, dkLen: number): Promise<Uint8Array> {
  return scryptAsync(encoder.encode(password), salt, { N: cost.N, r: cost.r, p: cost.p, dkLen });
}

/** Throws unless `cost` is within the bounds a stored hash may name (N = 2^1..2^20, r 1..32, p 1..16). */
export function requireAcceptableScryptCost(cost: ScryptCost): void {
  if (!isCostAcceptable(cost)) {
    throw terminalError('TERMINAL_INVALID_INPUT', 'scrypt cost must be N = 2^1..2^20, r 1..32, p 1..16', {
      option: 'scryptCost',
      N: cost.N,
      r: cost.r,
      p: cost.p,
    });
  }
}

function isCostAcceptable({ N, r, p }: ScryptCost): boolean {
  const isPowerOfTwo = Number.isSafeInteger(N) && N >= 2 && (N & (N - 1)) === 0;
  return (
    isPowerOfTwo &&
    Math.log2(N) <= MAX_LOG2_N &&
    Number.isSafeInteger(r) &&
    r >= 1 &&
    r <= MAX_R &&
    Number.isSafeInteger(p) &&
    p >= 1 &&
    p <= MAX_P
  );
}

function parseCount(text: string, part: string): number {
  if (!/^\d{1,8}$/.test(text)) malformed(part);
  return Number(text);
}

function parseHex(text: string, part: string): Uint8Array {
  if (!/^(?:[0-9A-Fa-f]{2})+$/.test(text)) malformed(part);
  return hexToBytes(text);
}

function malformed(part: string): never {
  throw terminalError('TERMINAL_STORAGE_FAILED', `The stored password hash is malformed (${part})`, { part });
}
