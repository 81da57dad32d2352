export {
  SqliteTerminalStorage,
  TERMINAL_STORAGE_SCHEMA_VERSION,
  JOURNAL_FILE_NAME,
} from './sqlite-storage.js';
export { TcpHostLink, type TcpHostLinkOptions } from './tcp-host-link.js';
export { FailoverHostLink } from './failover-host-link.js';
export { type HostAddressChoice, type NodeHostAddress } from './host-address-choice.js';
export { loadOrCreateDeviceKey, DEVICE_KEY_FILE_NAME, DEVICE_KEY_BYTES } from './device-key.js';
export {
  openNodeTerminal,
  DEMO_TERMINALS,
  DEMO_TMK_HEX,
  DEMO_TMK_KCV,
  type NodeTerminal,
  type NodeTerminalOptions,
  type NodeTerminalPeripherals,
} from './open-node-terminal.js';
export { importApplicationModule } from './application-module.js';
export { type BootRollback, type BootStep, type NodeBootReport } from './boot-application.js';
