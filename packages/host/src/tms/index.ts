export {
  TerminalManagement,
  runningVersionOf,
  type NewRollout,
  type ChunkAnswer,
  type TerminalManagementOptions,
} from './terminal-management.js';
export { TmsError, TMS_ERROR_CODES, type TmsErrorCode } from './tms-error.js';
export { pilotBucket, targetOf, type RolloutTarget } from './rollout-target.js';
export {
  ROLLOUT_STATES,
  TERMINAL_ROLLOUT_STATES,
  type Rollout,
  type RolloutAction,
  type RolloutState,
} from './rollout-book.js';
export { PARAMETER_KEYS, parameterValuesSchema, type ParameterValues } from './parameter-values.js';
export type { ParameterScope, ParameterSet } from './parameter-book.js';
export type { FleetEntry, RolloutView, RolloutTerminalView } from './tms-views.js';
