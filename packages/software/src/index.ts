export { SoftwareError, SOFTWARE_ERROR_CODES, type SoftwareErrorCode, type PackagePart } from './errors.js';
export {
  parseVersion,
  formatVersion,
  compareVersions,
  highestVersion,
  isSoftwareVersion,
  subVersionDigits,
  versionFromSubVersion,
  type SoftwareVersion,
} from './version.js';
export { canonicalJson, type JsonValue } from './canonical-json.js';
export {
  canonicalManifestBytes,
  validateManifest,
  PACKAGE_FORMAT,
  TERMINAL_APP_ID,
  type SoftwareManifest,
  type ReleaseNotes,
} from './manifest.js';
export {
  encodePackage,
  readPackage,
  packagePrefixLength,
  PACKAGE_MAGIC,
  PACKAGE_FORMAT_VERSION,
  SIGNATURE_LENGTH,
  HEADER_LENGTH,
  MAX_MANIFEST_LENGTH,
  type PackageParts,
  type ReadPackage,
} from './package-format.js';
export { keyIdOf, sha256Hex } from './digest.js';
export { verifyEd25519 } from './signature.js';
export {
  verifyPackage,
  verifyPrefix,
  verifyPayload,
  verifySignedManifest,
  type TrustedKey,
  type VerifyOptions,
  type VerifiedPrefix,
  type VerifiedPackage,
} from './verify-package.js';
export { buildPackage, DEFAULT_APP_ABI, type BuildPackageInput, type BuiltPackage } from './build-package.js';
export {
  DEMO_SOFTWARE_SIGNING_SEED_HEX,
  DEMO_SOFTWARE_PUBLIC_KEY_HEX,
  DEMO_SOFTWARE_PUBLIC_KEY,
  DEMO_SOFTWARE_KEY_ID,
  signWithDemoKey,
} from './demo-key.js';
