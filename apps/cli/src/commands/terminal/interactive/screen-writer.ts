import type { Screen } from '@payterm/terminal';
import { ANSI, ansiFrame } from './ansi-renderer.js';
import { plainFrame } from './plain-renderer.js';

/** Where screens go: a terminal (full-screen, ANSI) or any other stream (plain frames). */
export interface ScreenOutput extends NodeJS.WritableStream {
  readonly isTTY?: boolean;
  readonly columns?: number;
}

const DEFAULT_COLUMNS = 80;

/**
 * Draws each screen: on a terminal in the alternate screen buffer, redrawn in place (and again on a
 * resize); elsewhere as plain text frames, each written once. `stop` gives the terminal back as it was.
 */
export class ScreenWriter {
  readonly #output: ScreenOutput;
  readonly #ansi: boolean;
  #last = '';
  #screen: Screen | undefined;
  #started = false;
  readonly #onResize = (): void => {
    this.#last = '';
    if (this.#screen !== undefined) this.render(this.#screen);
  };

  constructor(output: ScreenOutput) {
    this.#output = output;
    this.#ansi = output.isTTY === true;
  }

  start(): void {
    if (this.#started) return;
    this.#started = true;
    if (!this.#ansi) return;
    this.#output.write(`${ANSI.enterAlternateScreen}${ANSI.hideCursor}`);
    this.#output.on('resize', this.#onResize);
  }

  render(screen: Screen): void {
    if (!this.#started) return;
    this.#screen = screen;
    const text = this.#ansi ? ansiFrame(screen, this.#output.columns ?? DEFAULT_COLUMNS) : plainFrame(screen);
    if (text === this.#last) return;
    this.#last = text;
    this.#output.write(text);
  }

  stop(): void {
    if (!this.#started) return;
    this.#started = false;
    if (!this.#ansi) return;
    this.#output.off('resize', this.#onResize);
    this.#output.write(`${ANSI.reset}${ANSI.showCursor}${ANSI.leaveAlternateScreen}`);
  }
}
