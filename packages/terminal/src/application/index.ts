export {
  FACTORY_APPLICATION,
  TERMINAL_APPLICATION_ABI,
  applicationFromModule,
  type TerminalApplication,
} from './terminal-application.js';
