import type { KeyStore } from '@payterm/crypto';

/**
 * Write-through cache in front of the database's key store: HSM key blobs (wrapped under the LMK) are
 * read on every HSM call that misses the HSM's own cache, and a database round trip there would cost
 * more than the cryptography. Blobs are immutable per id, so the cache never goes stale.
 */
export class CachedKeyStore implements KeyStore {
  readonly #backing: KeyStore;
  readonly #blobs = new Map<string, string>();

  constructor(backing: KeyStore) {
    this.#backing = backing;
  }

  async put(id: string, wrappedBlob: string): Promise<void> {
    await this.#backing.put(id, wrappedBlob);
    this.#blobs.set(id, wrappedBlob);
  }

  async get(id: string): Promise<string | undefined> {
    const cached = this.#blobs.get(id);
    if (cached !== undefined) return cached;
    const blob = await this.#backing.get(id);
    if (blob !== undefined) this.#blobs.set(id, blob);
    return blob;
  }
}
