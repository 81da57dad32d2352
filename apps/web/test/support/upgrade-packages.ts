import { SimulatedClock } from '@payterm/kernel';
import { buildPackage, DEMO_SOFTWARE_PUBLIC_KEY, signWithDemoKey } from '@payterm/software';
import { bundleTerminalApp } from '@payterm/software/node';
import { applicationFromModule, type TerminalApplication } from '@payterm/terminal';

/** The current build of the terminal application (the built @payterm/terminal: `npx tsc -b` first). */
export async function currentApplication(): Promise<Uint8Array> {
  return (await bundleTerminalApp()).payload;
}

/** A module that throws while it loads: a package that verifies but whose application never starts. */
export const THROWING_MODULE = new TextEncoder().encode(
  "throw new Error('this application refuses to load');\nexport const TERMINAL_APP_ABI = 1;\n",
);

/** A package of `payload` as `version`, signed with the published demo key (demo terminals trust it). */
export async function demoSignedPackage(version: string, payload: Uint8Array): Promise<Uint8Array> {
  const built = await buildPackage({
    version,
    releaseNotes: { zh: `版本 ${version}`, en: `Version ${version}` },
    payload,
    sign: signWithDemoKey,
    publicKey: DEMO_SOFTWARE_PUBLIC_KEY,
    clock: new SimulatedClock(Date.UTC(2026, 11, 1)),
  });
  return built.bytes;
}

/**
 * Node has no blob URLs: tests load an application module from a data URL, the same bytes the page
 * would import from its blob URL.
 */
export async function importFromDataUrl(payload: Uint8Array): Promise<TerminalApplication> {
  const url = `data:text/javascript;base64,${Buffer.from(payload).toString('base64')}`;
  return applicationFromModule(await import(/* @vite-ignore */ url));
}
