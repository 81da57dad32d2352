import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { applicationFromModule, type TerminalApplication } from '../application/index.js';
import { terminalError } from '../errors.js';

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

async function readIfPresent(path: string): Promise<Uint8Array | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Loads a verified application payload as an ES module: written once under `directory` by its hash
 * (Node imports files, not bytes), checked again right before the import so that a file changed on
 * disk after verification is never run.
 */
export async function importApplicationModule(
  directory: string,
  payload: Uint8Array,
  payloadSha256: string,
): Promise<TerminalApplication> {
  if (sha256Hex(payload) !== payloadSha256) {
    throw terminalError(
      'TERMINAL_APPLICATION_INCOMPATIBLE',
      'the application payload does not match its hash',
      {
        sha256: payloadSha256,
      },
    );
  }
  await mkdir(directory, { recursive: true, mode: 0o700 });
  const path = join(directory, `app-${payloadSha256}.mjs`);
  const onDisk = await readIfPresent(path);
  if (onDisk === undefined || sha256Hex(onDisk) !== payloadSha256)
    await writeFile(path, payload, { mode: 0o600 });
  return applicationFromModule(await import(pathToFileURL(path).href));
}
