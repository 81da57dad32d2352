import { SOFTWARE_CHUNK_MAX_BYTES, type SoftwareOffer } from '@payterm/protocol';
import { terminalError, TerminalError } from '../errors.js';
import type { TerminalCore } from '../engine/terminal-core.js';
import type { SlotStore } from './slot-store.js';
import type { PartialDownload } from './slot-types.js';

/** Runs one step through the terminal's queue, so a transaction can go between two chunks. */
export type StepRunner = <T>(step: () => Promise<T>) => Promise<T>;

export interface DownloadProgress {
  readonly version: string;
  readonly bytesReceived: number;
  readonly totalBytes: number;
}

/** Why a download loop stopped before the end of the package. */
export type ChunkStop =
  | { readonly kind: 'interrupted'; readonly failure: string }
  | { readonly kind: 'failed'; readonly error: TerminalError };

/**
 * Fetches `363` chunks from the current offset until `untilBytes`, each stored with the new offset in
 * one write. A cut (no answer, unreachable) stops it with the download kept; a refusal, a bad chunk or
 * a full disk fail it. Returns undefined when `untilBytes` is reached.
 */
export async function fetchChunks(
  core: TerminalCore,
  store: SlotStore,
  offer: SoftwareOffer,
  untilBytes: number,
  options: {
    readonly run: StepRunner;
    /** True once the download is to stop (cancelled, or the terminal closes). */
    readonly stopped: () => boolean;
    readonly onProgress: (download: PartialDownload) => void;
  },
): Promise<ChunkStop | undefined> {
  const totalBytes = offer.prefixBytes + offer.sizeBytes;
  for (;;) {
    const download = store.state.download;
    if (download === undefined)
      return {
        kind: 'failed',
        error: terminalError('UPGRADE_NOT_DOWNLOADING', 'the download was removed', {}),
      };
    const offset = download.bytesReceived;
    if (offset >= untilBytes) return undefined;
    if (options.stopped()) return { kind: 'interrupted', failure: 'cancelled' };
    const result = await options.run(() =>
      core.online({
        ...core.envelope(),
        kind: 'software-chunk',
        batch: core.state.batch,
        sha256: offer.sha256,
        offset,
      }),
    );
    if (!result.answered) return { kind: 'interrupted', failure: result.failure };
    const response = result.response;
    if (response.responseCode !== '00') {
      return {
        kind: 'failed',
        error: terminalError(
          'UPGRADE_HOST_REFUSED',
          `the host answered ${response.responseCode} to the chunk at ${offset}`,
          {
            responseCode: response.responseCode,
            offset,
          },
        ),
      };
    }
    const chunk = response.kind === 'software-chunk' ? response.chunk : undefined;
    const length = chunk?.length ?? 0;
    if (
      chunk === undefined ||
      length === 0 ||
      length > SOFTWARE_CHUNK_MAX_BYTES ||
      offset + length > totalBytes
    ) {
      return {
        kind: 'failed',
        error: terminalError(
          'UPGRADE_CHUNK_INVALID',
          `the chunk at ${offset} is empty, too long or past the package`,
          {
            offset,
            length,
          },
        ),
      };
    }
    try {
      options.onProgress(await store.appendChunk(chunk));
    } catch (error) {
      if (!(error instanceof TerminalError) || error.code !== 'TERMINAL_STORAGE_FAILED') throw error;
      return {
        kind: 'failed',
        error: terminalError(
          'UPGRADE_STORAGE_FULL',
          `the chunk at ${offset} could not be stored: ${error.message}`,
          {
            version: offer.version,
            bytesReceived: offset,
          },
        ),
      };
    }
  }
}
