import { PosTerminal } from '../engine/pos-terminal.js';
import { terminalError } from '../errors.js';
import { DeviceUi } from '../ui/device-ui.js';
import { TERMINAL_APP_ABI } from './abi.js';

/** What an application module gives the firmware that boots it. */
export interface TerminalApplication {
  readonly abi: number;
  readonly PosTerminal: typeof PosTerminal;
  readonly DeviceUi: typeof DeviceUi;
}

/**
 * The version of the application built into this firmware (the header sub-version `000100` of a terminal
 * never upgraded). A package must be above every version the terminal has run, this one included.
 */
export const FACTORY_APPLICATION_VERSION = '0.1.0';

/** The copy of the application built into the firmware: what runs before any upgrade, and the last fallback. */
export const FACTORY_APPLICATION: TerminalApplication = {
  abi: TERMINAL_APP_ABI,
  PosTerminal,
  DeviceUi,
};

function hasFunction(module: Record<string, unknown>, name: string): boolean {
  return typeof module[name] === 'function';
}

/** The application a loaded module offers, checked against this firmware's interface. */
export function applicationFromModule(module: unknown): TerminalApplication {
  const exports = (typeof module === 'object' && module !== null ? module : {}) as Record<string, unknown>;
  const abi = exports['TERMINAL_APP_ABI'];
  if (abi !== TERMINAL_APP_ABI || !hasFunction(exports, 'PosTerminal') || !hasFunction(exports, 'DeviceUi')) {
    throw terminalError(
      'TERMINAL_APPLICATION_INCOMPATIBLE',
      `the application module offers interface ${String(abi)}; this firmware runs ${TERMINAL_APP_ABI}`,
      { abi: typeof abi === 'number' ? abi : null, expected: TERMINAL_APP_ABI },
    );
  }
  return {
    abi,
    PosTerminal: exports['PosTerminal'] as typeof PosTerminal,
    DeviceUi: exports['DeviceUi'] as typeof DeviceUi,
  };
}
