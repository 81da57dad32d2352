import type { Currency } from '@payterm/kernel';
import type { OperatorText } from '../engine/outcome.js';
import type { Slip } from '../ports/printer.js';
import type { Language } from '../profile.js';
import { displayInput } from './input-editor.js';
import { UiClosed, type PromptAnswer, type PromptSpec } from './prompt.js';
import { handlePromptEvent, INITIAL_PROMPT_STATE, type PromptState } from './prompt-keys.js';
import type { Screen, ScreenKind, ScreenNotice, ScreenSlip, StatusBar, StatusTone } from './screen.js';
import type { UiEvent } from './ui-event.js';
import { DEFAULT_HINTS, TEXTS } from './ui-texts.js';
import { pick, type UiText } from './ui-text.js';

/** What the screen shows while no prompt is up (an operation is running). */
export interface BusyView {
  readonly id: string;
  readonly title: OperatorText;
  readonly body: readonly UiText[];
  readonly kind?: 'busy' | 'starting';
}

export interface ScreenControllerOptions {
  readonly language: Language;
  /** The currency amounts are typed in. */
  readonly currency: () => Currency;
  /** The status bar now (null before a terminal is attached). */
  readonly status: () => StatusBar | null;
}

interface ActivePrompt {
  readonly spec: PromptSpec;
  state: PromptState;
  readonly resolve: (answer: PromptAnswer) => void;
  readonly reject: (error: Error) => void;
}

/** Events kept while an operation runs, for the next prompt (a fast typist, a script). */
const TYPE_AHEAD_LIMIT = 64;

function asText(text: UiText): OperatorText {
  return typeof text === 'string' ? { zh: text, en: text } : text;
}

/**
 * The display and keypad: one prompt at a time, answered by events; events that come while an
 * operation runs wait for the next prompt, in order. Listeners get the new screen once per task,
 * however many changes it had. Nothing here throws out of `dispatch`.
 */
export class ScreenController {
  #language: Language;
  readonly #currency: () => Currency;
  readonly #status: () => StatusBar | null;
  #active: ActivePrompt | undefined;
  #busy: BusyView = { id: 'starting', title: TEXTS.starting, body: [], kind: 'starting' };
  #notice: ScreenNotice | undefined;
  #slip: ScreenSlip | null = null;
  readonly #typeAhead: UiEvent[] = [];
  readonly #listeners = new Set<(screen: Screen) => void>();
  #idleWaiters: ((screen: Screen) => void)[] = [];
  #flushScheduled = false;
  #closed = false;

  constructor(options: ScreenControllerOptions) {
    this.#language = options.language;
    this.#currency = options.currency;
    this.#status = options.status;
  }

  get language(): Language {
    return this.#language;
  }

  get closed(): boolean {
    return this.#closed;
  }

  setLanguage(language: Language): void {
    if (language !== 'zh' && language !== 'en') return;
    this.#language = language;
    this.#changed();
  }

  /** Shows the prompt and resolves with its answer; rejects with UiClosed once the UI is closed. */
  ask(spec: PromptSpec): Promise<PromptAnswer> {
    if (this.#closed) return Promise.reject(new UiClosed());
    this.#active?.resolve({ type: 'cancel', home: false });
    return new Promise<PromptAnswer>((resolve, reject) => {
      this.#active = { spec, state: INITIAL_PROMPT_STATE, resolve, reject };
      if (spec.dropTypeAhead === true) this.#typeAhead.length = 0;
      this.#changed();
      while (this.#active?.spec === spec && this.#typeAhead.length > 0) {
        const event = this.#typeAhead.shift();
        if (event !== undefined) this.#apply(event);
      }
    });
  }

  /**
   * Redraws the prompt that is up with `spec` (same id: a countdown, a live status), keeping what was
   * typed and who waits for the answer. Ignored when another prompt is up.
   */
  update(spec: PromptSpec): void {
    const active = this.#active;
    if (active === undefined || active.spec.id !== spec.id || active.spec.kind !== spec.kind) return;
    this.#active = { ...active, spec };
    this.#changed();
  }

  /** What the screen shows while the operation runs (until the next prompt). */
  busy(view: BusyView): void {
    this.#busy = view;
    this.#changed();
  }

  /** A one-line message on the screens until the next prompt is answered. */
  notice(text: OperatorText | undefined, tone: StatusTone = 'info'): void {
    this.#notice = text === undefined ? undefined : { ...text, tone };
    this.#changed();
  }

  showSlip(slip: Slip, paperOut: boolean): void {
    this.#slip = {
      kind: slip.kind,
      ...(slip.copy === undefined ? {} : { copy: slip.copy }),
      reprint: slip.reprint,
      lines: [...slip.lines],
      paperOut,
    };
    this.#changed();
  }

  /** Draw again (the terminal's status changed). */
  refresh(): void {
    this.#changed();
  }

  dispatch(event: UiEvent): void {
    if (this.#closed) return;
    if (event.type === 'language') {
      this.setLanguage(event.language);
      return;
    }
    if (this.#active !== undefined && this.#typeAhead.length === 0) this.#apply(event);
    else if (this.#typeAhead.length < TYPE_AHEAD_LIMIT) this.#typeAhead.push(event);
  }

  onChange(listener: (screen: Screen) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Resolves when a prompt waits for the operator and no typed-ahead event is left for it. */
  idle(): Promise<Screen> {
    if (this.#isIdle()) return Promise.resolve(this.screen);
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#typeAhead.length = 0;
    const active = this.#active;
    this.#active = undefined;
    active?.reject(new UiClosed());
    this.#changed();
  }

  get screen(): Screen {
    const common = {
      language: this.#language,
      status: this.#safeStatus(),
      slip: this.#slip,
    };
    if (this.#closed) {
      return { ...common, id: 'closed', kind: 'closed', title: TEXTS.closed, body: [], hint: '' };
    }
    const active = this.#active;
    if (active === undefined) {
      const kind = this.#busy.kind ?? 'busy';
      return {
        ...common,
        id: this.#busy.id,
        kind,
        title: this.#busy.title,
        body: this.#busy.body.map((line) => pick(line, this.#language)),
        ...(this.#notice === undefined ? {} : { notice: this.#notice }),
        hint: pick(DEFAULT_HINTS[kind], this.#language),
      };
    }
    return { ...common, ...this.#promptScreen(active) };
  }

  #promptScreen(active: ActivePrompt): Omit<Screen, 'language' | 'status' | 'slip'> {
    const { spec, state } = active;
    const text = (line: UiText): string => pick(line, this.#language);
    const notice: ScreenNotice | undefined =
      state.error === undefined ? this.#notice : { ...asText(state.error), tone: 'alert' };
    const body = (spec.body ?? []).map(text);
    const base = {
      id: spec.id,
      kind: spec.kind as ScreenKind,
      title: spec.title,
      body,
      ...(notice === undefined ? {} : { notice }),
      hint: text(spec.hint ?? DEFAULT_HINTS[spec.kind]),
      ...(spec.qr === undefined ? {} : { qr: spec.qr }),
      ...(spec.acceptsScan === true && spec.kind === 'input' ? { acceptsScan: true } : {}),
    };
    switch (spec.kind) {
      case 'input':
        return {
          ...base,
          input: {
            label: text(spec.label),
            value: displayInput(state.value, spec.input, this.#currency()),
            kind: spec.input,
            maxLength: spec.maxLength,
          },
        };
      case 'menu':
        return {
          ...base,
          menu: spec.items.map((item) => ({ key: item.key, zh: item.label.zh, en: item.label.en })),
          selected: state.selected,
        };
      case 'list': {
        const header = [...body, ...(spec.header ?? []).map(text)];
        return {
          ...base,
          body: [...header, ...spec.lines.map(text)],
          ...(spec.lines.length === 0 ? {} : { highlight: header.length + state.selected }),
          ...(spec.numbered
            ? {
                input: {
                  label: text(TEXTS.lineNumber),
                  value: state.value,
                  kind: 'digits' as const,
                  maxLength: 3,
                },
              }
            : {}),
        };
      }
      case 'message':
        return spec.tone === undefined ? base : { ...base, tone: spec.tone };
      default:
        return base;
    }
  }

  #apply(event: UiEvent): void {
    const active = this.#active;
    if (active === undefined) return;
    let step;
    try {
      step = handlePromptEvent(active.spec, active.state, event);
    } catch (error) {
      // A validator that throws refuses the value instead of breaking the keypad.
      const message = error instanceof Error ? error.message : String(error);
      step = { kind: 'changed' as const, state: { ...active.state, error: message } };
    }
    if (step.kind === 'ignored') return;
    if (step.kind === 'changed') {
      active.state = step.state;
      this.#changed();
      return;
    }
    this.#active = undefined;
    this.#notice = undefined;
    if (active.spec.customer !== true) {
      this.#busy = { id: `${active.spec.id}.busy`, title: active.spec.title, body: [TEXTS.processing] };
    }
    this.#changed();
    active.resolve(step.answer);
  }

  #isIdle(): boolean {
    return this.#closed || (this.#active !== undefined && this.#typeAhead.length === 0);
  }

  #safeStatus(): StatusBar | null {
    try {
      return this.#status();
    } catch {
      return null;
    }
  }

  /**
   * Listeners hear of changes on the next macrotask: the steps between two prompts (a prompt answered,
   * the flow moving on to the next one) reach them as one screen instead of a flicker of "processing".
   */
  #changed(): void {
    if (this.#flushScheduled) return;
    this.#flushScheduled = true;
    setTimeout(() => this.#flush(), 0);
  }

  #flush(): void {
    this.#flushScheduled = false;
    const screen = this.screen;
    for (const listener of [...this.#listeners]) {
      try {
        listener(screen);
      } catch {
        // A renderer's failure must not stop the keypad; the renderer reports its own errors.
      }
    }
    if (this.#isIdle() && this.#idleWaiters.length > 0) {
      const waiters = this.#idleWaiters;
      this.#idleWaiters = [];
      for (const waiter of waiters) waiter(screen);
    }
  }
}
