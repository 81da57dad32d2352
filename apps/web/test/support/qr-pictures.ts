import type { Page } from 'playwright-core';
import QRCode from 'qrcode';
import { decodeQr, type Pixels } from '../../src/shared/qr-decode.js';

/** A PNG (a screenshot) as RGBA pixels, decoded by the browser's own image decoder. */
export async function pngPixels(page: Page, png: Buffer): Promise<Pixels> {
  const decoded = await page.evaluate(async (base64) => {
    const picture = new Image();
    picture.src = `data:image/png;base64,${base64}`;
    await picture.decode();
    const canvas = document.createElement('canvas');
    canvas.width = picture.naturalWidth;
    canvas.height = picture.naturalHeight;
    const context = canvas.getContext('2d') as CanvasRenderingContext2D;
    context.drawImage(picture, 0, 0);
    const { data, width, height } = context.getImageData(0, 0, canvas.width, canvas.height);
    // As base64: a plain array of a screenshot's bytes takes seconds to cross to Node.
    let binary = '';
    for (let at = 0; at < data.length; at += 0x8000) {
      binary += String.fromCharCode(...data.subarray(at, at + 0x8000));
    }
    return { width, height, rgba: btoa(binary) };
  }, png.toString('base64'));
  return {
    width: decoded.width,
    height: decoded.height,
    data: new Uint8ClampedArray(Buffer.from(decoded.rgba, 'base64')),
  };
}

/** The text of the QR code in a screenshot, read with the pages' own jsQR decoding; null when none. */
export async function decodeScreenshot(page: Page, png: Buffer): Promise<string | null> {
  return decodeQr(await pngPixels(page, png));
}

/** The QR code of `text` drawn as pixels (black modules, white quiet zone): what a printed code looks like. */
export function qrPixels(text: string, scale = 6, quiet = 4): Pixels {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const side = (modules.size + 2 * quiet) * scale;
  const data = new Uint8ClampedArray(side * side * 4).fill(255);
  for (let row = 0; row < side; row++) {
    for (let column = 0; column < side; column++) {
      const [moduleRow, moduleColumn] = [Math.floor(row / scale) - quiet, Math.floor(column / scale) - quiet];
      const inside =
        moduleRow >= 0 && moduleColumn >= 0 && moduleRow < modules.size && moduleColumn < modules.size;
      if (inside && modules.get(moduleRow, moduleColumn))
        data.fill(0, (row * side + column) * 4, (row * side + column) * 4 + 3);
    }
  }
  return { width: side, height: side, data };
}

/** Frame size of the fake camera's videos (Chromium reads the size from the Y4M header). */
export const VIDEO_WIDTH = 640;
export const VIDEO_HEIGHT = 480;

/**
 * A video for Chromium's fake camera (`--use-file-for-fake-video-capture`): the picture in the middle
 * of a grey room, shrunk to fit if larger, as Y4M 4:2:0 (BT.601 studio-range luma, neutral chroma).
 */
export function y4mVideo(picture: Pixels): Buffer {
  const [width, height] = [VIDEO_WIDTH, VIDEO_HEIGHT];
  const scale = Math.min(1, (width - 16) / picture.width, (height - 16) / picture.height);
  const [shownWidth, shownHeight] = [Math.floor(picture.width * scale), Math.floor(picture.height * scale)];
  const [left, top] = [Math.floor((width - shownWidth) / 2), Math.floor((height - shownHeight) / 2)];
  const luma = Buffer.alloc(width * height, 128);
  for (let row = 0; row < shownHeight; row++) {
    for (let column = 0; column < shownWidth; column++) {
      const source = (Math.floor(row / scale) * picture.width + Math.floor(column / scale)) * 4;
      const [red, green, blue] = [
        picture.data[source] ?? 0,
        picture.data[source + 1] ?? 0,
        picture.data[source + 2] ?? 0,
      ];
      const brightness = 0.299 * red + 0.587 * green + 0.114 * blue;
      luma[(top + row) * width + left + column] = Math.round(16 + (brightness * 219) / 255);
    }
  }
  const chroma = Buffer.alloc((width / 2) * (height / 2), 128);
  const frame = Buffer.concat([Buffer.from('FRAME\n'), luma, chroma, chroma]);
  return Buffer.concat([
    Buffer.from(`YUV4MPEG2 W${width} H${height} F25:1 Ip A1:1 C420jpeg\n`),
    frame,
    frame,
  ]);
}
