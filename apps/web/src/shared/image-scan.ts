import { decodeQr, decodeSize } from './qr-decode.js';

/** Draws an image or a video frame to a canvas (scaled down when large) and decodes a QR code in it. */
export function decodeFrame(
  canvas: HTMLCanvasElement,
  source: CanvasImageSource,
  width: number,
  height: number,
): string | null {
  const size = decodeSize(width, height);
  canvas.width = size.width;
  canvas.height = size.height;
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (context === null || size.width < 2 || size.height < 2) return null;
  context.drawImage(source, 0, 0, size.width, size.height);
  return decodeQr(context.getImageData(0, 0, size.width, size.height));
}

/** The QR code's text in an image file (a photo or a screenshot), or null when none is found. */
export async function decodeImageFile(file: Blob): Promise<string | null> {
  const bitmap = await createImageBitmap(file);
  try {
    return decodeFrame(document.createElement('canvas'), bitmap, bitmap.width, bitmap.height);
  } finally {
    bitmap.close();
  }
}
