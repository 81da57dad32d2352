export {
  FACTORY_APPLICATION,
  TERMINAL_APP_ABI,
  applicationFromModule,
  type TerminalApplication,
} from './terminal-application.js';
