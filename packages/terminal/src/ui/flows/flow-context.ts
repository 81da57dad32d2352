import type { OperatorText, TransactionOutcome } from '../../engine/outcome.js';
import type { PosTerminal } from '../../engine/pos-terminal.js';
import type { ScreenController } from '../screen-controller.js';

/** What a flow (one menu entry: sale, void, sign-in …) works with. */
export interface FlowContext {
  readonly terminal: PosTerminal;
  readonly screens: ScreenController;
  /** Keeps what became of an unknown outcome for the status bar. */
  noteOutcome(outcome: TransactionOutcome): void;
  /** Restarts the device (after installing an upgrade); absent: the operator restarts it. */
  readonly restart?: () => void;
}

/** A menu entry's work: prompts, one terminal operation, the result screen. */
export type Flow = (context: FlowContext) => Promise<void>;

export interface MenuEntry {
  readonly label: OperatorText;
  readonly run: Flow;
}
