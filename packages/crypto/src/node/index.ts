export { createNodeCipher } from './node-block-cipher.js';
export { lmkFromEnvironment, lmkFromFile, DEFAULT_LMK_VARIABLE } from './lmk-loader.js';
export { nodeEd25519 } from './node-ed25519.js';
