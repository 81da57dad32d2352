import { terminalError } from '../errors.js';
import type { StorageChange, StorageCollection, TerminalStorage } from '../ports/storage.js';
import { base64urlToBytes, bytesToBase64url } from '../security/base64url.js';
import type { PartialDownload, SlotName, SlotRecord, SoftwareState } from './slot-types.js';

const STATE_COLLECTION: StorageCollection = 'software';
const STATE_KEY = 'slots';
/** Each slot's package bytes: one document per chunk received, keyed by its offset. */
const CHUNK_COLLECTIONS: Readonly<Record<SlotName, StorageCollection>> = { A: 'software-a', B: 'software-b' };

/** One chunk of a package file as stored. */
interface StoredChunk {
  readonly offset: number;
  /** base64url: storage holds JSON documents. */
  readonly data: string;
}

export const SLOT_NAMES: readonly SlotName[] = ['A', 'B'];

function emptySlot(at: string): SlotRecord {
  return { state: 'empty', updatedAt: at };
}

export function initialSoftwareState(at: string): SoftwareState {
  return {
    active: 'factory',
    slots: { A: emptySlot(at), B: emptySlot(at) },
    installed: [],
    refused: [],
    reports: [],
  };
}

function chunkKey(offset: number): string {
  return String(offset).padStart(10, '0');
}

/**
 * The slot store of docs/TMS.md §3 in the terminal's storage (SQLite, IndexedDB, memory): the state
 * document `software/slots` and each slot's package bytes. Every change is one atomic, durable write,
 * like the journal's: a chunk and the new download offset land together or not at all, so a power cut
 * resumes exactly where the last write ended.
 */
export class SlotStore {
  #state: SoftwareState;

  private constructor(
    private readonly storage: TerminalStorage,
    state: SoftwareState,
  ) {
    this.#state = state;
  }

  /** Reads the store (a terminal that never upgraded starts on the factory application, both slots empty). */
  static async open(storage: TerminalStorage, nowIso: string): Promise<SlotStore> {
    const stored = await storage.get<SoftwareState>(STATE_COLLECTION, STATE_KEY);
    return new SlotStore(storage, stored ?? initialSoftwareState(nowIso));
  }

  get state(): SoftwareState {
    return this.#state;
  }

  /** Writes the next state (and any other changes, such as deleted chunks) atomically, then adopts it. */
  async save(next: SoftwareState, other: readonly StorageChange[] = []): Promise<void> {
    await this.storage.write([...other, { collection: STATE_COLLECTION, key: STATE_KEY, value: next }]);
    this.#state = next;
  }

  /** Starts a download into `download.slot`: whatever the slot held is deleted in the same write. */
  async beginDownload(download: PartialDownload, slot: SlotRecord): Promise<void> {
    const deletes = await this.#chunkDeletes(download.slot);
    await this.save(
      { ...this.#state, download, slots: { ...this.#state.slots, [download.slot]: slot } },
      deletes,
    );
  }

  /** Stores one chunk at the current download offset and moves the offset past it, in one write. */
  async appendChunk(bytes: Uint8Array): Promise<PartialDownload> {
    const download = this.#state.download;
    if (download === undefined) {
      throw terminalError('UPGRADE_NOT_DOWNLOADING', 'no software download is under way', {});
    }
    const next: PartialDownload = { ...download, bytesReceived: download.bytesReceived + bytes.length };
    const chunk: StoredChunk = { offset: download.bytesReceived, data: bytesToBase64url(bytes) };
    await this.save({ ...this.#state, download: next }, [
      { collection: CHUNK_COLLECTIONS[download.slot], key: chunkKey(chunk.offset), value: chunk },
    ]);
    return next;
  }

  /** The package file a slot holds, from offset 0; refuses a gap or an undecodable chunk. */
  async readPackage(slot: SlotName): Promise<Uint8Array> {
    const chunks = await this.storage.list<StoredChunk>(CHUNK_COLLECTIONS[slot]);
    const parts: Uint8Array[] = [];
    let offset = 0;
    for (const chunk of chunks) {
      const bytes = base64urlToBytes(chunk.data);
      if (chunk.offset !== offset || bytes === undefined) {
        throw terminalError(
          'UPGRADE_SLOT_CORRUPT',
          `slot ${slot} holds no whole package from offset ${offset}`,
          {
            slot,
            offset,
          },
        );
      }
      parts.push(bytes);
      offset += bytes.length;
    }
    const file = new Uint8Array(offset);
    let at = 0;
    for (const part of parts) {
      file.set(part, at);
      at += part.length;
    }
    return file;
  }

  /** Changes that delete every chunk a slot holds (to go with the state change that empties it). */
  async #chunkDeletes(slot: SlotName): Promise<StorageChange[]> {
    const chunks = await this.storage.list<StoredChunk>(CHUNK_COLLECTIONS[slot]);
    return chunks.map((chunk) => ({
      collection: CHUNK_COLLECTIONS[slot],
      key: chunkKey(chunk.offset),
      value: null,
    }));
  }

  /**
   * Empties a slot's bytes and sets its record (failed, or empty), ending any download into it; `next` is
   * the rest of the new state (default: the current one).
   */
  async clearSlot(slot: SlotName, record: SlotRecord, next: SoftwareState = this.#state): Promise<void> {
    const deletes = await this.#chunkDeletes(slot);
    const { download, ...rest } = next;
    const keepDownload = download !== undefined && download.slot !== slot ? { download } : {};
    await this.save({ ...rest, ...keepDownload, slots: { ...rest.slots, [slot]: record } }, deletes);
  }
}
