import { TerminalError, type TerminalErrorDetails } from '../errors.js';
import type { StorageChange, StorageCollection } from '../ports/storage.js';

/** A record (not a list) so adding a collection to the port's type fails to compile here until it is added. */
const KNOWN_COLLECTIONS: Readonly<Record<StorageCollection, true>> = {
  state: true,
  journal: true,
  operators: true,
  audit: true,
  slips: true,
  'secure-element': true,
  software: true,
  'software-a': true,
  'software-b': true,
};

/** A change with its document already turned into JSON text; `text` is null for a delete. */
export interface SerialisedChange {
  readonly collection: StorageCollection;
  readonly key: string;
  readonly text: string | null;
}

/** TERMINAL_STORAGE_FAILED naming the operation (get, list, write, usage, open, close…). */
export function storageFailure(
  operation: string,
  message: string,
  details: TerminalErrorDetails = {},
  cause?: unknown,
): TerminalError {
  return new TerminalError(
    'TERMINAL_STORAGE_FAILED',
    message,
    { operation, ...details },
    cause === undefined ? undefined : { cause },
  );
}

export function checkAddress(operation: string, collection: StorageCollection, key?: string): void {
  if (!Object.hasOwn(KNOWN_COLLECTIONS, collection)) {
    throw storageFailure(operation, 'unknown storage collection', { collection: String(collection) });
  }
  if (key !== undefined && typeof key !== 'string') {
    throw storageFailure(operation, 'a storage key must be a string', { collection });
  }
}

/**
 * Turns every change into JSON text before anything is stored, so a document JSON cannot carry
 * (a BigInt, a cycle, `undefined`) fails the whole write, not half of it.
 */
export function serialiseChanges(changes: readonly StorageChange[]): SerialisedChange[] {
  return changes.map(({ collection, key, value }) => {
    checkAddress('write', collection, key);
    if (value === null) return { collection, key, text: null };
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch (cause) {
      throw storageFailure(
        'write',
        'the document cannot be stored as JSON',
        { collection, key, reason: cause instanceof Error ? cause.message : String(cause) },
        cause,
      );
    }
    if (text === undefined) {
      throw storageFailure('write', 'the document cannot be stored as JSON', {
        collection,
        key,
        reason: `a ${typeof value} has no JSON form`,
      });
    }
    return { collection, key, text };
  });
}

/** Bytes of the string's UTF-8 encoding, without encoding it. */
export function utf8ByteLength(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit < 0x80) bytes += 1;
    else if (unit < 0x800) bytes += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && isLowSurrogate(text.charCodeAt(i + 1))) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}

/**
 * Orders keys by Unicode code point, which is the UTF-8 byte order SQLite's BINARY collation uses;
 * plain `<` compares UTF-16 units and puts astral characters before U+E000…U+FFFF.
 */
export function compareKeys(a: string, b: string): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const ua = a.charCodeAt(i);
    const ub = b.charCodeAt(i);
    if (ua === ub) continue;
    return codePointRank(ua) - codePointRank(ub);
  }
  return a.length - b.length;
}

/** Surrogates (astral code points) rank above every BMP unit. */
function codePointRank(unit: number): number {
  return unit >= 0xd800 && unit <= 0xdfff ? unit + 0x10000 : unit;
}
