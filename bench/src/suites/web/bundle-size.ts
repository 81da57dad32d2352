import { readdirSync, readFileSync } from 'node:fs';
import { join, posix, relative, sep } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Bundle size of a Vite build: per page (the HTML and the JS and CSS it loads before anything runs)
 * and for the whole build directory, raw and gzip-compressed (node:zlib at its default level 6, what
 * a compressing proxy typically sends; the PayTerm host itself serves the files uncompressed).
 */

export interface FileSize {
  /** Path relative to the build directory, with forward slashes. */
  readonly path: string;
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

export interface PageBundle {
  /** The HTML file, relative to the build directory. */
  readonly page: string;
  /** The HTML first, then its scripts, module preloads and style sheets in document order. */
  readonly files: readonly FileSize[];
  readonly rawBytes: number;
  readonly gzipBytes: number;
}

export interface BundleReport {
  readonly pages: readonly PageBundle[];
  /** Every file of the build directory (lazy chunks and other assets included). */
  readonly total: { readonly files: number; readonly rawBytes: number; readonly gzipBytes: number };
}

const TAG = /<(script|link)\b([^>]*)>/gi;
const ATTRIBUTE = /([^\s=/>]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+)))?/g;

function attributesOf(text: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const match of text.matchAll(ATTRIBUTE)) {
    attributes.set((match[1] as string).toLowerCase(), match[2] ?? match[3] ?? match[4] ?? '');
  }
  return attributes;
}

function loadsBeforeRunning(tag: string, attributes: Map<string, string>): string | undefined {
  if (tag === 'script') return attributes.get('src');
  const rels = (attributes.get('rel') ?? '').toLowerCase().split(/\s+/);
  const as = attributes.get('as')?.toLowerCase();
  const loaded =
    rels.includes('stylesheet') ||
    rels.includes('modulepreload') ||
    (rels.includes('preload') && (as === 'script' || as === 'style'));
  return loaded ? attributes.get('href') : undefined;
}

/**
 * The same-origin JS and CSS an HTML page loads up front: `<script src>`, and `<link>` with rel
 * stylesheet, modulepreload or preload as script/style. Paths come back as written, without query
 * or fragment, each once, in document order; `data:` and other origins are left out.
 */
export function assetsOfPage(html: string): string[] {
  const assets: string[] = [];
  for (const match of html.matchAll(TAG)) {
    const url = loadsBeforeRunning((match[1] as string).toLowerCase(), attributesOf(match[2] as string));
    if (url === undefined || url === '' || /^(?:[a-z][a-z\d+.-]*:|\/\/)/i.test(url)) continue;
    const path = url.replace(/[?#].*$/, '');
    if (!assets.includes(path)) assets.push(path);
  }
  return assets;
}

function sizeOf(root: string, path: string): FileSize {
  const bytes = readFileSync(join(root, path));
  return { path, rawBytes: bytes.length, gzipBytes: gzipSync(bytes).length };
}

function sum(files: readonly FileSize[]): { rawBytes: number; gzipBytes: number } {
  return {
    rawBytes: files.reduce((total, file) => total + file.rawBytes, 0),
    gzipBytes: files.reduce((total, file) => total + file.gzipBytes, 0),
  };
}

/** Every file under `dir`, as paths relative to `root` with forward slashes, sorted. */
function filesUnder(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .flatMap((entry) => {
      const path = join(dir, entry.name);
      return entry.isDirectory() ? filesUnder(root, path) : [relative(root, path).split(sep).join('/')];
    })
    .sort();
}

/** Sizes of `pages` (HTML files of `root`) with what each loads, and of everything under `root`. */
export function measureBundle(root: string, pages: readonly string[]): BundleReport {
  const measured = pages.map((page): PageBundle => {
    const html = readFileSync(join(root, page), 'utf8');
    const pageDir = page.includes('/') ? page.slice(0, page.lastIndexOf('/')) : '';
    const assets = assetsOfPage(html).map((url) =>
      url.startsWith('/') ? url.slice(1) : posix.join(pageDir, url),
    );
    const files = [sizeOf(root, page), ...assets.map((asset) => sizeOf(root, asset))];
    return { page, files, ...sum(files) };
  });
  const all = filesUnder(root).map((path) => sizeOf(root, path));
  return { pages: measured, total: { files: all.length, ...sum(all) } };
}
