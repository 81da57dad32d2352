export { HOST_ERROR_CODES, HostError, type HostErrorCode } from './errors.js';
export { resolveHostConfig, HOST_DEFAULTS, type HostConfig, type HostFlags } from './config/host-config.js';
export {
  startHost,
  HOST_VERSION,
  HOST_NODE_FLAGS,
  type RunningHost,
  type StartHostOptions,
} from './app/start-host.js';
export { HostRuntime, type HostRuntimeOptions } from './app/host-runtime.js';
export { DEMO } from './app/demo-data.js';
export { loadOrCreateLmk, type LoadedLmk } from './app/lmk-source.js';
export { HostEngine } from './engine/host-engine.js';
export type { EngineLogger, EngineObserver } from './engine/engine-services.js';
export * from './channel/index.js';
export * from './storage/index.js';
export {
  SimulatedIssuer,
  amountTrigger,
  AMOUNT_TRIGGERS,
  TEST_CARDS,
  LOAD_TEST_CARD_PAN,
  testCardAccounts,
  type Issuer,
  type IssuerDecision,
  type AmountTrigger,
  type TestCard,
} from './issuer/index.js';
export * from './risk/index.js';
export * from './metrics/index.js';
export * from './tms/index.js';
