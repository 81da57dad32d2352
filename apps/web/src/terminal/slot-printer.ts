import type { PrintOutcome, Printer, Slip } from '@payterm/terminal';

/** A slip that came out of the printer slot, or was due and did not (paper out). */
export interface SlotEntry {
  /** Counts from 1 for the page's life: names the saved PNG. */
  readonly sequence: number;
  readonly slip: Slip;
  readonly paperOut: boolean;
}

/** Slips kept in the slot before the oldest fall off (a long detail list is one slip). */
export const SLOT_CAPACITY = 40;

/**
 * The thermal printer of the page: slips land in the slot, newest first. The person testing can take
 * the paper out: the printer then answers `paper-out` (the terminal completes the sale all the same
 * and the slip is reprinted from menu 8 once there is paper again).
 */
export class SlotPrinter implements Printer {
  #paperOut = false;
  #sequence = 0;
  #entries: readonly SlotEntry[] = [];
  readonly #listeners = new Set<() => void>();

  get paperOut(): boolean {
    return this.#paperOut;
  }

  /** Newest first. */
  get entries(): readonly SlotEntry[] {
    return this.#entries;
  }

  setPaperOut(paperOut: boolean): void {
    if (paperOut === this.#paperOut) return;
    this.#paperOut = paperOut;
    this.#changed();
  }

  print(slip: Slip): Promise<PrintOutcome> {
    const paperOut = this.#paperOut;
    this.#sequence += 1;
    this.#entries = [{ sequence: this.#sequence, slip, paperOut }, ...this.#entries].slice(0, SLOT_CAPACITY);
    this.#changed();
    return Promise.resolve(paperOut ? 'paper-out' : 'printed');
  }

  /** The person testing tears the slips off. */
  takeSlips(): void {
    if (this.#entries.length === 0) return;
    this.#entries = [];
    this.#changed();
  }

  onChange(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #changed(): void {
    for (const listener of [...this.#listeners]) listener();
  }
}
