import { assertInvariant } from '@payterm/kernel';
import { TerminalError } from '../errors.js';
import type { HostConnection, HostLink } from '../ports/host-link.js';

/**
 * The host reached over several links in order (the TMS's primary and secondary addresses, tags
 * 20/21): each `connect` tries the first, and only when it is unreachable the next. Every attempt
 * gets the whole timeout, as a terminal that dials its backup host gives it the same chance.
 */
export class FailoverHostLink implements HostLink {
  private readonly links: readonly HostLink[];
  private lastConnected: HostLink;

  constructor(links: readonly HostLink[]) {
    const [first] = links;
    assertInvariant(first !== undefined, 'a failover link needs at least one link');
    this.links = [...links];
    this.lastConnected = first;
  }

  /** The address last connected to; before that, the first. */
  get endpoint(): string {
    return this.lastConnected.endpoint;
  }

  /** Every address in the order they are tried. */
  get endpoints(): readonly string[] {
    return this.links.map((link) => link.endpoint);
  }

  /** Rejects with TERMINAL_HOST_UNREACHABLE naming every address and why each failed. */
  async connect(timeoutMs: number): Promise<HostConnection> {
    const failures: { endpoint: string; reason: string }[] = [];
    let last: unknown;
    for (const link of this.links) {
      try {
        const connection = await link.connect(timeoutMs);
        this.lastConnected = link;
        return connection;
      } catch (error) {
        // Anything but an unreachable host (a broken invariant) is not a reason to try the next one.
        if (!(error instanceof TerminalError) || error.code !== 'TERMINAL_HOST_UNREACHABLE') throw error;
        failures.push({ endpoint: link.endpoint, reason: String(error.details['reason'] ?? error.message) });
        last = error;
      }
    }
    if (failures.length === 1) throw last;
    const reason = failures.map((failure) => `${failure.endpoint} ${failure.reason}`).join(', ');
    throw new TerminalError(
      'TERMINAL_HOST_UNREACHABLE',
      `the host could not be reached at any of its addresses: ${reason}`,
      { endpoint: this.endpoints.join(' '), reason, timeoutMs },
      { cause: last },
    );
  }
}
