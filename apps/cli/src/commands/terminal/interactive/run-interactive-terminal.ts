import { InvariantError, systemRandom } from '@payterm/kernel';
import {
  SoftwarePinPad,
  TestCardReader,
  type DeviceUi,
  type Language,
  type Printer,
} from '@payterm/terminal';
import { openNodeTerminal, type NodeTerminal, type NodeTerminalOptions } from '@payterm/terminal/node';
import { readKeys, type KeyboardInput } from './keyboard.js';
import { ScreenWriter, type ScreenOutput } from './screen-writer.js';

export type InteractiveTerminalOptions = Omit<NodeTerminalOptions, 'peripherals'> & {
  readonly input: KeyboardInput;
  readonly output: ScreenOutput;
  /** Display language (default the terminal profile's); `l` or F2 switches it. */
  readonly language?: Language;
  /** A printer behind the screen; without one slips are only shown beside the display. */
  readonly printer?: Printer;
};

/** One boot of the device: the application's UI on the terminal it opened. */
interface RunningDevice {
  readonly ui: DeviceUi;
  readonly node: NodeTerminal;
  readonly stopDrawing: () => void;
}

async function shutDown(device: RunningDevice): Promise<void> {
  device.stopDrawing();
  await device.ui.close();
  await device.node.close();
}

/**
 * `payterm terminal` with no subcommand: the terminal as a device on this screen. Boots the Node
 * terminal (the factory application or an installed upgrade, docs/TMS.md §3.6) with the booted
 * application's device UI — card panel, PIN entry, signature and printer — draws every screen
 * (full-screen on a terminal, plain frames otherwise) and feeds it the keyboard until `q`, Ctrl-C or
 * the end of the input. Installing an upgrade (menu 9 → 9) restarts the device on the same screen:
 * closed, booted again (the trial and its self-test), the new UI drawn. The terminal is closed and the
 * screen restored before this resolves.
 */
export async function runInteractiveTerminal(options: InteractiveTerminalOptions): Promise<void> {
  const { input, output, printer, ...terminalOptions } = options;
  let language = options.language;
  const random = terminalOptions.random ?? systemRandom;
  const writer = new ScreenWriter(output);
  let device: RunningDevice | undefined;
  let restarting: Promise<void> | undefined;
  let bootFailure: unknown;

  const boot = async (): Promise<RunningDevice> => {
    let created: DeviceUi | undefined;
    const node = await openNodeTerminal({
      ...terminalOptions,
      peripherals: (security, application) => {
        const ui = new application.DeviceUi({
          ...(language === undefined ? {} : { language }),
          ...(printer === undefined ? {} : { printer }),
          restart,
        });
        created = ui;
        return {
          cardReader: new TestCardReader(ui.cardPicker, { random }),
          pinPad: new SoftwarePinPad(security, ui.pinSource),
          printer: ui.printer,
          signaturePad: ui.signaturePad,
        };
      },
    });
    const ui = created;
    if (ui === undefined) {
      await node.close();
      throw new InvariantError('the booted application built no device UI');
    }
    const stopDrawing = ui.onChange((screen) => writer.render(screen));
    ui.attach(node.terminal);
    writer.render(ui.screen);
    return { ui, node, stopDrawing };
  };

  function restart(): void {
    restarting ??= (async () => {
      const old = device;
      device = undefined;
      if (old !== undefined) await shutDown(old);
      device = await boot();
    })()
      .catch((error: unknown) => {
        // No application to run: stop reading keys and report it once the screen is restored.
        bootFailure = error;
        input.emit('end');
      })
      .finally(() => {
        restarting = undefined;
      });
  }

  device = await boot();
  writer.start();
  writer.render(device.ui.screen);
  try {
    await readKeys(input, (action) => {
      const ui = device?.ui;
      if (ui === undefined) return;
      if (action.type === 'key') ui.dispatch({ type: 'key', key: action.key });
      else {
        language = ui.language === 'zh' ? 'en' : 'zh';
        ui.dispatch({ type: 'language', language });
      }
    });
    // A script piped in may end before the device has worked through the keys typed ahead.
    if (input.isTTY !== true) {
      await restarting;
      await device?.ui.idle();
    }
  } finally {
    await restarting;
    if (device !== undefined) await shutDown(device);
    writer.stop();
  }
  if (bootFailure !== undefined) throw bootFailure;
}
