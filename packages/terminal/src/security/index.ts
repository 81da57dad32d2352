export type { KeyCheckValues, SecurityModule } from './security-module.js';
export {
  SoftwareSecurityModule,
  type SoftwareSecurityModuleOptions,
  type SealedKeysDocument,
} from './software-security-module.js';
export { SoftwarePinPad, type PinSource, type PinSourceAnswer } from './software-pin-pad.js';
export { DEVICE_KEY_LENGTH } from './device-key-derivation.js';
