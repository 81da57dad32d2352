import { systemRandom } from '@payterm/kernel';
import type { MemoryPrinter } from '@payterm/terminal';
import { SoftwarePinPad, TestCardReader, type CardEntry, type SecurityModule } from '@payterm/terminal';
import type { NodeTerminalPeripherals } from '@payterm/terminal/node';
import { CliError } from '../../cli-error.js';

/** The customer's side of one scripted command: which card, how, and the PIN typed. */
export interface CardFlags {
  readonly card?: string;
  readonly entry?: string;
  readonly pin?: string;
}

const ENTRIES: readonly CardEntry[] = ['swipe', 'insert', 'tap', 'keyed'];

export function parseEntry(entry: string | undefined): CardEntry {
  const value = (entry ?? 'insert') as CardEntry;
  if (!ENTRIES.includes(value)) {
    throw new CliError('CLI_INVALID_OPTION', '--entry must be swipe, insert, tap or keyed', {
      option: 'entry',
    });
  }
  return value;
}

/**
 * Card reader, PIN pad and printer for a one-shot command: the card is the test card named by
 * `--card` presented as `--entry`, the PIN is `--pin` (none: the customer presses Enter, which only a
 * card that allows signature accepts), and slips are collected to be written out.
 */
export function scriptedPeripherals(
  flags: CardFlags,
  printer: MemoryPrinter,
): (security: SecurityModule) => NodeTerminalPeripherals {
  const entry = parseEntry(flags.entry);
  return (security) => ({
    cardReader: new TestCardReader(
      () => {
        if (flags.card === undefined) {
          throw new CliError(
            'CLI_INVALID_OPTION',
            'this transaction needs a card: --card PAN (a test card)',
            {
              option: 'card',
            },
          );
        }
        return Promise.resolve({ pan: flags.card, entry });
      },
      { random: systemRandom },
    ),
    pinPad: new SoftwarePinPad(security, () => Promise.resolve(flags.pin ?? 'bypass')),
    printer,
  });
}
