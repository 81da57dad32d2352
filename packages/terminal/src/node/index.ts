export {
  SqliteTerminalStorage,
  TERMINAL_STORAGE_SCHEMA_VERSION,
  JOURNAL_FILE_NAME,
} from './sqlite-storage.js';
