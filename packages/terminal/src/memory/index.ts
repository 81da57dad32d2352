export { MemoryStorage } from './memory-storage.js';
export { MemoryPrinter } from './memory-printer.js';
