export {
  IndexedDbStorage,
  INDEXEDDB_SCHEMA_VERSION,
  terminalDatabaseName,
  type IndexedDbStorageOptions,
} from './indexeddb-storage.js';
