/**
 * The audit trail of an HSM (reference §6: every call audited without sensitive fields). One event per
 * call: the operation, the keys by id, type and check value, the outcome and the time. Never key bytes,
 * PINs, PIN blocks, data or a full PAN: data as its length, a PAN masked to its first 6 and last 4 digits.
 */
import { CryptoError } from '../errors.js';
import type { HsmKeySource } from './hsm.js';
import { isKeyType } from './key-profiles.js';

export type HsmOperation =
  | 'generateKey'
  | 'importKey'
  | 'exportKey'
  | 'getKey'
  | 'keyCheckValue'
  | 'generateCupSignInKeys'
  | 'translatePin'
  | 'verifyPin'
  | 'generateMac'
  | 'verifyMac'
  | 'encryptData'
  | 'decryptData'
  | 'sign'
  | 'publicKey';

/** A key an operation named or produced, as its handle shows it. */
export interface HsmAuditKey {
  /** `key`, `kek`, `bdk`, `from`, `to`, `pvk`, `result`, `pik`, `mak`, `tdk`. */
  readonly role: string;
  readonly id: string;
  /** Absent when the caller's handle carried no known key type. */
  readonly type?: string;
  /** 3-byte KCV in hex; absent when the handle carried none. */
  readonly kcv?: string;
}

export interface HsmAuditEvent {
  readonly operation: HsmOperation;
  /** ISO 8601 (UTC), from the HSM's injected Clock. */
  readonly at: string;
  readonly outcome: 'ok' | 'error';
  /** The CryptoError code of a failed call, or `UNEXPECTED` for any other error. */
  readonly errorCode?: string;
  readonly keys: readonly HsmAuditKey[];
  /** DUKPT key serial number in hex (sent in clear by the terminal). */
  readonly ksn?: string;
  /** First 6 and last 4 digits, the rest `*`; left out for a PAN under 13 digits. */
  readonly pan?: string;
  /** Length in bytes of the data, PIN block or MAC input. */
  readonly dataLength?: number;
  /** Key import or export format, MAC algorithm, PIN verification method, key type to generate. */
  readonly detail?: string;
}

/** Receives one event per HSM call. A sink that throws fails the call (fail closed). */
export interface HsmAuditSink {
  record(event: HsmAuditEvent): void;
}

/** An HsmAuditSink in memory (tests; a host forwards events to its own log). */
export class InMemoryHsmAuditSink implements HsmAuditSink {
  readonly events: HsmAuditEvent[] = [];

  record(event: HsmAuditEvent): void {
    this.events.push(event);
  }
}

/** What the HSM audits of a call before it runs; the outcome and time are added after. */
export type AuditFacts = Omit<HsmAuditEvent, 'operation' | 'at' | 'outcome' | 'errorCode'>;

const ID = /^[\w.:-]{1,80}$/;
const KCV = /^[0-9A-F]{6}$/;

/** A handle as presented: only an id of plain characters, a known type and a 6-digit hex KCV. */
export function auditKey(role: string, handle: unknown): HsmAuditKey | undefined {
  if (handle === null || typeof handle !== 'object') return undefined;
  const { id, type, kcv } = handle as { id?: unknown; type?: unknown; kcv?: unknown };
  return {
    role,
    id: typeof id === 'string' && ID.test(id) ? id : '(invalid)',
    ...(isKeyType(type) ? { type } : {}),
    ...(typeof kcv === 'string' && KCV.test(kcv) ? { kcv } : {}),
  };
}

export function auditKeys(...entries: readonly (readonly [string, unknown])[]): HsmAuditKey[] {
  return entries.flatMap(([role, handle]) => auditKey(role, handle) ?? []);
}

/** The keys of a key source and, for DUKPT, its KSN. */
export function auditSource(role: string, source: HsmKeySource | undefined): AuditFacts {
  if (source === null || typeof source !== 'object') return { keys: [] };
  if ('key' in source) return { keys: auditKeys([role, source.key]) };
  const ksn = (source as { ksn?: unknown }).ksn;
  return {
    keys: auditKeys(['bdk', source.bdk]),
    ...(ksn instanceof Uint8Array && ksn.length <= 16 ? { ksn: hexOf(ksn) } : {}),
  };
}

function hexOf(bytes: Uint8Array): string {
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();
}

/** First 6 and last 4 digits (PCI DSS 3.4.1); undefined for anything but 13 to 19 digits. */
export function maskPan(pan: unknown): string | undefined {
  if (typeof pan !== 'string' || !/^\d{13,19}$/.test(pan)) return undefined;
  return `${pan.slice(0, 6)}${'*'.repeat(pan.length - 10)}${pan.slice(-4)}`;
}

export function lengthOf(data: unknown): { dataLength?: number } {
  return data instanceof Uint8Array ? { dataLength: data.length } : {};
}

export function errorCodeOf(error: unknown): string {
  return error instanceof CryptoError ? error.code : 'UNEXPECTED';
}
