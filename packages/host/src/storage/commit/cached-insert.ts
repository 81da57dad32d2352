import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { HostSchema } from '../schema/host-schema.js';

/** The columns of a table in a fixed order; listing each key of Row once is checked by the type. */
export function columnsOf<Row extends object>(
  keys: Record<keyof Row & string, true>,
): (keyof Row & string)[] {
  return Object.keys(keys) as (keyof Row & string)[];
}

/** Writes the rows' values into `parameters` in column order, undefined as NULL. */
type Binder<Row> = (rows: readonly Row[], parameters: unknown[]) => void;

/**
 * Generated once per statement so that each column is read with a constant key (one inline cache per
 * column): reading `row[column]` in a loop over the columns cost about 0.35 µs per 29-column row,
 * the generated reads about 0.05 µs. The keys are JSON string literals, never code.
 */
function binderOf<Row>(columns: readonly string[]): Binder<Row> {
  const reads = columns.map((column) => `parameters[index++] = row[${JSON.stringify(column)}] ?? null;`);
  return new Function(
    'rows',
    'parameters',
    `let index = 0;\nfor (const row of rows) {\n${reads.join('\n')}\n}`,
  ) as Binder<Row>;
}

/** Distinct row counts remembered per statement: group sizes repeat, so a few dozen cover a busy host. */
const TEXTS_PER_STATEMENT = 64;

/**
 * A multi-row INSERT (or upsert) on the group commit's hot path. Building and compiling a 100-row
 * statement through Kysely's builder and the camelCase plugin took a quarter of a sale's commit CPU
 * (measured: transaction insert + account upsert + movement upsert, ~48 µs per sale before, ~36 µs
 * after, the rest being SQLite's own work), and the text only depends on the row count. So the text is compiled by Kysely once per row count and dialect (one
 * instance per database), and later groups of that size only bind their values, in `columns` order.
 * The first compile of each size checks that Kysely bound the values in that same order.
 */
export class CachedInsert<Row extends object> {
  readonly #columns: readonly (keyof Row & string)[];
  readonly #bindRows: Binder<Row>;
  readonly #build: (db: Kysely<HostSchema>, rows: Row[]) => Compilable;
  readonly #texts = new Map<number, string>();

  constructor(
    columns: readonly (keyof Row & string)[],
    build: (db: Kysely<HostSchema>, rows: Row[]) => Compilable,
  ) {
    this.#columns = columns;
    this.#bindRows = binderOf(columns);
    this.#build = build;
  }

  async execute(db: Kysely<HostSchema>, rows: readonly Row[]): Promise<void> {
    if (rows.length === 0) return;
    const parameters = this.#bind(rows);
    const text = this.#texts.get(rows.length);
    if (text !== undefined) {
      await db.executeQuery(CompiledQuery.raw(text, parameters));
      return;
    }
    const compiled = this.#build(
      db,
      rows.map((row) => this.#ordered(row)),
    ).compile();
    if (
      compiled.parameters.length !== parameters.length ||
      compiled.parameters.some((value, index) => !Object.is(value, parameters[index]))
    ) {
      // An invariant, not an expected failure: a Kysely upgrade changed how it orders the values.
      throw new Error('CachedInsert: Kysely bound the values in an unexpected order');
    }
    if (this.#texts.size >= TEXTS_PER_STATEMENT) this.#texts.clear();
    this.#texts.set(rows.length, compiled.sql);
    await db.executeQuery(compiled);
  }

  #bind(rows: readonly Row[]): unknown[] {
    const parameters = new Array<unknown>(rows.length * this.#columns.length);
    this.#bindRows(rows, parameters);
    return parameters;
  }

  /** The row with exactly the table's columns, in column order (undefined stored as NULL). */
  #ordered(row: Row): Row {
    const ordered: Record<string, unknown> = {};
    for (const column of this.#columns) ordered[column] = row[column] ?? null;
    return ordered as Row;
  }
}
