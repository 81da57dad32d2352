import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { DEMO } from '../../../host/src/app/demo-data.js';
import { TEST_START_MS } from '../../../host/test/support/runtime.js';
import { TestCardReader } from '../../src/cards/index.js';
import { PosTerminal } from '../../src/engine/pos-terminal.js';
import { MemoryPrinter, MemoryStorage } from '../../src/memory/index.js';
import { TcpHostLink } from '../../src/node/index.js';
import type { PowerPort } from '../../src/ports/power.js';
import type { ProfileInput } from '../../src/profile.js';
import { SoftwarePinPad, SoftwareSecurityModule } from '../../src/security/index.js';
import { DeviceUi, isUiKey, type Screen, type UiEvent } from '../../src/ui/index.js';
import { DEMO_TMK, DEMO_TMK_KCV, TEST_SCRYPT } from './terminal-rig.js';

export interface UiRig {
  readonly ui: DeviceUi;
  readonly terminal: PosTerminal;
  /** The printer behind the screen. */
  readonly printer: MemoryPrinter;
  readonly clock: SimulatedClock;
  /**
   * Presses keys: named keys (`enter`, `cancel` …) as they are, anything else one digit per character
   * (`press('01', 'enter')`). Resolves with the screen once the device waits for the operator again.
   */
  press(...keys: string[]): Promise<Screen>;
  /** Sends any event, then waits like `press`. */
  send(event: UiEvent): Promise<Screen>;
  /** The screen as text: title, body, input, menu, notice, status bar, slip and hint. */
  text(): string;
  close(): Promise<void>;
}

export interface UiRigOptions {
  readonly port: number;
  readonly tid?: string;
  readonly profile?: Partial<ProfileInput>;
  /** The battery the device reports (absent: none). */
  readonly power?: PowerPort;
  /** What "install and restart" calls. */
  readonly restart?: () => void;
}

/** Every word a screen shows, one item a line, so tests can look for what the operator sees. */
export function screenText(screen: Screen): string {
  const lines = [`[${screen.id}] ${screen.title.zh} ${screen.title.en}`, ...screen.body];
  if (screen.input !== undefined) lines.push(`${screen.input.label}: ${screen.input.value}`);
  for (const item of screen.menu ?? []) lines.push(`${item.key} ${item.zh} ${item.en}`);
  if (screen.notice !== undefined) lines.push(`! ${screen.notice.zh} / ${screen.notice.en}`);
  if (screen.status !== null) {
    const operator = screen.status.operator;
    lines.push(`status: ${operator === null ? '-' : `${operator.number} ${operator.role}`}`);
    for (const item of screen.status.items) lines.push(`status: ${item.zh} / ${item.en}`);
  }
  if (screen.slip !== null) lines.push('slip:', ...screen.slip.lines);
  lines.push(`hint: ${screen.hint}`);
  return lines.join('\n');
}

/** A DeviceUi in front of a PosTerminal over real TCP to `port`, built as a device would be. */
export async function openUiRig(options: UiRigOptions): Promise<UiRig> {
  const storage = new MemoryStorage();
  const clock = new SimulatedClock(TEST_START_MS);
  const random = new SeededRandom(11);
  const printer = new MemoryPrinter();
  const ui = new DeviceUi({
    language: 'en',
    printer,
    ...(options.restart === undefined ? {} : { restart: options.restart }),
  });
  const security = await SoftwareSecurityModule.open({
    storage,
    deviceKey: Uint8Array.from({ length: 32 }, (_, index) => index + 5),
    random,
  });
  await security.loadMasterKey(DEMO_TMK, DEMO_TMK_KCV);
  const terminal = await PosTerminal.open(
    {
      storage,
      link: new TcpHostLink({ host: '127.0.0.1', port: options.port }),
      security,
      cardReader: new TestCardReader(ui.cardPicker, { random }),
      pinPad: new SoftwarePinPad(security, ui.pinSource),
      printer: ui.printer,
      signaturePad: ui.signaturePad,
      clock,
      random,
      scryptCost: TEST_SCRYPT,
      ...(options.power === undefined ? {} : { power: options.power }),
    },
    {
      // The TMS tests turn it on; elsewhere a background 360 would reorder the scripted exchanges.
      automaticTms: false,
      provision: {
        tid: options.tid ?? DEMO.tids[0],
        mid: DEMO.mid,
        merchantName: 'PayTerm Demo Store',
        demo: true,
        connectTimeoutMs: 2_000,
        responseTimeoutMs: 3_000,
        ...options.profile,
      },
    },
  );
  ui.attach(terminal);
  await ui.idle();
  return {
    ui,
    terminal,
    printer,
    clock,
    press(...keys) {
      for (const key of keys) {
        if (isUiKey(key)) ui.dispatch({ type: 'key', key });
        else for (const digit of key) if (isUiKey(digit)) ui.dispatch({ type: 'key', key: digit });
      }
      return ui.idle();
    },
    send(event) {
      ui.dispatch(event);
      return ui.idle();
    },
    text: () => screenText(ui.screen),
    async close() {
      await ui.close();
      await terminal.close();
    },
  };
}
