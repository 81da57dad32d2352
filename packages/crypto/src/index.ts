export { CryptoError, CRYPTO_ERROR_CODES, type CryptoErrorCode } from './errors.js';
export { hexToBytes, bytesToHex } from './hex.js';
export { constantTimeEqual } from './constant-time.js';

export type { BlockCipher, CipherAlgorithm, CipherFactory } from './cipher/block-cipher.js';
export { createCipher } from './cipher/create-cipher.js';

export { type Mac, MIN_MAC_LENGTH } from './mac/mac.js';
export { type MacPadding, padIso9797 } from './mac/padding.js';
export { createCbcMac, type CbcMacOptions } from './mac/cbc-mac.js';
export { createRetailMac, type RetailMacOptions } from './mac/retail-mac.js';
export { createCmac, type CmacOptions } from './mac/cmac.js';
export { createCupEcbMac, type CupEcbMacOptions } from './mac/cup-ecb-mac.js';
export { keyCheckValue, verifyKeyCheckValue, type KcvMethod, type KcvOptions } from './kcv.js';

export { type PinBlockFormat } from './pin/pin-inputs.js';
export { buildClearPinBlock, decodeClearPinBlock, type ClearPinBlockFormat } from './pin/clear-pin-block.js';
export {
  encryptPinBlock,
  decryptPinBlock,
  type EncryptPinBlockInput,
  type DecryptPinBlockInput,
} from './pin/pin-block.js';
export {
  translatePinBlock,
  type PinBlockSide,
  type TranslatePinBlockInput,
} from './pin/translate-pin-block.js';
export { panField8 as isoPanField, panField16 as iso4PanField } from './pin/pin-fields.js';
export {
  ibm3624ValidationData,
  ibm3624NaturalPin,
  ibm3624Offset,
  ibm3624PinFromOffset,
  verifyIbm3624Offset,
  type Ibm3624Params,
} from './pin/ibm-3624.js';
export { visaPvv, verifyVisaPvv, type VisaPvvInput } from './pin/visa-pvv.js';

export {
  TdesDukptHost,
  deriveTdesDukptIpek,
  deriveTdesDukptTransactionKey,
  tdesDukptWorkingKey,
  tdesDukptCounter,
  TDES_DUKPT_KSN_LENGTH,
  TDES_DUKPT_COUNTER_BITS,
  TDES_DUKPT_MAX_COUNTER_ONES,
  type TdesDukptKeyUsage,
} from './dukpt/tdes-dukpt.js';
export { TdesDukptTerminal, tdesKsnWithCounter, type DukptTransaction } from './dukpt/tdes-dukpt-terminal.js';
export {
  AesDukptHost,
  deriveAesDukptInitialKey,
  deriveAesDukptTransactionKey,
  aesDukptWorkingKey,
  aesDukptCounter,
  AES_DUKPT_KSN_LENGTH,
  AES_DUKPT_COUNTER_BITS,
  AES_DUKPT_MAX_COUNTER_ONES,
  type AesDukptKeyType,
  type AesDukptKeyUsage,
  type AesDukptOptions,
} from './dukpt/aes-dukpt.js';
export { AesDukptTerminal } from './dukpt/aes-dukpt-terminal.js';
export { adjustKeyParity, hasOddKeyParity } from './keys/key-parity.js';
export {
  combineKeyComponents,
  splitKeyIntoComponents,
  type KeyComponent,
  type CombineKeyComponentsInput,
  type CombinedKey,
} from './keys/key-components.js';
export {
  decryptCupSignInKeys,
  decryptCupWorkingKey,
  buildCupSignInField62,
  type CupSignInLayout,
  type CupWorkingKeys,
  type CupSignInOptions,
  type BuildCupSignInInput,
} from './keys/cup-sign-in-keys.js';
export {
  parseTr31Header,
  type Tr31Version,
  type Tr31OptionalBlock,
  type Tr31HeaderFields,
  type Tr31Header,
} from './tr31/tr31-header.js';
export {
  wrapTr31KeyBlock,
  unwrapTr31KeyBlock,
  type Tr31WrapInput,
  type Tr31Unwrapped,
  type Tr31Options,
} from './tr31/tr31-key-block.js';

export { KeyHandle, type HsmKeyType, type HsmKeyAlgorithm, type KeyHandleFields } from './hsm/key-handle.js';
export type {
  Hsm,
  GenerateKeyRequest,
  ImportKeyRequest,
  ImportFromComponents,
  ImportUnderKek,
  ImportTr31,
  ImportSigningSeed,
  ExportKeyRequest,
  ExportedKey,
  CupSignInKeys,
  HsmKeySource,
  PinBlockSource,
  TranslatePinRequest,
  PinVerificationMethod,
  VerifyPinRequest,
  HsmMacAlgorithm,
  GenerateMacRequest,
  VerifyMacRequest,
  DataCryptRequest,
} from './hsm/hsm.js';
export { type KeyStore, InMemoryKeyStore } from './hsm/key-store.js';
export { type DukptCounterStore, InMemoryDukptCounterStore } from './hsm/dukpt-counter-store.js';
export {
  type HsmAuditSink,
  type HsmAuditEvent,
  type HsmAuditKey,
  type HsmOperation,
  InMemoryHsmAuditSink,
} from './hsm/hsm-audit.js';
export { KEY_PROFILES, type KeyProfile, type HsmKeyPurpose } from './hsm/key-profiles.js';
export { LMK_LENGTH } from './hsm/lmk-vault.js';
export { type Ed25519Engine, webCryptoEd25519 } from './hsm/ed25519-engine.js';
export {
  SoftwareHsm,
  DEFAULT_DECIMALIZATION_TABLES,
  type SoftwareHsmOptions,
  type LmkLoader,
} from './hsm/software-hsm.js';
