export {
  bootSoftware,
  decideBoot,
  type BootDecision,
  type BootedSoftware,
  type BootOptions,
} from './boot-loader.js';
export { SlotStore } from './slot-store.js';
export type * from './slot-types.js';
export { SoftwareUpdater, type UpgradeOutcome, type UpgradeOptions } from './software-updater.js';
export type { DownloadProgress } from './chunk-download.js';
export { runSelfTest, SELF_TEST_TEXTS, type SelfTestResult, type SelfTestCheck } from './self-test.js';
export { failedPrecondition, MIN_BATTERY_PERCENT, FREE_STORAGE_FACTOR } from './preconditions.js';
export { UPGRADE_TEXTS, SOFTWARE_TEXTS, reasonText } from './upgrade-texts.js';
