import { afterEach, describe, expect, it } from 'vitest';
import { DEMO } from '../../host/src/app/demo-data.js';
import type { TerminalStorage } from '../src/ports/storage.js';
import { bootSoftware } from '../src/upgrade/boot-loader.js';
import { storageSubjects } from './support/storage-subjects.js';
import {
  openTcpTestHost,
  openTerminalRig,
  type TcpTestHost,
  type TerminalRig,
} from './support/terminal-rig.js';
import { rollOutTo } from './support/tms-rollout.js';

const TID = DEMO.tids[0];

describe.each(storageSubjects())('a download cut by a power cut resumes on $name', (subject) => {
  let host: TcpTestHost | undefined;
  const rigs: TerminalRig[] = [];
  const opened: TerminalStorage[] = [];

  afterEach(async () => {
    for (const rig of rigs.splice(0)) await rig.close();
    for (const storage of opened.splice(0)) await storage.close();
    await subject.cleanUp();
    await host?.cleanup();
  });

  it('keeps every chunk written before the cut and fetches only the rest', async () => {
    host = await openTcpTestHost('sqlite');
    await rollOutTo(host, TID, '1.2.0', 6_000);
    const storage = await subject.open();
    opened.push(storage);
    const first = await openTerminalRig({ port: host.port, tid: TID, storage });
    rigs.push(first);
    await first.terminal.login('01', '0000');
    await first.terminal.signIn();
    expect((await first.terminal.downloadParameters()).offer?.version).toBe('1.2.0');
    const stop = new AbortController();
    const cut = await first.terminal.software.upgrade({
      signal: stop.signal,
      onProgress: (step) => {
        if (step.bytesReceived >= 2_400) stop.abort();
      },
    });
    expect(cut).toMatchObject({ state: 'interrupted' });
    const cutAt = cut.bytesReceived as number;

    // The power goes: the storage is opened again from what it holds.
    const again = await subject.reopen(storage);
    if (again !== storage) opened.push(again);
    const second = await openTerminalRig({ port: host.port, tid: TID, storage: again });
    rigs.push(second);
    expect(second.terminal.software.state.download).toMatchObject({ version: '1.2.0', bytesReceived: cutAt });
    const progress: number[] = [];
    const done = await second.terminal.software.upgrade({
      onProgress: (step) => progress.push(step.bytesReceived),
    });
    expect(done).toMatchObject({ state: 'verified', version: '1.2.0' });
    expect(progress[0]).toBe(cutAt);
    await second.terminal.software.install();
    expect(
      await bootSoftware(again, { factoryVersion: '0.1.0', nowIso: '2026-11-20T08:00:00.000Z' }),
    ).toMatchObject({
      target: 'A',
      version: '1.2.0',
      trial: true,
    });
  });
});
