import { applicationFromModule, type TerminalApplication } from '../application/index.js';

/** Loads a verified application payload as an ES module from its bytes (a blob URL, revoked after). */
export async function importApplicationModule(payload: Uint8Array): Promise<TerminalApplication> {
  const url = URL.createObjectURL(
    new Blob([payload as Uint8Array<ArrayBuffer>], { type: 'text/javascript' }),
  );
  try {
    return applicationFromModule(await import(/* @vite-ignore */ url));
  } finally {
    URL.revokeObjectURL(url);
  }
}
