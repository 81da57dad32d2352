import type { MerchantRepository } from '../storage/repositories/merchant-repository.js';
import type { TerminalPatch, TerminalRepository } from '../storage/repositories/terminal-repository.js';
import type { MerchantRecord, TerminalRecord } from '../storage/schema/records.js';

/**
 * Terminals and merchants as the pipeline sees them: read from the database once, then kept in memory
 * and changed only after the commit that changed them in the database (ADR 0005). The HTTP API calls
 * `forget` after it edits a terminal or merchant, so the next request reads the new row.
 */
export class TerminalDirectory {
  readonly #terminals: TerminalRepository;
  readonly #merchants: MerchantRepository;
  readonly #terminalCache = new Map<string, Promise<TerminalRecord | undefined>>();
  readonly #merchantCache = new Map<string, Promise<MerchantRecord | undefined>>();

  constructor(terminals: TerminalRepository, merchants: MerchantRepository) {
    this.#terminals = terminals;
    this.#merchants = merchants;
  }

  terminal(tid: string): Promise<TerminalRecord | undefined> {
    return cached(this.#terminalCache, tid, () => this.#terminals.get(tid));
  }

  merchant(mid: string): Promise<MerchantRecord | undefined> {
    return cached(this.#merchantCache, mid, () => this.#merchants.get(mid));
  }

  /**
   * Applies a patch that has been committed to the database. The cache changes at once (not after an
   * await), so a read that follows the commit cannot see the terminal as it was.
   */
  applyCommitted(tid: string, patch: TerminalPatch): Promise<void> {
    const current = this.#terminalCache.get(tid);
    // Not cached: the next read loads the committed row.
    if (current === undefined) return Promise.resolve();
    const patched = current.then((terminal) =>
      terminal === undefined ? undefined : { ...terminal, ...patch },
    );
    this.#terminalCache.set(tid, patched);
    patched.catch(() => {
      if (this.#terminalCache.get(tid) === patched) this.#terminalCache.delete(tid);
    });
    return patched.then(
      () => undefined,
      () => undefined,
    );
  }

  forgetTerminal(tid: string): void {
    this.#terminalCache.delete(tid);
  }

  forgetMerchant(mid: string): void {
    this.#merchantCache.delete(mid);
  }
}

function cached<T>(
  cache: Map<string, Promise<T | undefined>>,
  key: string,
  load: () => Promise<T | undefined>,
): Promise<T | undefined> {
  let value = cache.get(key);
  if (value === undefined) {
    value = load();
    // Unknown ids are not cached: a terminal created through the API must be found at once.
    value.then(
      (found) => {
        if (found === undefined) cache.delete(key);
      },
      () => cache.delete(key),
    );
    cache.set(key, value);
  }
  return value;
}
