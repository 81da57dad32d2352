export { TerminalError, TERMINAL_ERROR_CODES, terminalError, type TerminalErrorCode } from './errors.js';
export {
  resolveProfile,
  requestHeader,
  PROFILE_DEFAULTS,
  type TerminalProfile,
  type ProfileInput,
  type Language,
} from './profile.js';
export type * from './ports/index.js';
export type * from './journal/journal-record.js';
export type * from './journal/settlement-report.js';
export type * from './security/security-module.js';
