import { chmod, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalError } from '../src/errors.js';
import { DEVICE_KEY_BYTES, DEVICE_KEY_FILE_NAME, loadOrCreateDeviceKey } from '../src/node/index.js';

const temporaryDirectories: string[] = [];
async function temporaryDirectory(): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'payterm-device-key-'));
  temporaryDirectories.push(directory);
  return directory;
}

afterEach(async () => {
  for (const directory of temporaryDirectories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

const posix = process.platform !== 'win32';

async function loadFailure(directory: string): Promise<TerminalError> {
  const error: unknown = await loadOrCreateDeviceKey(directory).then(
    () => undefined,
    (failure: unknown) => failure,
  );
  expect(error).toBeInstanceOf(TerminalError);
  const terminal = error as TerminalError;
  expect(terminal.code).toBe('TERMINAL_STORAGE_FAILED');
  expect(terminal.details.operation).toBe('load-device-key');
  return terminal;
}

describe('loadOrCreateDeviceKey', () => {
  it('creates a 32-byte key once, as hex in device.key, and reads the same key back', async () => {
    const directory = join(await temporaryDirectory(), 'terminal');
    const created = await loadOrCreateDeviceKey(directory);
    expect(created).toBeInstanceOf(Uint8Array);
    expect(created).toHaveLength(DEVICE_KEY_BYTES);
    expect(created.some((byte) => byte !== 0)).toBe(true);

    const text = await readFile(join(directory, DEVICE_KEY_FILE_NAME), 'utf8');
    expect(text).toBe(`${Buffer.from(created).toString('hex')}\n`);
    expect(await loadOrCreateDeviceKey(directory)).toEqual(created);
    // Only the key file is left: the temporary file it was written through is gone.
    expect(await readdir(directory)).toEqual([DEVICE_KEY_FILE_NAME]);
  });

  it('gives each new directory its own key', async () => {
    const first = await loadOrCreateDeviceKey(await temporaryDirectory());
    const second = await loadOrCreateDeviceKey(await temporaryDirectory());
    expect(first).not.toEqual(second);
  });

  it('keeps one key when several starts race to create it', async () => {
    const directory = await temporaryDirectory();
    const keys = await Promise.all(Array.from({ length: 8 }, () => loadOrCreateDeviceKey(directory)));
    for (const key of keys) expect(key).toEqual(keys[0]);
    expect(await loadOrCreateDeviceKey(directory)).toEqual(keys[0]);
  });

  it.runIf(posix)('writes the file with mode 0600 and creates the directory with mode 0700', async () => {
    const directory = join(await temporaryDirectory(), 'data');
    await loadOrCreateDeviceKey(directory);
    expect((await stat(directory)).mode & 0o777).toBe(0o700);
    expect((await stat(join(directory, DEVICE_KEY_FILE_NAME))).mode & 0o777).toBe(0o600);
  });

  it('reads a key written in upper case and without a final newline', async () => {
    const directory = await temporaryDirectory();
    const hex = '00112233445566778899AABBCCDDEEFF0123456789ABCDEFFEDCBA9876543210';
    await writeFile(join(directory, DEVICE_KEY_FILE_NAME), hex, { mode: 0o600 });
    expect(Buffer.from(await loadOrCreateDeviceKey(directory)).toString('hex')).toBe(hex.toLowerCase());
  });

  it.each([
    ['empty', ''],
    ['too short', 'ab'.repeat(31)],
    ['too long', 'ab'.repeat(33)],
    ['not hex', 'zz'.repeat(32)],
    ['binary', '\u0000'.repeat(32)],
  ])('refuses a corrupt file (%s), naming it and leaving it untouched', async (_kind, content) => {
    const directory = await temporaryDirectory();
    const path = join(directory, DEVICE_KEY_FILE_NAME);
    await writeFile(path, content, { mode: 0o600 });
    const failure = await loadFailure(directory);
    expect(failure.details).toEqual({ operation: 'load-device-key', path, reason: 'malformed' });
    expect(failure.message).toContain(path);
    expect(await readFile(path, 'utf8')).toBe(content);
    // The file's content never reaches the error.
    if (content.length > 0) expect(JSON.stringify(failure)).not.toContain(content);
  });

  it.runIf(posix && process.getuid?.() !== 0)(
    'reports a key file it may not read with the errno code',
    async () => {
      const directory = await temporaryDirectory();
      const path = join(directory, DEVICE_KEY_FILE_NAME);
      await writeFile(path, 'ab'.repeat(32), { mode: 0o600 });
      await chmod(path, 0o000);
      const failure = await loadFailure(directory);
      expect(failure.details).toMatchObject({ path, reason: 'EACCES' });
    },
  );
});
