import { SimulatedClock } from '@payterm/kernel';
import { buildPackage, DEMO_SOFTWARE_PUBLIC_KEY, signWithDemoKey } from '@payterm/software';

/** A terminal application package signed with the demo key, with a payload of `payloadBytes` bytes. */
export async function demoPackage(
  version: string,
  payloadBytes = 2_000,
  minVersion = '0.0.0',
): Promise<Uint8Array> {
  const payload = new TextEncoder().encode(
    `export const version = '${version}';\n`.padEnd(payloadBytes, '/'),
  );
  const built = await buildPackage({
    version,
    minVersion,
    releaseNotes: { zh: `版本 ${version}`, en: `Version ${version}` },
    payload,
    sign: signWithDemoKey,
    publicKey: DEMO_SOFTWARE_PUBLIC_KEY,
    clock: new SimulatedClock(Date.UTC(2026, 10, 20)),
  });
  return built.bytes;
}
