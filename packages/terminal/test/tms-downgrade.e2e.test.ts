import { decodeField62Tlv, processingRequirement, SOFTWARE_CHUNK_MAX_BYTES } from '@payterm/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../host/src/app/demo-data.js';
import { bootSoftware } from '../src/upgrade/boot-loader.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import { forgedOffer, OfferForgery } from './support/offer-forgery.js';
import { OfferForgingLink } from './support/offer-forging-link.js';
import type { TcpTestHost } from './support/terminal-rig.js';
import { rolloutProgress, rollOutTo } from './support/tms-rollout.js';

const TID = DEMO.tids[0];
const FACTORY = { factoryVersion: '0.1.0', nowIso: '2026-11-20T08:00:00.000Z' };
const DOWNGRADE_TEXT = { en: 'Not above the installed versions (no downgrade or replay)' };

/** The `363` offsets that cover the first `prefixBytes` of a package: the signed part, no more. */
function prefixOffsets(prefixBytes: number): number[] {
  const offsets: number[] = [];
  for (let offset = 0; offset < prefixBytes; offset += SOFTWARE_CHUNK_MAX_BYTES) offsets.push(offset);
  return offsets;
}

// The host never offers a version at or below the one a terminal runs, nor one it refused or rolled back.
// A man in the middle (or a wrong TMS) can: field 62 of the 360 answer carries no MAC. These tests put one
// between a terminal running 1.2.0 and the real host, and show the terminal alone keeps its version.
describe('a terminal offered an older or replayed signed package refuses it on its own', () => {
  let host: TcpTestHost;
  let rig: EngineRig;
  let forging: OfferForgingLink;
  let older: { readonly file: Uint8Array; readonly rolloutId: number };
  let running: Uint8Array;
  let rolledBack: Uint8Array;
  const tms = () => host.runtime.services.tms;
  const chunkRequests = () => rig.faults.requests({ mti: '0800', networkCode: '363' }).length;
  /** The field 62 tags of every `362` the terminal sent, in order. */
  const statusUploads = () =>
    rig.faults.requests({ mti: '0820', networkCode: '362' }).map((entry) => {
      const field62 = entry.fields[62];
      if (!(field62 instanceof Uint8Array)) throw new Error('a 362 without field 62');
      return Object.fromEntries(decodeField62Tlv(field62).map((tlv) => [tlv.tag, tlv.value]));
    });

  /** Arms the man in the middle with `file` under the claimed offer; returns what it does. */
  function forge(file: Uint8Array, claim: { version?: string; rolloutId: number }): OfferForgery {
    const forgery = new OfferForgery(
      forgedOffer(file, { ...claim, rolloutId: String(claim.rolloutId) }),
      file,
    );
    forging.forgery = forgery;
    return forgery;
  }

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({
      port: host.port,
      tid: TID,
      wrapLink: (link) => (forging = new OfferForgingLink(link)),
    });
    await rig.start();
    // 1.2.0 installed through the TMS: downloaded, verified, booted in trial, self-tested, confirmed.
    running = (await rollOutTo(host, TID, '1.2.0', 3_000)).file;
    await rig.terminal.downloadParameters();
    expect(await rig.terminal.software.upgrade()).toMatchObject({ state: 'verified', version: '1.2.0' });
    expect(await rig.terminal.software.install()).toEqual({ slot: 'A', version: '1.2.0' });
    await rig.reopen({ softwareVersion: '1.2.0' });
    await rig.terminal.login('01', '0000');
    expect(await rig.terminal.selfTest()).toMatchObject({ passed: true });
    expect(await rig.terminal.software.confirmTrial()).toBe('1.2.0');
    // An older signed package, published and rolled out by mistake: the host does not offer it.
    older = await rollOutTo(host, TID, '1.1.0', 3_000);
    expect((await rig.terminal.downloadParameters()).offer).toBeUndefined();
  });

  afterAll(async () => {
    await rig?.close();
    await host?.cleanup();
  });

  it('refuses an offer of an older version or the running one without a byte, reported once per rollout and version', async () => {
    // Each is refused on the spot: `362 refused` with the offered, the rollout and the running version.
    const offers = [
      { file: older.file, version: '1.1.0', hostAnswer: '00' },
      // The 1.1.0 rollout does not hold 1.2.0: the host answers 12 and files nothing.
      { file: running, version: '1.2.0', hostAnswer: '12' },
    ];
    for (const { file, version, hostAnswer } of offers) {
      const forgery = forge(file, { rolloutId: older.rolloutId });
      const chunksBefore = chunkRequests();
      const reportsBefore = statusUploads().length;
      const offered = await rig.terminal.downloadParameters();
      expect(forgery.offersRewritten).toBe(1);
      expect(offered.offer).toMatchObject({ version, sha256: forgery.offer.sha256 });
      expect(statusUploads().slice(reportsBefore)).toEqual([
        {
          A0: 'refused',
          '90': version,
          '93': String(older.rolloutId),
          A2: 'SOFTWARE_DOWNGRADE',
          A3: `Version ${version} is not above 1.2.0`,
          A4: '1.2.0',
        },
      ]);
      expect(rig.faults.responses('0820').at(-1)?.responseCode).toBe(hostAnswer);
      expect(rig.terminal.software.upgradeAvailable).toBe(false);
      // The host keeps offering it (the forgery does): no second 362, and menu 9 says why.
      await rig.terminal.downloadParameters();
      expect(forgery.offersRewritten).toBe(2);
      expect(await rig.terminal.software.upgrade()).toMatchObject({
        state: 'refused',
        version,
        code: 'SOFTWARE_DOWNGRADE',
        text: DOWNGRADE_TEXT,
      });
      expect(statusUploads()).toHaveLength(reportsBefore + 1);
      expect(chunkRequests()).toBe(chunksBefore);
      forging.forgery = undefined;
    }
    expect(rig.terminal.software.state).toMatchObject({
      active: 'A',
      installed: ['1.2.0'],
      refused: [],
      refusedOffers: [
        { rolloutId: String(older.rolloutId), version: '1.1.0' },
        { rolloutId: String(older.rolloutId), version: '1.2.0' },
      ],
      lastResult: { state: 'refused', version: '1.2.0', code: 'SOFTWARE_DOWNGRADE' },
      reports: [],
    });
    expect(rig.terminal.profile.softwareVersion).toBe('010200');
    // Filed under the rollout of that version, final; the mismatched 1.2.0 report changed nothing.
    const refusal = {
      state: 'refused',
      reasonCode: 'SOFTWARE_DOWNGRADE',
      reasonText: 'Version 1.1.0 is not above 1.2.0',
    };
    expect(await rolloutProgress(host, older.rolloutId, TID)).toMatchObject(refusal);
    expect((await tms().fleet()).find((entry) => entry.tid === TID)?.rollouts).toContainEqual(
      expect.objectContaining({ rolloutId: older.rolloutId, version: '1.1.0', ...refusal }),
    );
  });

  it('refuses an offer rewritten to an older package with SOFTWARE_DOWNGRADE at the signed prefix, and reports it', async () => {
    // The host offers 1.3.0; on the way the offer is pointed at the 1.1.0 package (signed, genuine).
    const genuine = await rollOutTo(host, TID, '1.3.0', 3_000);
    const forgery = forge(older.file, { version: '1.3.0', rolloutId: genuine.rolloutId });
    const offered = await rig.terminal.downloadParameters();
    expect(offered.offer).toMatchObject({
      version: '1.3.0',
      rolloutId: String(genuine.rolloutId),
      sha256: forgery.offer.sha256,
    });
    expect(rig.terminal.software.upgradeAvailable).toBe(true);
    const outcome = await rig.terminal.software.upgrade();
    forging.forgery = undefined;
    expect(outcome).toMatchObject({
      state: 'refused',
      version: '1.3.0',
      code: 'SOFTWARE_DOWNGRADE',
      text: DOWNGRADE_TEXT,
    });
    // The host answered 12 to every one of them: the man in the middle served the bytes, only the prefix.
    const { prefixBytes, sizeBytes } = forgery.offer;
    expect(forgery.servedOffsets).toEqual(prefixOffsets(prefixBytes));
    expect((forgery.servedOffsets.at(-1) ?? 0) + SOFTWARE_CHUNK_MAX_BYTES).toBeLessThan(
      prefixBytes + sizeBytes,
    );

    const state = rig.terminal.software.state;
    expect(state).toMatchObject({
      active: 'A',
      installed: ['1.2.0'],
      // The claimed version is not held against the genuine package: a forgery blocks nothing.
      refused: [],
      slots: {
        A: { state: 'confirmed', version: '1.2.0' },
        B: { state: 'failed', failure: 'SOFTWARE_DOWNGRADE' },
      },
      lastResult: { state: 'refused', version: '1.3.0', code: 'SOFTWARE_DOWNGRADE' },
      reports: [],
    });
    expect(state.download).toBeUndefined();
    expect(await rig.storage.list('software-b')).toEqual([]);
    expect(rig.terminal.profile.softwareVersion).toBe('010200');
    expect(await bootSoftware(rig.storage, FACTORY)).toMatchObject({
      target: 'A',
      version: '1.2.0',
      trial: false,
    });
    expect((await rig.terminal.echo()).approved).toBe(true);

    const refusal = {
      state: 'refused',
      reasonCode: 'SOFTWARE_DOWNGRADE',
      reasonText: 'Version 1.1.0 is not above 1.2.0',
    };
    expect(await rolloutProgress(host, genuine.rolloutId, TID)).toMatchObject(refusal);
    const fleet = (await tms().fleet()).find((entry) => entry.tid === TID);
    expect(fleet).toMatchObject({ runningVersion: '1.2.0' });
    expect(fleet?.rollouts).toContainEqual(
      expect.objectContaining({ rolloutId: genuine.rolloutId, version: '1.3.0', ...refusal }),
    );
  });

  it('takes the genuine package when the operator offers it again', async () => {
    // The host took the refusal at its word: that rollout stops offering 1.3.0 to this terminal.
    expect((await rig.terminal.downloadParameters()).offer).toBeUndefined();
    const packageId = tms()
      .packages()
      .find((summary) => summary.version === '1.3.0')?.id as number;
    const again = await tms().createRollout({ packageId, target: { kind: 'list', tids: [TID] } }, 'test');
    expect((await rig.terminal.downloadParameters()).offer).toMatchObject({
      version: '1.3.0',
      rolloutId: String(again.id),
    });
    expect(await rig.terminal.software.upgrade()).toMatchObject({ state: 'verified', version: '1.3.0' });
    rolledBack = (await host.runtime.repositories.softwarePackages.packageBytes(packageId)) as Uint8Array;
  });

  it('refuses a replay of the version it rolled back, offered as it is or under a newer name', async () => {
    // 1.3.0 installed, and the power goes during its trial: rolled back to 1.2.0, refused for good.
    expect(await rig.terminal.software.install()).toEqual({ slot: 'B', version: '1.3.0' });
    expect(await bootSoftware(rig.storage, FACTORY)).toMatchObject({ target: 'B', trial: true });
    await rig.crashAndRestart({ softwareVersion: '1.3.0' });
    expect(await bootSoftware(rig.storage, FACTORY)).toMatchObject({ target: 'A', version: '1.2.0' });
    await rig.reopen({ softwareVersion: '1.2.0' });
    await rig.terminal.login('01', '0000');
    expect(await rig.terminal.software.flushReports()).toBe(1);
    expect(rig.terminal.software.state).toMatchObject({ active: 'A', refused: ['1.3.0'] });

    // Above the running version but rolled back: refused on the spot as a replay, once.
    const replay = forge(rolledBack, { rolloutId: older.rolloutId });
    const reportsBefore = statusUploads().length;
    expect((await rig.terminal.downloadParameters()).offer).toMatchObject({ version: '1.3.0' });
    expect(replay.offersRewritten).toBe(1);
    expect(statusUploads().slice(reportsBefore)).toEqual([
      expect.objectContaining({
        A0: 'refused',
        '90': '1.3.0',
        '93': String(older.rolloutId),
        A2: 'SOFTWARE_DOWNGRADE',
        A3: 'Version 1.3.0 is not above 1.3.0',
        A4: '1.2.0',
      }),
    ]);
    const before = chunkRequests();
    expect(await rig.terminal.software.upgrade()).toMatchObject({
      state: 'refused',
      version: '1.3.0',
      code: 'SOFTWARE_DOWNGRADE',
    });
    expect(chunkRequests()).toBe(before);
    expect(statusUploads()).toHaveLength(reportsBefore + 1);

    // The host offers 1.4.0; on the way the offer is pointed at the rolled-back 1.3.0 package.
    const next = await rollOutTo(host, TID, '1.4.0', 3_000);
    const renamed = forge(rolledBack, { version: '1.4.0', rolloutId: next.rolloutId });
    expect((await rig.terminal.downloadParameters()).offer).toMatchObject({ version: '1.4.0' });
    const outcome = await rig.terminal.software.upgrade();
    forging.forgery = undefined;
    expect(outcome).toMatchObject({
      state: 'refused',
      version: '1.4.0',
      code: 'SOFTWARE_DOWNGRADE',
      text: DOWNGRADE_TEXT,
    });
    expect(renamed.servedOffsets).toEqual(prefixOffsets(renamed.offer.prefixBytes));
    expect(rig.terminal.software.state).toMatchObject({
      active: 'A',
      installed: ['1.2.0'],
      refused: ['1.3.0'],
      reports: [],
    });
    expect(rig.terminal.profile.softwareVersion).toBe('010200');
    expect(await rolloutProgress(host, next.rolloutId, TID)).toMatchObject({
      state: 'refused',
      reasonCode: 'SOFTWARE_DOWNGRADE',
      reasonText: 'Version 1.3.0 is not above 1.3.0',
    });
  });
  it('refuses a version it rolled back that a new rollout offers: the host files it and stops offering', async () => {
    // No forgery: the host offers 1.3.0 again under a new rollout (it is above the running 1.2.0).
    const packageId = tms()
      .packages()
      .find((summary) => summary.version === '1.3.0')?.id as number;
    const again = await tms().createRollout({ packageId, target: { kind: 'list', tids: [TID] } }, 'test');
    const reportsBefore = statusUploads().length;
    expect((await rig.terminal.downloadParameters()).offer).toMatchObject({
      version: '1.3.0',
      rolloutId: String(again.id),
    });
    expect(statusUploads().slice(reportsBefore)).toEqual([
      {
        A0: 'refused',
        '90': '1.3.0',
        '93': String(again.id),
        A2: 'SOFTWARE_DOWNGRADE',
        A3: 'Version 1.3.0 is not above 1.3.0',
        A4: '1.2.0',
      },
    ]);
    expect(rig.faults.responses('0820').at(-1)?.responseCode).toBe('00');
    const refusal = {
      state: 'refused',
      reasonCode: 'SOFTWARE_DOWNGRADE',
      reasonText: 'Version 1.3.0 is not above 1.3.0',
    };
    expect(await rolloutProgress(host, again.id, TID)).toMatchObject(refusal);
    const fleet = (await tms().fleet()).find((entry) => entry.tid === TID);
    expect(fleet?.offer).toBeNull();
    expect(fleet?.rollouts).toContainEqual(
      expect.objectContaining({ rolloutId: again.id, version: '1.3.0', ...refusal }),
    );
    // The refusal is final: no offer, no digit 6, nothing more to report.
    expect((await rig.terminal.downloadParameters()).offer).toBeUndefined();
    expect((await rig.terminal.echo()).approved).toBe(true);
    const echoHeader = rig.faults.responses('0820').at(-1)?.header;
    expect(echoHeader === undefined ? undefined : processingRequirement(echoHeader)).toBe('0');
    expect(statusUploads()).toHaveLength(reportsBefore + 1);
    expect(rig.terminal.software.state.reports).toEqual([]);
  });
});
