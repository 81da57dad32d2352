import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { HostProcess } from '../../../../packages/host/test/support/host-process.js';
import { ChunkProxy } from './chunk-proxy.js';
import { PaytermProcess, type PaytermExit } from './payterm-process.js';

export type Json = Record<string, unknown>;

/** A command's JSON result on stdout, or an error that shows what it printed instead. */
export function parseJson(exit: PaytermExit): Json {
  try {
    return JSON.parse(exit.stdout) as Json;
  } catch {
    throw new Error(`no JSON on stdout (exit ${String(exit.code)})\n${exit.stdout}\n${exit.stderr}`);
  }
}

/**
 * The TMS through the compiled CLI: `payterm start` (real TCP) in a scratch directory, a chunk proxy the
 * terminals reach it through, `payterm tms …` over the host's API, and one `payterm terminal` data
 * directory per TID whose administrator has changed the published default password. Run `npx tsc -b` first.
 */
export class TmsCliRig {
  private constructor(
    readonly scratch: string,
    readonly host: HostProcess,
    readonly proxy: ChunkProxy,
  ) {}

  /** The API flags of `payterm tms` commands. */
  get api(): string[] {
    return ['--url', this.host.httpUrl, '--token', this.host.banner.apiToken!];
  }

  static async start(scratchPrefix: string, tids: readonly string[]): Promise<TmsCliRig> {
    const scratch = mkdtempSync(join(tmpdir(), scratchPrefix));
    const host = await HostProcess.start({ dataDir: join(scratch, 'host'), command: 'start' });
    const rig = new TmsCliRig(scratch, host, await ChunkProxy.start(host.isoPort));
    for (const tid of tids) {
      const changed = await PaytermProcess.run(
        rig.terminalArgs(tid, '--operator', '99', '--password', '12345678', 'passwd', '--new', '87654321'),
      );
      expect(changed.code, changed.stderr).toBe(0);
    }
    return rig;
  }

  /** `payterm terminal` of `tid` through the proxy, with its own data directory. */
  terminalArgs(tid: string, ...args: string[]): string[] {
    return [
      'terminal',
      '--tid',
      tid,
      '--port',
      String(this.proxy.port),
      '--data',
      join(this.scratch, tid),
      ...args,
    ];
  }

  /** `payterm terminal --json …`: the exit code and the JSON result. */
  async terminal(
    tid: string,
    args: readonly string[],
    env: NodeJS.ProcessEnv = {},
  ): Promise<{ code: number | null; json: Json; stderr: string }> {
    const exit = await PaytermProcess.run(this.terminalArgs(tid, '--json', ...args), env);
    return { code: exit.code, json: parseJson(exit), stderr: exit.stderr };
  }

  /** `payterm tms …` over the API; it must succeed. */
  async tms(...args: string[]): Promise<Json> {
    const exit = await PaytermProcess.run(['tms', ...args, ...this.api]);
    expect(exit.code, exit.stderr).toBe(0);
    return parseJson(exit);
  }

  /** `payterm tms package` of `version`: the bundled application or `payload`, signed with the demo key by default. */
  async packageOf(
    version: string,
    options: { readonly payload?: string; readonly signing?: readonly string[] } = {},
  ): Promise<string> {
    const out = join(this.scratch, `terminal-${version}.ptpkg`);
    const exit = await PaytermProcess.run([
      'tms',
      'package',
      '--version',
      version,
      ...(options.payload === undefined ? [] : ['--payload', options.payload]),
      '--out',
      out,
      ...(options.signing ?? ['--demo-key']),
    ]);
    expect(exit.code, exit.stderr).toBe(0);
    return out;
  }

  /** Publishes `file` and rolls it out to `target` (`--tids …` or `--all`); returns the rollout id. */
  async rollOut(file: string, ...target: string[]): Promise<number> {
    const published = await this.tms('publish', file);
    const rollout = await this.tms('rollout', 'create', '--package', String(published['id']), ...target);
    return rollout['id'] as number;
  }

  async fleetEntry(tid: string): Promise<Json> {
    const fleet = await this.tms('fleet');
    return (fleet['items'] as Json[]).find((item) => item['tid'] === tid)!;
  }

  async rolloutState(rolloutId: number, tid: string): Promise<Json> {
    const status = await this.tms('rollout', 'status', String(rolloutId));
    return (status['terminals'] as Json[]).find((item) => item['tid'] === tid)!;
  }

  async close(): Promise<void> {
    await this.proxy.close();
    await HostProcess.killAll();
    rmSync(this.scratch, { recursive: true, force: true });
  }
}
