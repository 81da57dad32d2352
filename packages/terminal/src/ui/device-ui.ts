import { assertInvariant, type Currency } from '@payterm/kernel';
import { TEST_CARDS, type TestCard } from '../cards/test-cards.js';
import type { CardPicker } from '../cards/test-card-reader.js';
import type { TransactionOutcome } from '../engine/outcome.js';
import type { PosTerminal } from '../engine/pos-terminal.js';
import { PROFILE_DEFAULTS, type Language } from '../profile.js';
import type { Printer } from '../ports/printer.js';
import type { SignaturePad } from '../ports/signature-pad.js';
import type { PinSource } from '../security/software-pin-pad.js';
import { screenCardPicker, screenPinSource, screenSignaturePad, ScreenPrinter } from './customer-ports.js';
import { showError } from './flows/ask.js';
import type { FlowContext } from './flows/flow-context.js';
import { loginFlow } from './flows/login-flow.js';
import { MAIN_MENU } from './flows/main-menu.js';
import { runMenu } from './flows/menu.js';
import { currencyOf } from './input-editor.js';
import { SessionEnded, UiClosed } from './prompt.js';
import type { Screen, StatusBar } from './screen.js';
import { ScreenController } from './screen-controller.js';
import { buildStatusBar, type ResolvedOutcome } from './status-bar.js';
import type { UiEvent } from './ui-event.js';

export interface DeviceUiOptions {
  /** Display language; default the terminal profile's once attached (`zh` before). */
  readonly language?: Language;
  /** The printer behind the screen (a file, a real one); without it slips are only shown. */
  readonly printer?: Printer;
  /** The card panel's cards (default the simulator's catalogue). */
  readonly cards?: readonly TestCard[];
  /** Restarts the device into the installed upgrade (the shell's boot loader); absent: the operator does. */
  readonly restart?: () => void;
}

/**
 * The terminal's device: display and keypad as a state machine. Key, card, signature and language
 * events go in through `dispatch`; a `Screen` comes out to `onChange` listeners. It also is the
 * customer side of the terminal — card panel, PIN entry, signature, printer — so create it first,
 * build the terminal's devices with its ports, then `attach` the opened terminal.
 */
export class DeviceUi {
  readonly cardPicker: CardPicker;
  readonly pinSource: PinSource;
  readonly signaturePad: SignaturePad;
  readonly printer: Printer;
  readonly #screens: ScreenController;
  readonly #languageGiven: boolean;
  readonly #restart: (() => void) | undefined;
  #terminal: PosTerminal | undefined;
  #resolved: ResolvedOutcome | undefined;
  #running: Promise<void> | undefined;
  #unsubscribe: (() => void) | undefined;

  constructor(options: DeviceUiOptions = {}) {
    this.#languageGiven = options.language !== undefined;
    this.#restart = options.restart;
    this.#screens = new ScreenController({
      language: options.language ?? PROFILE_DEFAULTS.language,
      currency: () => this.#currency(),
      status: () => this.#statusBar(),
    });
    this.cardPicker = screenCardPicker(this.#screens, options.cards ?? TEST_CARDS);
    this.pinSource = screenPinSource(this.#screens);
    this.signaturePad = screenSignaturePad(this.#screens);
    this.printer = new ScreenPrinter(this.#screens, options.printer);
  }

  get screen(): Screen {
    return this.#screens.screen;
  }

  get language(): Language {
    return this.#screens.language;
  }

  /** Calls `listener` with each new screen; returns the function that stops it. */
  onChange(listener: (screen: Screen) => void): () => void {
    return this.#screens.onChange(listener);
  }

  /** Never throws: an event the current screen has no use for is ignored. */
  dispatch(event: UiEvent): void {
    try {
      this.#screens.dispatch(event);
    } catch {
      // The controller catches what it runs; this only guards against a malformed event object.
    }
  }

  /** Resolves with the screen once it waits for the operator (no operation running, no key queued). */
  idle(): Promise<Screen> {
    return this.#screens.idle();
  }

  /** Starts the device on an opened terminal: the login screen, then the menus. */
  attach(terminal: PosTerminal): void {
    assertInvariant(this.#terminal === undefined, 'the device UI is attached to a terminal already');
    this.#terminal = terminal;
    // Reversal pending, sent, done: the status bar follows the journal, not only the screens.
    this.#unsubscribe = terminal.onStatusChange(() => this.#screens.refresh());
    if (!this.#languageGiven) this.#screens.setLanguage(terminal.profile.language);
    this.#running = this.#run(terminal);
  }

  /** Stops the menus (a prompt waiting is abandoned); resolves when the flow has unwound. */
  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#screens.close();
    await this.#running;
  }

  async #run(terminal: PosTerminal): Promise<void> {
    const context: FlowContext = {
      terminal,
      screens: this.#screens,
      noteOutcome: (outcome) => this.#noteOutcome(outcome),
      ...(this.#restart === undefined ? {} : { restart: this.#restart }),
    };
    while (!this.#screens.closed) {
      try {
        if (terminal.operator === undefined) await loginFlow(context);
        else await runMenu(context, MAIN_MENU);
      } catch (error) {
        if (error instanceof UiClosed) return;
        if (error instanceof SessionEnded) continue;
        await showError(context, error).catch(() => undefined);
      }
    }
  }

  #noteOutcome(outcome: TransactionOutcome): void {
    const unknown = outcome.outcome === 'timeout' || outcome.outcome === 'mac-error';
    this.#resolved = unknown ? { voucher: outcome.record.stan, status: outcome.record.status } : undefined;
  }

  #statusBar(): StatusBar | null {
    const terminal = this.#terminal;
    return terminal === undefined ? null : buildStatusBar(terminal.status(), this.#resolved);
  }

  #currency(): Currency {
    return currencyOf(this.#terminal?.profile.currency ?? PROFILE_DEFAULTS.currency);
  }
}
