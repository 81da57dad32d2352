import type { TerminalStorage } from '../ports/storage.js';
import {
  loadApplication as loadWith,
  type LoadApplicationOptions,
  type LoadedApplication,
} from '../upgrade/application-boot.js';
import { importApplicationModule } from './application-module.js';

export {
  rejectApplication,
  runTrialSelfTest,
  startFailureReason,
  type BootRollback,
  type LoadedApplication,
  type TrialOutcome,
} from '../upgrade/application-boot.js';

export type BrowserLoadOptions = Omit<LoadApplicationOptions, 'importModule'> &
  Partial<Pick<LoadApplicationOptions, 'importModule'>>;

/** The boot loader with the browser's module import (a blob URL) unless a test brings its own. */
export function loadApplication(
  storage: TerminalStorage,
  options: BrowserLoadOptions,
): Promise<LoadedApplication> {
  return loadWith(storage, {
    ...options,
    importModule: options.importModule ?? ((payload) => importApplicationModule(payload)),
  });
}
