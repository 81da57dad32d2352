import type {
  Language,
  OperatorText,
  PowerPort,
  ProfileInput,
  Screen,
  TestCard,
  UiEvent,
} from '@payterm/terminal';
import { batteryState, BATTERY_FULL, clampBattery } from './battery.js';
import { BootFailure, powerOn, type DevicePlatform, type PoweredDevice } from './power-on.js';
import { isNoteworthy, withStep, type SelfTestStep } from './self-test.js';
import { rollbackNotice } from './software-boot.js';
import { SlotPrinter, type SlotEntry } from './slot-printer.js';

export type PowerState = 'off' | 'booting' | 'on' | 'stopping' | 'failed';

/** Everything the page draws, replaced as a whole on each change (React reads it as a snapshot). */
export interface DeviceSnapshot {
  readonly power: PowerState;
  readonly steps: readonly SelfTestStep[];
  /** Why the boot stopped (power `failed`). */
  readonly failure?: OperatorText;
  /** The device display, once booted. */
  readonly screen: Screen | null;
  readonly language: Language;
  /** 0–100 %. */
  readonly battery: number;
  /** On the charger: the upgrade's battery check passes at any level. */
  readonly charging: boolean;
  /** A boot that rolled a version back waits on this text until the operator presses Enter. */
  readonly bootNotice?: OperatorText;
  readonly paperOut: boolean;
  /** The printer slot, newest first. */
  readonly slips: readonly SlotEntry[];
  /** A short message by the power key (a short press, an empty battery). */
  readonly powerHint?: OperatorText;
}

/** Remembers across a page reload that the device was on (sessionStorage in the page). */
export interface PowerMemory {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface DeviceControllerOptions {
  readonly tid: string;
  readonly provision: ProfileInput;
  readonly hostUrl: string;
  readonly language: Language;
  readonly cards: readonly TestCard[];
  readonly memory?: PowerMemory;
  readonly platform?: DevicePlatform;
  /** How long a power-key hint stays (default 4 s). */
  readonly hintMs?: number;
  /** How long a self-test that recovered or warned stays on the screen (default 2.5 s). */
  readonly noteworthyBootMs?: number;
}

export const NOTEWORTHY_BOOT_MS = 2500;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export const HINTS = {
  holdToStart: { zh: '长按电源键 3 秒开机', en: 'Hold the power key for 3 s to switch on' },
  holdToStop: { zh: '长按电源键 3 秒关机', en: 'Hold the power key for 3 s to switch off' },
  busy: { zh: '请稍候', en: 'Please wait' },
  batteryEmpty: { zh: '电量耗尽，请充电', en: 'Battery empty: charge it first' },
  restarting: { zh: '重新启动中', en: 'Restarting' },
} as const satisfies Record<string, OperatorText>;

/**
 * The device as the page sees it: power (long press on, long press off, remembered over a reload so
 * that a reload is a power loss the journal recovers from), the boot self-test, the display and
 * keypad of the booted terminal, the battery and the printer's paper. No DOM here: the page renders
 * `snapshot` and calls these methods.
 */
export class DeviceController {
  readonly printer = new SlotPrinter();
  readonly #options: DeviceControllerOptions;
  readonly #listeners = new Set<() => void>();
  #snapshot: DeviceSnapshot;
  #device: PoweredDevice | undefined;
  #stopScreen: (() => void) | undefined;
  #hintTimer: ReturnType<typeof setTimeout> | undefined;
  #acknowledge: (() => void) | undefined;
  /** The battery as the device reports it to the terminal (the upgrade's precondition). */
  readonly #power: PowerPort = {
    status: () => Promise.resolve({ level: this.#snapshot.battery, charging: this.#snapshot.charging }),
  };

  constructor(options: DeviceControllerOptions) {
    this.#options = options;
    this.#snapshot = {
      power: 'off',
      steps: [],
      screen: null,
      language: options.language,
      battery: BATTERY_FULL,
      charging: false,
      paperOut: false,
      slips: [],
    };
    this.printer.onChange(() =>
      this.#update({ slips: this.printer.entries, paperOut: this.printer.paperOut }),
    );
  }

  get snapshot(): DeviceSnapshot {
    return this.#snapshot;
  }

  subscribe(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** The page loaded: switch on at once when asked to, or when the device was on before the reload. */
  start(powerOnNow: boolean): Promise<void> {
    if (powerOnNow || this.#options.memory?.getItem(this.#memoryKey) === 'on') return this.switchOn();
    return Promise.resolve();
  }

  /** The power key was held for its full time: on when off, off when on. */
  async holdPower(): Promise<void> {
    const power = this.#snapshot.power;
    if (power === 'off') await this.switchOn();
    else if (power === 'on' || power === 'failed') await this.switchOff();
    else this.#hint(HINTS.busy);
  }

  /** A press too short to switch: says how to. */
  tapPower(): void {
    const power = this.#snapshot.power;
    this.#hint(
      power === 'off'
        ? HINTS.holdToStart
        : power === 'on' || power === 'failed'
          ? HINTS.holdToStop
          : HINTS.busy,
    );
  }

  async switchOn(): Promise<void> {
    if (this.#snapshot.power !== 'off') return;
    if (batteryState(this.#snapshot.battery) === 'empty') {
      this.#hint(HINTS.batteryEmpty);
      return;
    }
    this.#options.memory?.setItem(this.#memoryKey, 'on');
    this.#update({ power: 'booting', steps: [], screen: null, failure: undefined });
    try {
      const device = await powerOn({
        tid: this.#options.tid,
        provision: this.#options.provision,
        hostUrl: this.#options.hostUrl,
        language: this.#snapshot.language,
        printer: this.printer,
        cards: this.#options.cards,
        onStep: (step) => this.#update({ steps: withStep(this.#snapshot.steps, step) }),
        power: this.#power,
        restart: () => void this.restart(),
        ...(this.#options.platform === undefined ? {} : { platform: this.#options.platform }),
      });
      // A version rolled back: the operator reads why before the device goes on. Otherwise, like a
      // real terminal, a boot that recovered something or warned keeps its self-test on the screen a
      // moment; a clean boot goes straight on.
      if (device.rolledBack.length > 0)
        await this.#waitForEnter(rollbackNotice(device.rolledBack, device.version));
      else if (isNoteworthy(this.#snapshot.steps))
        await delay(this.#options.noteworthyBootMs ?? NOTEWORTHY_BOOT_MS);
      this.#device = device;
      this.#stopScreen = device.ui.onChange((screen) => this.#update({ screen, language: screen.language }));
      device.ui.attach(device.terminal);
      this.#update({ power: 'on', screen: device.ui.screen });
      // The battery may have run down while it booted.
      if (batteryState(this.#snapshot.battery) === 'empty') await this.switchOff(HINTS.batteryEmpty);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failure =
        error instanceof BootFailure
          ? error.text
          : { zh: `启动失败：${reason}`, en: `The device did not start: ${reason}` };
      this.#update({ power: 'failed', failure });
    }
  }

  async switchOff(hint?: OperatorText): Promise<void> {
    const power = this.#snapshot.power;
    if (power !== 'on' && power !== 'failed') return;
    this.#options.memory?.removeItem(this.#memoryKey);
    await this.#powerDown(hint);
  }

  /**
   * Menu 9's restart after an install: a power cycle in the page — the menus stop, the journal closes,
   * the boot loader runs again and starts the installed version for its trial. No page reload.
   */
  async restart(): Promise<void> {
    if (this.#snapshot.power !== 'on') return;
    this.#hint(HINTS.restarting);
    await this.#powerDown();
    await this.switchOn();
  }

  /** Off, with `hint` by the power key in the same change (a listener that sees `off` sees it too). */
  async #powerDown(hint?: OperatorText): Promise<void> {
    this.#update({ power: 'stopping' });
    const device = this.#device;
    this.#device = undefined;
    this.#stopScreen?.();
    this.#stopScreen = undefined;
    await device?.close().catch(() => undefined);
    this.#update({ power: 'off', steps: [], screen: null, failure: undefined });
    if (hint !== undefined) this.#hint(hint);
  }

  /** A key, card, signature or scanned code: reaches the device only while it is on. */
  dispatch(event: UiEvent): void {
    if (event.type === 'language') {
      this.setLanguage(event.language);
      return;
    }
    if (event.type === 'key' && (event.key === 'enter' || event.key === 'cancel')) this.#acknowledge?.();
    if (this.#snapshot.power === 'on') this.#device?.ui.dispatch(event);
  }

  setLanguage(language: Language): void {
    this.#update({ language });
    this.#device?.ui.dispatch({ type: 'language', language });
  }

  /** The person testing sets the battery; at 0 % the device goes off and will not start. */
  setBattery(level: number): void {
    const battery = clampBattery(level);
    this.#update({ battery });
    if (batteryState(battery) === 'empty') void this.switchOff(HINTS.batteryEmpty);
  }

  /** The person testing puts the device on its charger or takes it off. */
  setCharging(charging: boolean): void {
    this.#update({ charging });
  }

  setPaperOut(paperOut: boolean): void {
    this.printer.setPaperOut(paperOut);
  }

  takeSlips(): void {
    this.printer.takeSlips();
  }

  /** Shows `notice` on the boot screen until Enter (or Cancel) is pressed. */
  #waitForEnter(notice: OperatorText): Promise<void> {
    this.#update({ bootNotice: notice });
    return new Promise((resolve) => {
      this.#acknowledge = () => {
        this.#acknowledge = undefined;
        this.#update({ bootNotice: undefined });
        resolve();
      };
    });
  }

  get #memoryKey(): string {
    return `payterm-power-${this.#options.tid}`;
  }

  #hint(text: OperatorText): void {
    clearTimeout(this.#hintTimer);
    this.#update({ powerHint: text });
    this.#hintTimer = setTimeout(() => this.#update({ powerHint: undefined }), this.#options.hintMs ?? 4000);
  }

  /** A field given as undefined is removed (the snapshot's optional fields are absent, never undefined). */
  #update(change: { [K in keyof DeviceSnapshot]?: DeviceSnapshot[K] | undefined }): void {
    const merged: Record<string, unknown> = { ...this.#snapshot, ...change };
    this.#snapshot = Object.fromEntries(
      Object.entries(merged).filter(([, value]) => value !== undefined),
    ) as unknown as DeviceSnapshot;
    for (const listener of [...this.#listeners]) listener();
  }
}
