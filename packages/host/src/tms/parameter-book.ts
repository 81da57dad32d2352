import type { Clock } from '@payterm/kernel';
import type { TerminalParameters } from '@payterm/protocol';
import type {
  ParameterSetRecord,
  ParameterSetRepository,
} from '../storage/repositories/parameter-set-repository.js';
import {
  checkParameterValues,
  effectiveParameters,
  type ParameterLayer,
  type ParameterValues,
} from './parameter-values.js';
import type { TargetedTerminal } from './rollout-target.js';

export type ParameterScope = 'all' | 'merchant' | 'terminal';

/** A stored parameter set version, values parsed. */
export interface ParameterSet {
  readonly version: number;
  readonly scope: ParameterScope;
  readonly scopeId: string;
  readonly values: ParameterValues;
  readonly createdAt: number;
  readonly createdBy: string;
}

function scopeKey(scope: ParameterScope, scopeId: string): string {
  return `${scope}:${scopeId}`;
}

function setOf(record: ParameterSetRecord): ParameterSet {
  return {
    version: record.version,
    scope: record.scope as ParameterScope,
    scopeId: record.scopeId,
    values: checkParameterValues(JSON.parse(record.valuesJson)),
    createdAt: record.createdAt,
    createdBy: record.createdBy,
  };
}

/**
 * Versioned parameter sets: every change is a new version (one sequence across scopes), the latest
 * version of a scope is its current set, and a terminal's effective set merges all < merchant < terminal.
 */
export class ParameterBook {
  readonly #repository: ParameterSetRepository;
  readonly #clock: Clock;
  readonly #sets: ParameterSet[];
  readonly #current = new Map<string, ParameterLayer>();

  private constructor(repository: ParameterSetRepository, clock: Clock, sets: ParameterSet[]) {
    this.#repository = repository;
    this.#clock = clock;
    this.#sets = sets;
    for (const set of sets) this.#current.set(scopeKey(set.scope, set.scopeId), set);
  }

  static async load(repository: ParameterSetRepository, clock: Clock): Promise<ParameterBook> {
    return new ParameterBook(repository, clock, (await repository.list()).map(setOf));
  }

  /** Every version, oldest first. */
  list(): readonly ParameterSet[] {
    return this.#sets;
  }

  /** Stores `values` as the next version of a scope (they replace that scope's set whole). */
  async set(
    scope: ParameterScope,
    scopeId: string,
    input: unknown,
    createdBy: string,
  ): Promise<ParameterSet> {
    const values = checkParameterValues(input);
    const set: ParameterSet = {
      version: Math.max(0, ...this.#sets.map((known) => known.version)) + 1,
      scope,
      scopeId: scope === 'all' ? '' : scopeId,
      values,
      createdAt: this.#clock.nowMs(),
      createdBy,
    };
    const { values: _values, ...columns } = set;
    await this.#repository.insert({ ...columns, valuesJson: JSON.stringify(values) });
    this.#sets.push(set);
    this.#current.set(scopeKey(set.scope, set.scopeId), set);
    return set;
  }

  /**
   * The version of the terminal's effective set (the highest of its layers), without merging the values:
   * asked on every response for header digit 6.
   */
  effectiveVersion(terminal: TargetedTerminal): number | undefined {
    let version: number | undefined;
    for (const layer of [
      this.#current.get(scopeKey('all', '')),
      this.#current.get(scopeKey('merchant', terminal.mid)),
      this.#current.get(scopeKey('terminal', terminal.tid)),
    ]) {
      if (layer !== undefined && (version === undefined || layer.version > version)) version = layer.version;
    }
    return version;
  }

  effective(terminal: TargetedTerminal): TerminalParameters | undefined {
    return effectiveParameters([
      this.#current.get(scopeKey('all', '')),
      this.#current.get(scopeKey('merchant', terminal.mid)),
      this.#current.get(scopeKey('terminal', terminal.tid)),
    ]);
  }
}
