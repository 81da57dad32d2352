/** A host address of TMS tags 20/21, split for a socket: `host` without the brackets of an IPv6 literal. */
export interface HostAddress {
  readonly host: string;
  readonly port: number;
}

/**
 * `host:port` with a port 1–65535 (an IPv6 literal in brackets: `[::1]:8583`), as tags 20/21 carry
 * it; undefined when the text is not one. The host checks parameter sets and the terminal its profile
 * with this one rule, so a set the host accepts is one the terminal can apply.
 */
export function parseHostAddress(address: string): HostAddress | undefined {
  const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^\s:[\]]+)):(\d{1,5})$/.exec(address);
  const host = match?.[1] ?? match?.[2];
  const port = Number(match?.[3]);
  return host === undefined || port < 1 || port > 65_535 ? undefined : { host, port };
}

/** What `parseHostAddress` accepts, for error messages. */
export const HOST_ADDRESS_RULE = 'host:port with a port of 1-65535 (an IPv6 address in brackets)';

export function isHostAddress(address: string): boolean {
  return parseHostAddress(address) !== undefined;
}
