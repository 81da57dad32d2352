import type { MessageSpec } from '../spec/spec-types.js';
import { cupPosSpec } from './cup-pos.js';
import { iso87AsciiSpec } from './iso87-ascii.js';

/** The specs that ship with the codec, by id. */
export const BUILT_IN_SPECS: Readonly<Record<string, MessageSpec>> = {
  [cupPosSpec.id]: cupPosSpec,
  [iso87AsciiSpec.id]: iso87AsciiSpec,
};

export function builtInSpec(id: string): MessageSpec | undefined {
  return Object.hasOwn(BUILT_IN_SPECS, id) ? BUILT_IN_SPECS[id] : undefined;
}
