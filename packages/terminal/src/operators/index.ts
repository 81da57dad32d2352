export { OperatorDirectory, type OperatorDirectoryOptions } from './operator-directory.js';
export {
  MAX_PASSWORD_TRIES,
  type Operator,
  type OperatorRecord,
  type OperatorStatus,
} from './operator-record.js';
export {
  ADMINISTRATOR_NUMBER,
  SUPERVISOR_NUMBER,
  isCashierNumber,
  isOperatorNumber,
  roleOfNumber,
  type Role,
} from './roles.js';
export {
  ACTIONS,
  PERMISSIONS,
  actionToReset,
  actionToUnlock,
  can,
  requirePermission,
  type Action,
  type PermissionSubject,
} from './permissions.js';
export {
  DEFAULT_OPERATORS,
  PASSWORD_LENGTHS,
  describePasswordRule,
  isPasswordFormatValid,
  isPublishedDefaultPassword,
} from './password-rules.js';
export {
  DEFAULT_SCRYPT_COST,
  PASSWORD_HASH_BYTES,
  PASSWORD_SALT_BYTES,
  hashPassword,
  parseStoredHash,
  verifyPassword,
  type ScryptCost,
  type StoredHash,
} from './password-hash.js';
export {
  AUDIT_KEY_DIGITS,
  HOST_REPORTED_AUDIT_EVENTS,
  type AuditActor,
  type AuditEntry,
  type AuditEvent,
  type AuditReason,
} from './audit-trail.js';
