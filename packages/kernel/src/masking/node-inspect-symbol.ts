/**
 * The key Node.js's util.inspect (and so console.log) looks up for a custom rendering. Reached through
 * the global symbol registry so that browser-safe code needs no import of node:util.
 */
export const nodeInspectSymbol = Symbol.for('nodejs.util.inspect.custom');
