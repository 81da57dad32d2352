/**
 * Minimal typings for the npm package `iso_8583` (2.6.x, CommonJS, no bundled types): only what the
 * benchmarks call. Messages are plain objects keyed by field number ('0' is the MTI), values strings;
 * binary fields are hex strings. Failures are returned as `{ error }`, not thrown.
 */
declare module 'iso_8583' {
  type IsoJson = Record<string, string>;

  interface IsoError {
    error: string;
  }

  interface UnpackConfig {
    /** false: the buffer has no 2-byte length header (default: it has one). */
    lenHeader?: boolean;
    bitmapEncoding?: 'hex' | 'utf8';
  }

  class Iso8583 {
    constructor(message?: IsoJson, customFormats?: Record<string, unknown>, requiredFieldsSchema?: string);
    /** MTI + bitmaps + fields, without the length header. */
    getRawMessage(): Buffer | IsoError;
    /** getRawMessage() behind a 2-byte binary length. */
    getBufferMessage(): Buffer | IsoError;
    getIsoJSON(buffer: Buffer, config?: UnpackConfig): IsoJson | IsoError;
    validateMessage(): boolean | IsoError;
  }

  export = Iso8583;
}
