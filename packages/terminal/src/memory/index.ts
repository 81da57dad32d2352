export { MemoryStorage, type MemoryStorageOptions } from './memory-storage.js';
export { MemoryPrinter } from './memory-printer.js';
