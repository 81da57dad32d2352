import type { Iso8583Message } from '@payterm/iso8583';
import { protocolError } from '../errors.js';

/**
 * Typed access to the fields of one received message. Every failure is a ProtocolError naming the
 * field (missing → 30, malformed → 30); values are never quoted, so no PAN or track leaks into errors.
 */
export class FieldReader {
  readonly message: Iso8583Message;
  /** What the message is, for error messages (`a sale`). */
  readonly what: string;

  constructor(message: Iso8583Message, what: string) {
    this.message = message;
    this.what = what;
  }

  has(field: number): boolean {
    return this.message.fields[field] !== undefined;
  }

  optText(field: number): string | undefined {
    const value = this.message.fields[field];
    if (value === undefined) return undefined;
    if (typeof value !== 'string') {
      throw protocolError('PROTOCOL_INVALID_FIELD', `field ${field} must be text`, String(field));
    }
    return value;
  }

  text(field: number, name: string): string {
    const value = this.optText(field);
    if (value === undefined) {
      throw protocolError(
        'PROTOCOL_MISSING_FIELD',
        `${this.what} needs field ${field} (${name})`,
        String(field),
      );
    }
    return value;
  }

  /** Text matching `pattern` (e.g. /^\d{6}$/), or undefined when absent. */
  optMatching(field: number, pattern: RegExp, shape: string): string | undefined {
    const value = this.optText(field);
    if (value !== undefined && !pattern.test(value)) {
      throw protocolError('PROTOCOL_INVALID_FIELD', `field ${field} must be ${shape}`, String(field));
    }
    return value;
  }

  matching(field: number, pattern: RegExp, shape: string, name: string): string {
    const value = this.text(field, name);
    if (!pattern.test(value)) {
      throw protocolError(
        'PROTOCOL_INVALID_FIELD',
        `field ${field} (${name}) must be ${shape}`,
        String(field),
      );
    }
    return value;
  }

  optBytes(field: number): Uint8Array | undefined {
    const value = this.message.fields[field];
    if (value === undefined) return undefined;
    if (typeof value === 'string') {
      throw protocolError('PROTOCOL_INVALID_FIELD', `field ${field} must be binary`, String(field));
    }
    return value;
  }

  bytes(field: number, name: string): Uint8Array {
    const value = this.optBytes(field);
    if (value === undefined) {
      throw protocolError(
        'PROTOCOL_MISSING_FIELD',
        `${this.what} needs field ${field} (${name})`,
        String(field),
      );
    }
    return value;
  }
}

export const DIGITS_2 = /^\d{2}$/;
export const DIGITS_3 = /^\d{3}$/;
export const DIGITS_4 = /^\d{4}$/;
export const DIGITS_6 = /^\d{6}$/;
export const DIGITS_12 = /^\d{12}$/;
export const DIGITS_16 = /^\d{16}$/;
