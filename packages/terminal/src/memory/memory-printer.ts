import type { PrintOutcome, Printer, Slip } from '../ports/printer.js';

/** A printer that keeps what it printed (tests, headless use); `paperOut` makes it refuse like an empty roll. */
export class MemoryPrinter implements Printer {
  readonly printed: Slip[] = [];
  paperOut = false;

  print(slip: Slip): Promise<PrintOutcome> {
    if (this.paperOut) return Promise.resolve('paper-out');
    this.printed.push(slip);
    return Promise.resolve('printed');
  }

  /** The text of the last slip printed. */
  lastText(): string {
    return this.printed.at(-1)?.lines.join('\n') ?? '';
  }
}
