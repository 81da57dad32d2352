import { randomBytes } from 'node:crypto';
import { chmod, link, mkdir, open, readFile, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import type { TerminalError } from '../errors.js';
import { storageFailure } from '../memory/storage-document.js';

export const DEVICE_KEY_FILE_NAME = 'device.key';
export const DEVICE_KEY_BYTES = 32;
const OPERATION = 'load-device-key';
const HEX_KEY = /^[0-9a-fA-F]{64}$/;

/**
 * The terminal's device key: 32 random bytes kept as hex in `device.key` (mode 0600) in the data
 * directory (0700 when created here). Made once, read back on every start. The keys of the security
 * module are sealed under it, so a file that does not hold a key is an error, never replaced.
 */
export async function loadOrCreateDeviceKey(directory: string): Promise<Uint8Array> {
  const path = join(directory, DEVICE_KEY_FILE_NAME);
  try {
    await mkdir(directory, { recursive: true, mode: 0o700 });
  } catch (cause) {
    throw failure(cause, directory);
  }
  return (await readDeviceKey(path)) ?? (await createDeviceKey(directory, path));
}

/** The key in the file, or undefined when there is no file. */
async function readDeviceKey(path: string): Promise<Uint8Array | undefined> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw failure(cause, path);
  }
  const hex = text.trimEnd();
  if (!HEX_KEY.test(hex)) {
    throw storageFailure(
      OPERATION,
      `${path} does not hold a device key (64 hex digits); it is left as it is, because a new key ` +
        'would make every key sealed under the old one unreadable',
      { path, reason: 'malformed' },
    );
  }
  return Uint8Array.from(Buffer.from(hex, 'hex'));
}

/**
 * Writes the new key to a temporary file, flushes it, and links it in as `device.key`: the link
 * fails if the file exists, so two processes starting at once cannot each keep a different key, and
 * a crash never leaves a half-written key file behind.
 */
async function createDeviceKey(directory: string, path: string): Promise<Uint8Array> {
  const key = randomBytes(DEVICE_KEY_BYTES);
  const temporary = join(directory, `.${DEVICE_KEY_FILE_NAME}.${randomBytes(8).toString('hex')}.tmp`);
  let linked = false;
  try {
    const file = await open(temporary, 'wx', 0o600);
    try {
      // The umask can only take bits away; chmod makes 0600 explicit whatever it was.
      await chmod(temporary, 0o600);
      await file.writeFile(`${key.toString('hex')}\n`, 'utf8');
      await file.sync();
    } finally {
      await file.close();
    }
    await link(temporary, path);
    linked = true;
    await syncDirectory(directory);
  } catch (cause) {
    if ((cause as NodeJS.ErrnoException).code !== 'EEXIST') throw failure(cause, path);
  } finally {
    await unlink(temporary).catch(() => undefined);
  }
  const result = linked ? Uint8Array.from(key) : undefined;
  key.fill(0);
  if (result !== undefined) return result;
  // Another process created the key between our read and our link: use that one.
  const existing = await readDeviceKey(path);
  if (existing === undefined)
    throw storageFailure(OPERATION, `${path} vanished while it was created`, { path });
  return existing;
}

/** Makes the new directory entry durable (POSIX only: Windows cannot open a directory). */
async function syncDirectory(directory: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(directory, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function failure(cause: unknown, path: string): TerminalError {
  const code = (cause as NodeJS.ErrnoException | null)?.code;
  const message = cause instanceof Error ? cause.message : String(cause);
  return storageFailure(
    OPERATION,
    `the device key at ${path} could not be read or created: ${message}`,
    { path, reason: code ?? message },
    cause,
  );
}
