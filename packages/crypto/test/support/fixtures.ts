import { readFileSync } from 'node:fs';

/** A reference vector as committed: the id is the one of the reference tables (P1, K4, U2 …). */
export interface Fixture<Inputs, Expected> {
  readonly id: string;
  readonly source: string;
  readonly inputs: Inputs;
  readonly expected: Expected;
}

export function loadFixtures<Inputs, Expected>(name: string): readonly Fixture<Inputs, Expected>[] {
  const text = readFileSync(new URL(`../fixtures/${name}.json`, import.meta.url), 'utf8');
  return JSON.parse(text) as Fixture<Inputs, Expected>[];
}

/** `[id, fixture]` rows for describe.each / it.each. */
export function byId<T extends { readonly id: string }>(fixtures: readonly T[]): [string, T][] {
  return fixtures.map((fixture) => [fixture.id, fixture]);
}
