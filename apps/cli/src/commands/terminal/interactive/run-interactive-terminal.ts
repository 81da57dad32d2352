import { systemRandom } from '@payterm/kernel';
import { DeviceUi, SoftwarePinPad, TestCardReader, type Language, type Printer } from '@payterm/terminal';
import { openNodeTerminal, type NodeTerminalOptions } from '@payterm/terminal/node';
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

/**
 * `payterm terminal` with no subcommand: the terminal as a device on this screen. Opens the Node
 * terminal with the device UI's card panel, PIN entry, signature and printer, draws every screen
 * (full-screen on a terminal, plain frames otherwise) and feeds it the keyboard until `q`, Ctrl-C or
 * the end of the input. The terminal is closed and the screen restored before this resolves.
 */
export async function runInteractiveTerminal(options: InteractiveTerminalOptions): Promise<void> {
  const { input, output, language, printer, ...terminalOptions } = options;
  const ui = new DeviceUi({
    ...(language === undefined ? {} : { language }),
    ...(printer === undefined ? {} : { printer }),
  });
  const random = terminalOptions.random ?? systemRandom;
  const node = await openNodeTerminal({
    ...terminalOptions,
    peripherals: (security) => ({
      cardReader: new TestCardReader(ui.cardPicker, { random }),
      pinPad: new SoftwarePinPad(security, ui.pinSource),
      printer: ui.printer,
      signaturePad: ui.signaturePad,
    }),
  });
  const writer = new ScreenWriter(output);
  writer.start();
  const stopDrawing = ui.onChange((screen) => writer.render(screen));
  try {
    ui.attach(node.terminal);
    writer.render(ui.screen);
    await readKeys(input, (action) => {
      if (action.type === 'key') ui.dispatch({ type: 'key', key: action.key });
      else ui.dispatch({ type: 'language', language: ui.language === 'zh' ? 'en' : 'zh' });
    });
    // A script piped in may end before the device has worked through the keys typed ahead.
    if (input.isTTY !== true) await ui.idle();
  } finally {
    stopDrawing();
    await ui.close();
    writer.stop();
    await node.close();
  }
}
