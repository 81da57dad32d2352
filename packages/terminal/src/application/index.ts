export { TERMINAL_APP_ABI } from './abi.js';
export {
  FACTORY_APPLICATION,
  FACTORY_APPLICATION_VERSION,
  applicationFromModule,
  type TerminalApplication,
} from './terminal-application.js';
