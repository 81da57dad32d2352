export type * from './host-link.js';
export type * from './storage.js';
export type * from './printer.js';
export type * from './pin-pad.js';
export type * from './card-reader.js';
export type * from './signature-pad.js';
export type * from './power.js';
