import { nodeInspectSymbol } from '../masking/node-inspect-symbol.js';

/**
 * Wraps a sensitive value (PIN block, key, CVV, track data) so that it cannot leak by being printed:
 * String, template literals, JSON.stringify, util.inspect / console.log all show `[secret]` or
 * `[secret <label>]`. The value lives in a private field, out of reach of Object.keys, spread and
 * structuredClone; `reveal()` is the one explicit way to it.
 */
export class Secret<T> {
  readonly #value: T;
  readonly label: string | undefined;

  constructor(value: T, label?: string) {
    this.#value = value;
    this.label = label;
    Object.freeze(this);
  }

  reveal(): T {
    return this.#value;
  }

  toString(): string {
    return this.label === undefined ? '[secret]' : `[secret ${this.label}]`;
  }

  toJSON(): string {
    return this.toString();
  }

  [Symbol.toPrimitive](): string {
    return this.toString();
  }

  [nodeInspectSymbol](): string {
    return this.toString();
  }
}
