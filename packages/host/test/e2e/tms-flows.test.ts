import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readParameterDownload, type TlvEntry } from '@payterm/protocol';
import { DEMO } from '../../src/app/demo-data.js';
import { pilotBucket } from '../../src/tms/rollout-target.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { demoPackage } from '../support/software-packages.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const [FIRST, SECOND] = DEMO.tids;
/** Header sub-version 010200: the terminal runs 1.2.0. */
const HEADER_1_2_0 = '603100010200';

/** Runs 360 from index 0 until the host says the download ends; returns the pages' objects. */
async function download(terminal: TestTerminal): Promise<{ entries: TlvEntry[]; pages: number }> {
  const entries: TlvEntry[] = [];
  for (let pages = 1; pages < 20; pages++) {
    const { response } = await terminal.parameterDownload(entries.length);
    expect(response.responseCode).toBe('00');
    const page = response.page!;
    entries.push(...page.entries);
    if (page.status !== 'more') return { entries, pages };
  }
  throw new Error('the download did not end');
}

async function fetchPackage(terminal: TestTerminal, sha256: string): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let offset = 0;
  for (;;) {
    const { response } = await terminal.softwareChunk(sha256, offset);
    if (response.responseCode === '12') break;
    expect(response.responseCode).toBe('00');
    chunks.push(response.chunk!);
    offset += response.chunk!.length;
  }
  return Uint8Array.from(chunks.flatMap((chunk) => [...chunk]));
}

for (const dialect of TEST_DIALECTS) {
  describe(`terminal management over TCP [${dialect}]`, () => {
    let host: TcpTestHost;
    let first: TestTerminal;
    let second: TestTerminal;
    /** What the host logged as warnings. */
    const warnings: { readonly object: object; readonly message: string | undefined }[] = [];
    const logger = {
      info: () => undefined,
      warn: (object: object, message?: string) => warnings.push({ object, message }),
      error: () => undefined,
    };

    beforeAll(async () => {
      host = await openTcpTestHost(dialect, { logger });
      first = await host.connectTerminal(FIRST, 5_000, { header: HEADER_1_2_0 });
      second = await host.connectTerminal(SECOND, 5_000, { header: HEADER_1_2_0 });
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('downloads parameters in several 360 round trips; 361 records the version and digit 6 clears', async () => {
      const tms = host.runtime.services.tms;
      const longHost = (letter: string) =>
        `${letter.repeat(80)}.${letter.repeat(80)}.${letter.repeat(80)}.example:8583`;
      await tms.setParameters(
        'terminal',
        FIRST,
        { primaryHost: longHost('a'), secondaryHost: longHost('b') },
        'test',
      );
      const signIn = await first.signIn();
      expect(signIn.response.responseCode).toBe('00');
      expect(signIn.response.processingRequirement).toBe('6');

      const { entries, pages } = await download(first);
      expect(pages).toBeGreaterThan(1);
      const { parameters, offer } = readParameterDownload(entries);
      expect(offer).toBeUndefined();
      expect(parameters).toMatchObject({
        merchantName: DEMO.merchantName,
        responseTimeoutSeconds: 30,
        primaryHost: longHost('a'),
        secondaryHost: longHost('b'),
      });
      // Past the end: status 0, nothing.
      const after = await first.parameterDownload(entries.length);
      expect(after.response.page).toEqual({ status: 'none', entries: [] });

      const applied = await first.parametersApplied(parameters!.version);
      expect(applied.response.responseCode).toBe('00');
      expect(applied.response.processingRequirement).toBe('0');
      expect((await first.echo()).response.processingRequirement).toBe('0');
      expect((await host.runtime.repositories.terminals.get(FIRST))?.parameterVersion).toBe(
        parameters!.version,
      );

      // A newer set for the merchant raises the effective version: digit 6 again.
      await tms.setParameters('merchant', DEMO.mid, { merchantName: 'Demo Store 2', language: 'en' }, 'test');
      expect((await first.echo()).response.processingRequirement).toBe('6');
      const again = readParameterDownload((await download(first)).entries).parameters!;
      expect(again).toMatchObject({
        merchantName: 'Demo Store 2',
        language: 'en',
        primaryHost: longHost('a'),
      });
      expect(Number(again.version)).toBeGreaterThan(Number(parameters!.version));
      await first.parametersApplied(again.version);
      await second.signIn();
      await second.parametersApplied(
        readParameterDownload((await download(second)).entries).parameters!.version,
      );
      expect((await second.echo()).response.processingRequirement).toBe('0');
    });

    it('offers a rollout’s package and serves it chunk by chunk, equal to the published file', async () => {
      const tms = host.runtime.services.tms;
      const file = await demoPackage('1.3.0', 5_000);
      const published = await tms.publish(file, 'test');
      const rollout = await tms.createRollout(
        { packageId: published.id, target: { kind: 'list', tids: [FIRST] } },
        'test',
      );
      expect((await first.echo()).response.processingRequirement).toBe('6');
      expect((await second.echo()).response.processingRequirement).toBe('0');

      const { offer } = readParameterDownload((await download(first)).entries);
      expect(offer).toEqual({
        version: '1.3.0',
        sizeBytes: 5_000,
        sha256: published.sha256,
        rolloutId: String(rollout.id),
        prefixBytes: published.prefixBytes,
      });
      expect((await tms.rolloutView(rollout.id)).terminals).toMatchObject([{ tid: FIRST, state: 'pending' }]);

      const fetched = await fetchPackage(first, published.sha256);
      expect(fetched).toEqual(file);
      const beyond = await first.softwareChunk(published.sha256, file.length + 480);
      expect(beyond.response.responseCode).toBe('12');
      expect((await first.softwareChunk('ee'.repeat(32), 0)).response.responseCode).toBe('25');
      expect((await tms.rolloutView(rollout.id)).terminals).toMatchObject([
        { tid: FIRST, state: 'downloading', bytesReceived: file.length },
      ]);
      // Not offered to the other terminal: 12.
      expect((await second.softwareChunk(published.sha256, 0)).response.responseCode).toBe('12');

      const report = await first.statusUpload({
        state: 'installed',
        rolloutId: String(rollout.id),
        version: '1.3.0',
        runningVersion: '1.3.0',
      });
      expect(report.response.responseCode).toBe('00');
      const view = await tms.rolloutView(rollout.id);
      expect(view.rollout.state).toBe('completed');
      expect(view.terminals).toMatchObject([{ tid: FIRST, state: 'installed' }]);
      const fleet = await tms.fleet();
      expect(fleet.find((entry) => entry.tid === FIRST)).toMatchObject({
        runningVersion: '1.3.0',
        offer: null,
      });
    });

    it('offers a percentage pilot only to the terminals its stable hash picks', async () => {
      const tms = host.runtime.services.tms;
      const published = await tms.publish(await demoPackage('1.4.0'), 'test');
      const nextId = Math.max(...tms.rollouts().map((rollout) => rollout.id)) + 1;
      const buckets = [pilotBucket(nextId, FIRST), pilotBucket(nextId, SECOND)];
      if (buckets[0] === buckets[1]) return; // one chance in a hundred: the two draw the same bucket
      const inside = buckets[0]! < buckets[1]! ? first : second;
      const outside = inside === first ? second : first;
      const rollout = await tms.createRollout(
        { packageId: published.id, target: { kind: 'percent', percent: Math.min(...buckets) + 1 } },
        'test',
      );
      expect(rollout.id).toBe(nextId);
      expect(readParameterDownload((await download(inside)).entries).offer?.version).toBe('1.4.0');
      expect(readParameterDownload((await download(outside)).entries).offer).toBeUndefined();
      expect((await outside.softwareChunk(published.sha256, 0)).response.responseCode).toBe('12');
      expect((await outside.echo()).response.processingRequirement).toBe('0');
      expect((await tms.rolloutView(rollout.id)).terminals.map((terminal) => terminal.tid)).toEqual([
        inside === first ? FIRST : SECOND,
      ]);

      // The pilot installs; then everyone: a rollout to all counts the pilot terminal as installed.
      await inside.statusUpload({
        state: 'installed',
        rolloutId: String(rollout.id),
        runningVersion: '1.4.0',
      });
      expect((await tms.rolloutView(rollout.id)).rollout.state).toBe('completed');
      const everyone = await tms.createRollout({ packageId: published.id, target: { kind: 'all' } }, 'test');
      expect((await tms.rolloutView(everyone.id)).terminals).toEqual([
        expect.objectContaining({
          tid: inside === first ? FIRST : SECOND,
          state: inside === first ? 'installed' : 'pending',
        }),
        expect.objectContaining({
          tid: inside === first ? SECOND : FIRST,
          state: inside === first ? 'pending' : 'installed',
        }),
      ]);
      const offer = readParameterDownload((await download(outside)).entries).offer;
      expect(offer).toMatchObject({ version: '1.4.0', rolloutId: String(everyone.id) });
      await outside.statusUpload({
        state: 'installed',
        rolloutId: offer!.rolloutId,
        runningVersion: '1.4.0',
      });
      expect((await tms.rolloutView(everyone.id)).rollout.state).toBe('completed');
    });

    it('stops offering while a rollout is paused or cancelled', async () => {
      const tms = host.runtime.services.tms;
      const published = await tms.publish(await demoPackage('1.5.0'), 'test');
      const rollout = await tms.createRollout({ packageId: published.id, target: { kind: 'all' } }, 'test');
      expect((await second.echo()).response.processingRequirement).toBe('6');
      await tms.changeRollout(rollout.id, 'pause');
      expect((await second.echo()).response.processingRequirement).toBe('0');
      expect(readParameterDownload((await download(second)).entries).offer).toBeUndefined();
      expect((await second.softwareChunk(published.sha256, 0)).response.responseCode).toBe('12');
      await tms.changeRollout(rollout.id, 'resume');
      expect(readParameterDownload((await download(second)).entries).offer?.version).toBe('1.5.0');
      expect((await second.softwareChunk(published.sha256, 0)).response.responseCode).toBe('00');
      await tms.changeRollout(rollout.id, 'cancel');
      expect((await second.echo()).response.processingRequirement).toBe('0');
      expect((await second.softwareChunk(published.sha256, 480)).response.responseCode).toBe('12');
      await expect(tms.changeRollout(rollout.id, 'resume')).rejects.toMatchObject({
        code: 'TMS_ROLLOUT_STATE',
      });
    });

    it('records a refusal with its reason; offers again after one the merchant clears, no more after a final one', async () => {
      const tms = host.runtime.services.tms;
      const published = await tms.publish(await demoPackage('1.6.0'), 'test');
      const rollout = await tms.createRollout(
        { packageId: published.id, target: { kind: 'merchant', mid: DEMO.mid } },
        'test',
      );
      expect(readParameterDownload((await download(second)).entries).offer?.version).toBe('1.6.0');
      const refuse = (reasonCode: string, reasonText: string) =>
        second.statusUpload({
          state: 'refused',
          rolloutId: String(rollout.id),
          version: '1.6.0',
          reasonCode,
          reasonText,
          runningVersion: '1.2.0',
        });
      const lastProgress = async () =>
        (await tms.fleet()).find((candidate) => candidate.tid === SECOND)!.rollouts.at(-1);

      await refuse('UPGRADE_SETTLE_FIRST', 'settle first');
      expect(await lastProgress()).toMatchObject({
        rolloutId: rollout.id,
        state: 'refused',
        reasonCode: 'UPGRADE_SETTLE_FIRST',
        reasonText: 'settle first',
      });
      expect(readParameterDownload((await download(second)).entries).offer?.version).toBe('1.6.0');

      await refuse('SOFTWARE_INCOMPATIBLE', 'the running version is below the package minimum');
      expect(readParameterDownload((await download(second)).entries).offer).toBeUndefined();
      expect((await second.echo()).response.processingRequirement).toBe('0');
      expect(await lastProgress()).toMatchObject({ state: 'refused', reasonCode: 'SOFTWARE_INCOMPATIBLE' });
    });

    it('takes a downgrade or replay refusal as final: no more offer, the fleet shows it refused with the reason', async () => {
      const tms = host.runtime.services.tms;
      const published = await tms.publish(await demoPackage('1.7.0'), 'test');
      const rollout = await tms.createRollout(
        { packageId: published.id, target: { kind: 'merchant', mid: DEMO.mid } },
        'test',
      );
      expect(readParameterDownload((await download(second)).entries).offer?.version).toBe('1.7.0');
      const refusal = {
        state: 'refused',
        reasonCode: 'SOFTWARE_DOWNGRADE',
        reasonText: 'Version 1.7.0 is not above 1.7.0',
      } as const;
      const report = await second.statusUpload({
        ...refusal,
        rolloutId: String(rollout.id),
        version: '1.7.0',
        runningVersion: '1.2.0',
      });
      expect(report.response.responseCode).toBe('00');
      expect(readParameterDownload((await download(second)).entries).offer).toBeUndefined();
      expect((await second.echo()).response.processingRequirement).toBe('0');
      const entry = (await tms.fleet()).find((candidate) => candidate.tid === SECOND);
      expect(entry?.offer).toBeNull();
      expect(entry?.rollouts).toContainEqual(
        expect.objectContaining({ rolloutId: rollout.id, version: '1.7.0', ...refusal }),
      );
      expect((await tms.rolloutView(rollout.id)).terminals).toContainEqual(
        expect.objectContaining({ tid: SECOND, ...refusal }),
      );
    });

    it('answers 12 and files nothing for a 362 with another version than its rollout’s, or for a rollout not targeting the terminal', async () => {
      const tms = host.runtime.services.tms;
      const published = await tms.publish(await demoPackage('1.8.0'), 'test');
      const rollout = await tms.createRollout(
        { packageId: published.id, target: { kind: 'list', tids: [FIRST] } },
        'test',
      );
      const rolloutId = String(rollout.id);
      expect(readParameterDownload((await download(first)).entries).offer).toMatchObject({
        version: '1.8.0',
        rolloutId,
      });
      const pending = [expect.objectContaining({ tid: FIRST, state: 'pending', reasonCode: null })];
      const runningVersion = async () =>
        (await tms.fleet()).find((candidate) => candidate.tid === FIRST)?.runningVersion;
      const runningBefore = await runningVersion();
      warnings.length = 0;

      const otherVersion = await first.statusUpload({
        state: 'installed',
        rolloutId,
        version: '1.9.0',
        runningVersion: '1.9.0',
      });
      expect(otherVersion.response.responseCode).toBe('12');
      expect((await tms.rolloutView(rollout.id)).terminals).toEqual(pending);
      // Nor is its running version: 1.9.0 would complete the rollout.
      expect(await runningVersion()).toBe(runningBefore);
      expect(tms.rollouts().find((candidate) => candidate.id === rollout.id)?.state).toBe('active');
      expect(warnings).toEqual([
        {
          object: {
            tid: FIRST,
            rolloutId: rollout.id,
            reportedVersion: '1.9.0',
            rolloutVersion: '1.8.0',
            reason: 'other-version',
          },
          message: '362 ignored: its rollout does not target the terminal or has another version',
        },
      ]);
      const audited = await host.runtime.repositories.auditLog.list({
        action: 'software-status-ignored',
        subject: FIRST,
      });
      expect(audited.map((entry) => JSON.parse(entry.detailsJson) as object)).toContainEqual(
        expect.objectContaining({ state: 'installed', reportedVersion: '1.9.0', rolloutVersion: '1.8.0' }),
      );
      // The offer stands: nothing was filed under the rollout.
      expect(readParameterDownload((await download(first)).entries).offer?.rolloutId).toBe(rolloutId);

      const notTargeted = await second.statusUpload({
        state: 'refused',
        rolloutId,
        version: '1.8.0',
        reasonCode: 'SOFTWARE_DOWNGRADE',
        runningVersion: '1.2.0',
      });
      expect(notTargeted.response.responseCode).toBe('12');
      expect((await tms.rolloutView(rollout.id)).terminals).toEqual(pending);
      const secondEntry = (await tms.fleet()).find((candidate) => candidate.tid === SECOND);
      expect(secondEntry?.rollouts.map((progress) => progress.rolloutId)).not.toContain(rollout.id);
      expect(warnings.at(-1)?.object).toEqual({
        tid: SECOND,
        rolloutId: rollout.id,
        reportedVersion: '1.8.0',
        rolloutVersion: '1.8.0',
        reason: 'not-targeted',
      });

      // The rollout's own version is filed as before.
      const genuine = await first.statusUpload({
        state: 'downloading',
        rolloutId,
        version: '1.8.0',
        bytesReceived: 960,
        runningVersion: '1.2.0',
      });
      expect(genuine.response.responseCode).toBe('00');
      expect((await tms.rolloutView(rollout.id)).terminals).toEqual([
        expect.objectContaining({ tid: FIRST, state: 'downloading', bytesReceived: 960 }),
      ]);
      expect(warnings).toHaveLength(2);
    });

    it('keeps packages, rollouts, progress and parameters across a restart', async () => {
      const before = host.runtime.services.tms;
      const packages = before.packages().map((summary) => summary.version);
      const states = before.rollouts().map((rollout) => rollout.state);
      const fleet = await before.fleet();
      await host.restartHost();
      const after = host.runtime.services.tms;
      expect(after.packages().map((summary) => summary.version)).toEqual(packages);
      expect(after.rollouts().map((rollout) => rollout.state)).toEqual(states);
      expect(await after.fleet()).toEqual(fleet);
    });
  });
}
