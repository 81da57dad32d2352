export {
  IndexedDbStorage,
  INDEXEDDB_SCHEMA_VERSION,
  terminalDatabaseName,
  type IndexedDbStorageOptions,
} from './indexeddb-storage.js';
export { WebSocketHostLink, type WebSocketHostLinkOptions } from './websocket-host-link.js';
export type { BrowserWebSocket, WebSocketConstructor } from './websocket-api.js';
export { importApplicationModule } from './application-module.js';
export {
  loadApplication,
  rejectApplication,
  runTrialSelfTest,
  startFailureReason,
  type BootRollback,
  type LoadedApplication,
  type BrowserLoadOptions as LoadApplicationOptions,
  type TrialOutcome,
} from './boot-application.js';
export { firmwareSoftwareKeys } from './firmware-keys.js';
