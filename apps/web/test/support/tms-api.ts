/** The host's terminal management API (`/api/tms`) as an operator calls it, with the start banner's token. */
export class TmsApi {
  constructor(
    readonly baseUrl: string,
    readonly token: string,
  ) {}

  async #call<T>(method: string, path: string, body?: Uint8Array | object): Promise<T> {
    const binary = body instanceof Uint8Array;
    const response = await fetch(`${this.baseUrl}/api/tms${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined
          ? {}
          : { 'content-type': binary ? 'application/octet-stream' : 'application/json' }),
      },
      ...(body === undefined ? {} : { body: binary ? Buffer.from(body) : JSON.stringify(body) }),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} /api/tms${path} answered ${response.status}: ${text}`);
    return JSON.parse(text) as T;
  }

  /** Publishes a `.ptpkg`; returns its package id. */
  async publish(file: Uint8Array): Promise<number> {
    return (await this.#call<{ id: number }>('POST', '/packages', file)).id;
  }

  /** Rolls a package out to these TIDs; returns the rollout id. */
  async rollOut(packageId: number, tids: readonly string[]): Promise<number> {
    const rollout = await this.#call<{ id: number }>('POST', '/rollouts', {
      packageId,
      target: { kind: 'list', tids },
    });
    return rollout.id;
  }

  /** A targeted terminal's state in a rollout (`installed`, `rolled-back` with reason …). */
  async terminalInRollout(
    rolloutId: number,
    tid: string,
  ): Promise<{ state: string; reasonCode: string | null; reasonText: string | null } | undefined> {
    const view = await this.#call<{
      terminals: { tid: string; state: string; reasonCode: string | null; reasonText: string | null }[];
    }>('GET', `/rollouts/${rolloutId}`);
    return view.terminals.find((terminal) => terminal.tid === tid);
  }

  /** The fleet view's entry of a terminal. */
  async fleetEntry(tid: string): Promise<
    | {
        runningVersion: string | null;
        rollouts: { rolloutId: number; version: string; state: string }[];
      }
    | undefined
  > {
    const fleet = await this.#call<{
      items: {
        tid: string;
        runningVersion: string | null;
        rollouts: { rolloutId: number; version: string; state: string }[];
      }[];
    }>('GET', '/fleet');
    return fleet.items.find((entry) => entry.tid === tid);
  }
}
