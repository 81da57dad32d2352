import { assertInvariant } from '@payterm/kernel';
import type { OperatorText } from '../../engine/outcome.js';
import { TerminalError } from '../../errors.js';
import { FlowCancelled, SessionEnded, UiClosed, type MenuPromptItem } from '../prompt.js';
import { isDigitKey } from '../ui-event.js';
import { TEXTS } from '../ui-texts.js';
import { showError } from './ask.js';
import type { FlowContext, MenuEntry } from './flow-context.js';

export interface MenuDefinition {
  readonly id: string;
  readonly title: OperatorText;
  /** Entry `i` is chosen with key `i + 1`. */
  readonly entries: readonly MenuEntry[];
  /** The main menu: Cancel and Menu stay on it. */
  readonly main?: boolean;
}

function itemsOf(menu: MenuDefinition): MenuPromptItem[] {
  return menu.entries.map((entry, index) => {
    const key = String(index + 1);
    assertInvariant(isDigitKey(key), `menu ${menu.id} has more than 9 entries`, { menu: menu.id });
    return { key, label: entry.label };
  });
}

/**
 * Shows a menu until the operator leaves it (Cancel: back one level; Menu: back to the main menu).
 * Each entry runs to its end; a cancelled one comes back here with "cancelled", a failed one shows its
 * error first. Leaving the session (log out, lock, an error that logged the operator out) goes up to
 * the login screen.
 */
export async function runMenu(context: FlowContext, menu: MenuDefinition): Promise<void> {
  const items = itemsOf(menu);
  for (;;) {
    const answer = await context.screens.ask({ kind: 'menu', id: menu.id, title: menu.title, items });
    if (answer.type === 'cancel') {
      if (menu.main === true) continue;
      if (answer.home) throw new FlowCancelled(true);
      return;
    }
    if (answer.type !== 'value') continue;
    const entry = menu.entries[Number(answer.value) - 1];
    if (entry !== undefined) await runEntry(context, entry, menu.main === true);
  }
}

async function runEntry(context: FlowContext, entry: MenuEntry, main: boolean): Promise<void> {
  try {
    await entry.run(context);
  } catch (error) {
    if (error instanceof SessionEnded || error instanceof UiClosed) throw error;
    if (error instanceof FlowCancelled) {
      if (error.home && !main) throw error;
      context.screens.notice(TEXTS.cancelled);
      return;
    }
    if (error instanceof TerminalError && error.code === 'TERMINAL_CANCELLED') {
      context.screens.notice(TEXTS.cancelled);
      return;
    }
    await showError(context, error, entry.label);
    if (context.terminal.operator === undefined) throw new SessionEnded();
  }
}
