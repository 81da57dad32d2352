import { createHash, scrypt, timingSafeEqual } from 'node:crypto';
import type { RandomSource } from '@payterm/kernel';

const SCRYPT_KEY_BYTES = 32;
/** scrypt cost: a wallet PIN is six digits, so the work factor is what slows a stolen table down. */
const SCRYPT_COST = 16_384;

function scryptAsync(secret: string, salt: Buffer, cost: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(secret, salt, SCRYPT_KEY_BYTES, { N: cost, r: 8, p: 1 }, (error, key) => {
      if (error === null) resolve(key);
      else reject(error);
    });
  });
}

/**
 * `scrypt$N$saltHex$keyHex` of a wallet PIN, salted from the injected random source. `cost` is lower only
 * for the published demo PINs (they are public; every host start of a fresh database hashes them).
 */
export async function hashWalletPin(
  pin: string,
  random: RandomSource,
  cost: number = SCRYPT_COST,
): Promise<string> {
  const salt = new Uint8Array(16);
  random.fillBytes(salt);
  const key = await scryptAsync(pin, Buffer.from(salt), cost);
  return `scrypt$${cost}$${Buffer.from(salt).toString('hex')}$${key.toString('hex')}`;
}

/** Whether `pin` matches a hash made by hashWalletPin (compared in constant time). */
export async function verifyWalletPin(pin: string, stored: string): Promise<boolean> {
  const [scheme, cost, saltHex, keyHex] = stored.split('$');
  if (scheme !== 'scrypt' || cost === undefined || saltHex === undefined || keyHex === undefined)
    return false;
  const expected = Buffer.from(keyHex, 'hex');
  const key = await scryptAsync(pin, Buffer.from(saltHex, 'hex'), Number(cost));
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** SHA-256 hex: bearer secrets (session tokens, pay codes) are stored and looked up only this way. */
export function secretHash(secret: string): string {
  return createHash('sha256').update(secret).digest('hex');
}

/** `count` uniformly random decimal digits. */
export function randomDigits(random: RandomSource, count: number): string {
  let digits = '';
  for (let index = 0; index < count; index += 1) digits += String(random.nextInt(10));
  return digits;
}

/** `count` random lower-case hex digits. */
export function randomHex(random: RandomSource, count: number): string {
  const bytes = new Uint8Array(Math.ceil(count / 2));
  random.fillBytes(bytes);
  return Buffer.from(bytes).toString('hex').slice(0, count);
}
