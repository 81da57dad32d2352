export { TERMINAL_APP_ABI } from './abi.js';
export {
  FACTORY_APPLICATION,
  applicationFromModule,
  type TerminalApplication,
} from './terminal-application.js';
