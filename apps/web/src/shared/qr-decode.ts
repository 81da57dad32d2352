import jsQRModule from 'jsqr';

// jsqr is a UMD bundle: under Node's ESM its default import is module.exports, whose `default` is the
// function; bundlers hand over the function itself.
const jsQR: typeof jsQRModule.default =
  (jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ??
  (jsQRModule as unknown as typeof jsQRModule.default);

/** RGBA pixels, as a canvas's getImageData gives them. */
export interface Pixels {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

/** The text of the first QR code found in the pixels, or null. */
export function decodeQr(pixels: Pixels): string | null {
  const found = jsQR(pixels.data, pixels.width, pixels.height, { inversionAttempts: 'attemptBoth' });
  return found === null || found.data === '' ? null : found.data;
}

/** Larger images are scaled down to this many pixels on the long side before decoding (phone photos). */
export const MAX_DECODE_SIDE = 1280;

/** The size an image of `width` × `height` is drawn at for decoding. */
export function decodeSize(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_DECODE_SIDE / Math.max(width, height, 1));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}
