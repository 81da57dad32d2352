/**
 * PAN-prefix lookup that costs one Set probe per distinct prefix length (at most 19), whatever the
 * number of prefixes: the risk engine's evaluation stays O(1) in the size of its configuration.
 */
export class PrefixSet {
  readonly #prefixes: ReadonlySet<string>;
  readonly #lengths: readonly number[];

  constructor(prefixes: readonly string[]) {
    this.#prefixes = new Set(prefixes);
    this.#lengths = [...new Set(prefixes.map((prefix) => prefix.length))].sort((a, b) => a - b);
  }

  matches(pan: string): boolean {
    for (const length of this.#lengths) {
      if (length > pan.length) return false;
      if (this.#prefixes.has(pan.slice(0, length))) return true;
    }
    return false;
  }
}
