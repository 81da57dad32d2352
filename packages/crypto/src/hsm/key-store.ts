/**
 * Where a software HSM keeps its keys: only blobs wrapped under the LMK (TR-31 version D key blocks),
 * never clear keys. A host persists them through its own implementation of this port.
 */
export interface KeyStore {
  put(id: string, wrappedBlob: string): Promise<void>;
  /** The blob, or undefined when the id is unknown. */
  get(id: string): Promise<string | undefined>;
}

/** A KeyStore in memory (tests; an HSM whose keys need not survive the process). */
export class InMemoryKeyStore implements KeyStore {
  readonly #blobs = new Map<string, string>();

  put(id: string, wrappedBlob: string): Promise<void> {
    this.#blobs.set(id, wrappedBlob);
    return Promise.resolve();
  }

  get(id: string): Promise<string | undefined> {
    return Promise.resolve(this.#blobs.get(id));
  }

  /** Ids held, in insertion order. */
  ids(): string[] {
    return [...this.#blobs.keys()];
  }
}
