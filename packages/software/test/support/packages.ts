import { SimulatedClock } from '@payterm/kernel';
import {
  buildPackage,
  DEMO_SOFTWARE_PUBLIC_KEY,
  signWithDemoKey,
  type BuiltPackage,
  type VerifyOptions,
} from '@payterm/software';

export const PAYLOAD = new TextEncoder().encode(
  'export const TERMINAL_APP_ABI = 1;\nexport const hello = "你好";\n',
);

export const CLOCK = new SimulatedClock(Date.UTC(2026, 11, 7, 10));

/** A package signed with the demo key. */
export function demoPackage(
  overrides: { version?: string; minVersion?: string; payload?: Uint8Array } = {},
): Promise<BuiltPackage> {
  return buildPackage({
    version: overrides.version ?? '1.2.0',
    minVersion: overrides.minVersion ?? '1.0.0',
    releaseNotes: { zh: '修复结算', en: 'Settlement fix' },
    payload: overrides.payload ?? PAYLOAD,
    sign: signWithDemoKey,
    publicKey: DEMO_SOFTWARE_PUBLIC_KEY,
    clock: CLOCK,
  });
}

export const TRUSTING_DEMO: VerifyOptions = {
  trustedKeys: [DEMO_SOFTWARE_PUBLIC_KEY],
  installedVersions: ['1.0.0', '1.1.0'],
  runningVersion: '1.1.0',
  abi: 1,
};

export function hex(text: string): Uint8Array {
  return Uint8Array.from(Buffer.from(text, 'hex'));
}
