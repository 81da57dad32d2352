import { DEMO_SOFTWARE_PUBLIC_KEY } from '@payterm/software';
import { DEMO_TERMINALS } from '../demo-terminals.js';

/**
 * The software-signing public keys the web device's firmware is provisioned with (docs/TMS.md §1): a
 * demo TID trusts the published demo key, as it gets the published test TMK; any other terminal trusts
 * none until keys are provisioned, so it refuses every package (`UPGRADE_NO_TRUSTED_KEY`).
 */
export function firmwareSoftwareKeys(tid: string): readonly Uint8Array[] {
  return DEMO_TERMINALS[tid] === undefined ? [] : [DEMO_SOFTWARE_PUBLIC_KEY];
}
