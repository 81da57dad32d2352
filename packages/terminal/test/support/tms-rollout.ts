import type { RolloutTerminalView } from '../../../host/src/tms/index.js';
import { demoPackage } from '../../../host/test/support/software-packages.js';
import type { TcpTestHost } from './terminal-rig.js';

/** Publishes `version` (signed with the demo key, `payloadBytes` of module) and rolls it out to `tid`. */
export async function rollOutTo(
  host: TcpTestHost,
  tid: string,
  version: string,
  payloadBytes: number,
): Promise<{ readonly file: Uint8Array; readonly rolloutId: number }> {
  const tms = host.runtime.services.tms;
  const file = await demoPackage(version, payloadBytes);
  const published = await tms.publish(file, 'test');
  const rollout = await tms.createRollout(
    { packageId: published.id, target: { kind: 'list', tids: [tid] } },
    'test',
  );
  return { file, rolloutId: rollout.id };
}

/** What the host's rollout view says about one terminal. */
export async function rolloutProgress(
  host: TcpTestHost,
  rolloutId: number,
  tid: string,
): Promise<RolloutTerminalView | undefined> {
  const view = await host.runtime.services.tms.rolloutView(rolloutId);
  return view.terminals.find((terminal) => terminal.tid === tid);
}
