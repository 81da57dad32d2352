import type { NodeHostAddress } from '@payterm/terminal/node';

const SOURCES: Record<NodeHostAddress['source'], string> = {
  tms: 'profile primaryHost/secondaryHost: TMS tags 20/21',
  explicit: '--host/--port or PAYTERM_TERMINAL_HOST/PORT',
  default: 'default; the TMS has set no address',
};

/** Where this start of the terminal connects and why: `tcp://a, then tcp://b (profile primaryHost/…)`. */
export function hostAddressText(address: NodeHostAddress): string {
  return `${address.endpoints.join(', then ')} (${SOURCES[address.source]})`;
}
