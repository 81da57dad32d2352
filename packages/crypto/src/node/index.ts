export { createNodeCipher } from './node-block-cipher.js';
export { lmkFromEnvironment, lmkFromFile, DEFAULT_LMK_VARIABLE } from './lmk-loader.js';
