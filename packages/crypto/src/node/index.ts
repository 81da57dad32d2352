export { createNodeCipher } from './node-block-cipher.js';
