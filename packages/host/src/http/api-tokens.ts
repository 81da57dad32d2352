import { createHash } from 'node:crypto';
import { constantTimeEqual } from '@payterm/crypto';
import type { Clock, RandomSource } from '@payterm/kernel';
import type { ApiTokenRepository } from '../storage/repositories/api-token-repository.js';

/** Clear tokens look like `pt_` + 43 base64url characters (32 random bytes). */
export const API_TOKEN_PREFIX = 'pt_';
const TOKEN_BYTES = 32;
const TOKEN_PATTERN = /^pt_[A-Za-z0-9_-]{43}$/;

/** Who a verified token belongs to. */
export interface ApiTokenIdentity {
  readonly id: string;
  readonly label: string;
}

/**
 * API tokens: the clear token is shown once, when it is issued; the database keeps its SHA-256 hash.
 * A plain fast hash is right here, unlike for passwords: a token is 256 random bits, so there is no
 * dictionary to try and a slow hash (bcrypt, scrypt) would only slow every request down. Lookup is by
 * the hash (an attacker cannot steer the hash of a guess, so the index lookup leaks nothing useful), and
 * the stored hash is compared again in constant time.
 */
export class ApiTokens {
  readonly #repository: ApiTokenRepository;
  readonly #clock: Clock;
  readonly #random: RandomSource;

  constructor(repository: ApiTokenRepository, clock: Clock, random: RandomSource) {
    this.#repository = repository;
    this.#clock = clock;
    this.#random = random;
  }

  /** A new token; the returned clear value is not stored anywhere. */
  async issue(label: string): Promise<string> {
    const secret = new Uint8Array(TOKEN_BYTES);
    this.#random.fillBytes(secret);
    const token = API_TOKEN_PREFIX + Buffer.from(secret).toString('base64url');
    secret.fill(0);
    const id = new Uint8Array(12);
    this.#random.fillBytes(id);
    await this.#repository.create({
      id: `tok_${Buffer.from(id).toString('hex')}`,
      tokenHash: hashToken(token),
      label,
      createdAt: this.#clock.nowMs(),
      revokedAt: null,
    });
    return token;
  }

  /** The token's owner, or undefined for a malformed, unknown or revoked token. */
  async verify(token: string): Promise<ApiTokenIdentity | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const hash = hashToken(token);
    const stored = await this.#repository.findByHash(hash);
    if (stored === undefined || stored.revokedAt !== null) return undefined;
    const expected = Buffer.from(stored.tokenHash, 'hex');
    if (!constantTimeEqual(expected, Buffer.from(hash, 'hex'))) return undefined;
    return { id: stored.id, label: stored.label };
  }

  /**
   * At start: when no token is active (first start, or every token revoked), issues one labelled
   * `initial` and returns it for the operator to copy from the console; otherwise undefined.
   */
  async ensureInitialToken(): Promise<string | undefined> {
    const tokens = await this.#repository.list();
    if (tokens.some((token) => token.revokedAt === null)) return undefined;
    return this.issue('initial');
  }
}

/** Lower-case hex SHA-256 of the clear token. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}
