import { assertInvariant } from '@payterm/kernel';
import type { HostLink } from '../ports/host-link.js';
import { parseHostAddress, type HostAddress, type TerminalProfile } from '../profile.js';
import { FailoverHostLink } from './failover-host-link.js';
import { TcpHostLink } from './tcp-host-link.js';

/**
 * Who chose the host and port handed to the Node shell: `explicit` (a flag, a variable, the code
 * that opened it) always wins; `default` gives way to the TMS addresses in the stored profile.
 */
export type HostAddressChoice = 'explicit' | 'default';

/** Which addresses a Node terminal connects to, and why (for `version` / `status`). */
export interface NodeHostAddress {
  /** `explicit` or `default`: the address given; `tms`: the profile's tags 20/21. */
  readonly source: 'explicit' | 'default' | 'tms';
  /** Tried in this order, `tcp://host:port`. */
  readonly endpoints: readonly string[];
}

export interface ChosenHostLink {
  readonly address: NodeHostAddress;
  /** A new link to the chosen addresses (each application the boot loader starts gets its own). */
  readonly link: () => HostLink;
}

function storedAddress(
  profile: TerminalProfile,
  key: 'primaryHost' | 'secondaryHost',
): HostAddress | undefined {
  const text = profile[key];
  if (text === undefined) return undefined;
  const address = parseHostAddress(text);
  // resolveProfile checked it before it was stored.
  assertInvariant(address !== undefined, `the stored ${key} is not host:port`, { [key]: text });
  return address;
}

/**
 * The given address, unless it is only the default and the stored profile has TMS addresses: then
 * the primary (tag 20; the given address when only tag 21 is set) and the secondary (tag 21).
 */
export function chooseHostLink(
  given: HostAddress,
  choice: HostAddressChoice,
  stored: TerminalProfile | undefined,
): ChosenHostLink {
  const primary = stored === undefined ? undefined : storedAddress(stored, 'primaryHost');
  const secondary = stored === undefined ? undefined : storedAddress(stored, 'secondaryHost');
  if (choice === 'explicit' || (primary === undefined && secondary === undefined)) {
    const link = (): HostLink => new TcpHostLink(given);
    return { address: { source: choice, endpoints: [link().endpoint] }, link };
  }
  const addresses = [primary ?? given, ...(secondary === undefined ? [] : [secondary])];
  const link = (): FailoverHostLink =>
    new FailoverHostLink(addresses.map((address) => new TcpHostLink(address)));
  return { address: { source: 'tms', endpoints: link().endpoints }, link };
}
