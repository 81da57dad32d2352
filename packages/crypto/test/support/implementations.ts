import { createCipher, type CipherFactory } from '@payterm/crypto';
import { createNodeCipher } from '@payterm/crypto/node';

/** Both BlockCipher implementations: every vector runs against each. */
export const IMPLEMENTATIONS: readonly [string, CipherFactory][] = [
  ['pure TypeScript', createCipher],
  ['node:crypto', createNodeCipher],
];
