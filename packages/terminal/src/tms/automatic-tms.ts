import type { TerminalCore } from '../engine/terminal-core.js';

/** Header digit 6 repeats (an offer stays until installed) start a new download at most this often. */
export const PARAMETER_RECHECK_MS = 5 * 60_000;

/**
 * When the terminal reaches the TMS on its own (docs/TMS.md §2): right after a sign-in, and at the
 * next idle moment after a response with header digit 6, paced by PARAMETER_RECHECK_MS while it
 * repeats. One check at a time; its failures stay quiet (the next digit 6 or sign-in tries again).
 */
export class AutomaticTms {
  #check: Promise<unknown> | undefined;
  readonly #closing = new AbortController();

  constructor(
    private readonly core: TerminalCore,
    readonly enabled: boolean,
    private readonly downloadParameters: () => Promise<unknown>,
  ) {}

  /** Aborted when the terminal closes: background work stops. */
  get closing(): AbortSignal {
    return this.#closing.signal;
  }

  /** Starts the parameter download unless one runs, it is off, or (not forced) nothing asks for it yet. */
  schedule(force: boolean): void {
    if (!this.enabled || this.#check !== undefined || this.#closing.signal.aborted) return;
    if (!force && !this.#due()) return;
    this.#check = this.downloadParameters()
      .catch(() => undefined)
      .finally(() => {
        this.#check = undefined;
      });
  }

  /** Stops scheduling and waits for a check under way. */
  async close(): Promise<void> {
    this.#closing.abort();
    await this.#check?.catch(() => undefined);
  }

  #due(): boolean {
    const state = this.core.state;
    if (state.parametersDue !== true) return false;
    const last = state.parametersCheckedAt === undefined ? Number.NaN : Date.parse(state.parametersCheckedAt);
    return !(Date.parse(this.core.now().iso) - last < PARAMETER_RECHECK_MS);
  }
}
