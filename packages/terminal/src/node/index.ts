export {
  SqliteTerminalStorage,
  TERMINAL_STORAGE_SCHEMA_VERSION,
  JOURNAL_FILE_NAME,
} from './sqlite-storage.js';
export { TcpHostLink, type TcpHostLinkOptions } from './tcp-host-link.js';
