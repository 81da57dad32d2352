import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import { afterEach, describe, expect, it } from 'vitest';
import { TerminalError } from '../src/errors.js';
import { SqliteTerminalStorage } from '../src/node/index.js';
import { OperatorDirectory } from '../src/operators/index.js';
import type { TerminalStorage } from '../src/ports/storage.js';

const START = Date.parse('2025-03-01T08:00:00.000Z');
const MINUTE_MS = 60_000;

const temporaryDirectories: string[] = [];
afterEach(async () => {
  for (const directory of temporaryDirectories.splice(0))
    await rm(directory, { recursive: true, force: true });
});

function directoryOver(storage: TerminalStorage, clock: SimulatedClock, seed: number): OperatorDirectory {
  return new OperatorDirectory(storage, clock, new SeededRandom(seed), {
    lockoutMinutes: 10,
    demo: false,
    scryptCost: { N: 2 ** 10, r: 8, p: 1 },
  });
}

describe('OperatorDirectory over SqliteTerminalStorage', () => {
  it('keeps passwords, locks and the audit log across a restart of the terminal', async () => {
    const path = await mkdtemp(join(tmpdir(), 'payterm-operators-'));
    temporaryDirectories.push(path);
    const clock = new SimulatedClock(START);

    const first = await SqliteTerminalStorage.open(path);
    const before = directoryOver(first, clock, 1);
    await before.initialise();
    await before.changePassword('00', '123456', '246802');
    for (const password of ['1111', '2222', '3333'])
      await before.login('01', password).catch(() => undefined);
    const auditBefore = await before.auditLog();
    await first.close();

    clock.advance(MINUTE_MS);
    const second = await SqliteTerminalStorage.open(path);
    try {
      const after = directoryOver(second, clock, 2);
      await expect(after.initialise()).resolves.toBe(false);
      await expect(after.login('00', '246802')).resolves.toEqual({
        number: '00',
        role: 'supervisor',
        mustChangePassword: false,
      });
      await expect(after.login('99', '12345678')).resolves.toMatchObject({ mustChangePassword: true });
      const locked: unknown = await after.login('01', '0000').catch((error: unknown) => error);
      expect(locked).toBeInstanceOf(TerminalError);
      expect(locked).toMatchObject({
        code: 'TERMINAL_OPERATOR_LOCKED',
        details: { operator: '01', lockedUntil: new Date(START + 10 * MINUTE_MS).toISOString() },
      });
      await expect(after.pendingReports()).resolves.toEqual([
        expect.objectContaining({ event: 'locked', operator: '01' }),
      ]);
      const auditAfter = await after.auditLog();
      expect(auditAfter.slice(auditAfter.length - auditBefore.length)).toEqual(auditBefore);
      expect(auditAfter[0]?.key).toBe(String(auditAfter.length).padStart(10, '0'));
    } finally {
      await second.close();
    }
  });
});
