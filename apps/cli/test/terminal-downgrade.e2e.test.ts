import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SOFTWARE_CHUNK_MAX_BYTES } from '@payterm/protocol';
import { readPackage } from '@payterm/software';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forgedOffer, OfferForgery } from '../../../packages/terminal/test/support/offer-forgery.js';
import { TmsCliRig } from './support/tms-cli-rig.js';

// The terminal's own downgrade refusal through the compiled CLI: `payterm start`, a terminal upgraded to
// 0.2.0 through the TMS, then a man in the middle (the chunk proxy) that rewrites the 360 offer to name
// 0.3.0 while pointing at a signed 0.1.5 package, whose bytes it serves itself. Run `npx tsc -b` first.

const TID = '10000001';
const ADMIN = ['--operator', '99', '--password', '87654321'];

let rig: TmsCliRig;

beforeAll(async () => {
  rig = await TmsCliRig.start('payterm-cli-downgrade-', [TID]);
}, 120_000);

afterAll(async () => {
  await rig?.close();
});

describe('payterm terminal upgrade offered an older signed package', { timeout: 240_000 }, () => {
  it('refuses it with SOFTWARE_DOWNGRADE (exit 3) after the signed prefix and keeps running its version', async () => {
    const current = await rig.packageOf('0.2.0');
    await rig.rollOut(current, '--tids', TID);
    const upgraded = await rig.terminal(TID, [...ADMIN, 'upgrade', '--yes']);
    expect(upgraded.code, upgraded.stderr).toBe(0);
    expect(upgraded.json).toMatchObject({ state: 'installed', runningVersion: '0.2.0' });

    // The same application signed as 0.1.5 (a comment keeps its SHA-256 apart), published and rolled out
    // by mistake: the host does not offer it to a terminal running 0.2.0, a man in the middle does.
    const payload = join(rig.scratch, 'payload-0.1.5.mjs');
    const bundle = readPackage(readFileSync(current)).payload;
    writeFileSync(payload, Buffer.concat([bundle, Buffer.from('\n// PayTerm terminal 0.1.5\n')]));
    const olderFile = await rig.packageOf('0.1.5', { payload });
    const wrongRollout = await rig.rollOut(olderFile, '--tids', TID);
    const older = readFileSync(olderFile);
    const forgery = new OfferForgery(
      forgedOffer(older, { version: '0.3.0', rolloutId: String(wrongRollout) }),
      older,
    );
    rig.proxy.setMode({ kind: 'forge-offer', forgery });
    const refused = await rig
      .terminal(TID, [...ADMIN, 'upgrade', '--yes'])
      .finally(() => rig.proxy.setMode({ kind: 'pass' }));
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.json).toMatchObject({
      state: 'refused',
      version: '0.3.0',
      runningVersion: '0.2.0',
      code: 'SOFTWARE_DOWNGRADE',
      message: expect.stringContaining('Not above the installed versions (no downgrade or replay)'),
    });
    expect(forgery.offersRewritten).toBe(1);
    // Only the signed prefix was downloaded (the host answered 12 to each: the proxy served them).
    const { prefixBytes: signedBytes, sizeBytes } = forgery.offer;
    expect(forgery.servedOffsets.length).toBe(Math.ceil(signedBytes / SOFTWARE_CHUNK_MAX_BYTES));
    expect(forgery.servedOffsets.length * SOFTWARE_CHUNK_MAX_BYTES).toBeLessThan(signedBytes + sizeBytes);

    const version = await rig.terminal(TID, ['version']);
    expect(version.code).toBe(0);
    expect(version.json).toMatchObject({
      runningVersion: '0.2.0',
      installed: ['0.2.0'],
      refused: [],
      download: null,
      pendingReports: 0,
      lastResult: { state: 'refused', version: '0.3.0', code: 'SOFTWARE_DOWNGRADE' },
    });
    // The refusal names the 0.1.5 rollout with version 0.3.0: the host answers 12 and files it nowhere
    // (docs/TMS.md §2.2); the terminal dropped it all the same (no pending report). The rollout still
    // counts the terminal, which runs 0.2.0, as installed.
    expect(await rig.rolloutState(wrongRollout, TID)).toMatchObject({
      state: 'installed',
      reasonCode: null,
      reasonText: null,
    });
  });
});
