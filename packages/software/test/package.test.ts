import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  canonicalManifestBytes,
  encodePackage,
  HEADER_LENGTH,
  packagePrefixLength,
  readPackage,
  signWithDemoKey,
  verifyPackage,
  verifyPrefix,
  type JsonValue,
  type SoftwareManifest,
  type VerifyOptions,
} from '@payterm/software';
import { demoPackage, PAYLOAD, TRUSTING_DEMO } from './support/packages.js';

function expectCode(action: () => unknown, code: string, details: Record<string, unknown> = {}): void {
  let caught: unknown;
  try {
    action();
  } catch (error) {
    caught = error;
  }
  expect(caught).toMatchObject({ name: 'SoftwareError', code, details });
}

/** Re-signs an edited manifest with the demo key: a package that is genuine but says something else. */
async function resigned(
  edit: (manifest: Record<string, unknown>) => void,
  payload = PAYLOAD,
): Promise<Uint8Array> {
  const { manifest } = await demoPackage();
  const copy = JSON.parse(JSON.stringify(manifest)) as Record<string, unknown>;
  edit(copy);
  const manifestBytes = new TextEncoder().encode(canonicalJson(copy as JsonValue));
  return encodePackage({ manifestBytes, signature: await signWithDemoKey(manifestBytes), payload });
}

describe('the package format', () => {
  it('round-trips: encode, read, verify', async () => {
    const built = await demoPackage();
    const read = readPackage(built.bytes);
    expect(new TextDecoder().decode(read.manifestBytes)).toBe(
      new TextDecoder().decode(canonicalManifestBytes(built.manifest)),
    );
    expect(read.signature).toHaveLength(64);
    expect(read.payload).toEqual(PAYLOAD);
    expect(read.payloadOffset).toBe(built.bytes.length - PAYLOAD.length);
    expect(packagePrefixLength(built.bytes.subarray(0, HEADER_LENGTH))).toBe(read.payloadOffset);

    const verified = verifyPackage(built.bytes, TRUSTING_DEMO);
    expect(verified.manifest).toEqual(built.manifest);
    expect(verified.payload).toEqual(PAYLOAD);
    expect(built.manifest).toMatchObject({
      format: 1,
      appId: 'payterm.terminal',
      version: '1.2.0',
      minVersion: '1.0.0',
      abi: 1,
      buildTime: '2026-12-07T10:00:00.000Z',
      size: PAYLOAD.length,
      keyId: 'a7e9bb7c5f701f02',
      releaseNotes: { zh: '修复结算', en: 'Settlement fix' },
    });
  });

  it('writes the manifest as canonical JSON: sorted keys, no white space', async () => {
    const { bytes } = await demoPackage();
    const text = new TextDecoder().decode(readPackage(bytes).manifestBytes);
    expect(text.startsWith('{"abi":1,"appId":"payterm.terminal","buildTime":')).toBe(true);
    expect(text).toBe(canonicalJson(JSON.parse(text) as JsonValue));
    expect(text).not.toContain('\n');
  });

  it('verifies the prefix alone (header, manifest, signature) before any payload arrives', async () => {
    const { bytes, manifest } = await demoPackage();
    const prefix = bytes.subarray(0, packagePrefixLength(bytes));
    expect(verifyPrefix(prefix, TRUSTING_DEMO).manifest).toEqual(manifest);
    expectCode(() => verifyPackage(prefix, TRUSTING_DEMO), 'SOFTWARE_TRUNCATED', { part: 'payload' });
  });
});

describe('every error code, in the §1 order', () => {
  it('SOFTWARE_UNKNOWN_KEY: no trusted key, or another key named', async () => {
    const { bytes } = await demoPackage();
    expectCode(() => verifyPackage(bytes, { ...TRUSTING_DEMO, trustedKeys: [] }), 'SOFTWARE_UNKNOWN_KEY', {
      keyId: 'a7e9bb7c5f701f02',
    });
    const other = new Uint8Array(32).fill(7);
    expectCode(
      () => verifyPackage(bytes, { ...TRUSTING_DEMO, trustedKeys: [other] }),
      'SOFTWARE_UNKNOWN_KEY',
    );
  });

  it('SOFTWARE_BAD_SIGNATURE: a changed manifest byte or signature byte', async () => {
    const { bytes } = await demoPackage();
    const manifest = bytes.slice();
    const at = new TextDecoder().decode(manifest).indexOf('Settlement fix');
    manifest[at] = 0x73; // "settlement fix"
    expectCode(() => verifyPackage(manifest, TRUSTING_DEMO), 'SOFTWARE_BAD_SIGNATURE', { part: 'signature' });
    const signature = bytes.slice();
    signature[readPackage(bytes).payloadOffset - 1]! ^= 0x01;
    expectCode(() => verifyPackage(signature, TRUSTING_DEMO), 'SOFTWARE_BAD_SIGNATURE');
  });

  it('checks the signature before it parses the manifest', async () => {
    const { bytes } = await demoPackage();
    const broken = bytes.slice();
    broken[HEADER_LENGTH] = 0x5b; // "[": not an object any more, but the signature fails first
    expectCode(() => verifyPackage(broken, TRUSTING_DEMO), 'SOFTWARE_BAD_SIGNATURE');
    const genuine = await resigned(() => undefined);
    expect(verifyPackage(genuine, TRUSTING_DEMO).manifest.version).toBe('1.2.0');
  });

  it('SOFTWARE_MALFORMED: a correctly signed manifest that is not JSON, not canonical or lacks a field', async () => {
    const notJsonBytes = new TextEncoder().encode('{"keyId":"a7e9bb7c5f701f02",');
    const notJson = encodePackage({
      manifestBytes: notJsonBytes,
      signature: await signWithDemoKey(notJsonBytes),
      payload: PAYLOAD,
    });
    expectCode(() => verifyPackage(notJson, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', { part: 'manifest' });

    const { manifest } = await demoPackage();
    const spaced = new TextEncoder().encode(JSON.stringify(manifest, null, 1));
    const notCanonical = encodePackage({
      manifestBytes: spaced,
      signature: await signWithDemoKey(spaced),
      payload: PAYLOAD,
    });
    expectCode(() => verifyPackage(notCanonical, TRUSTING_DEMO), 'SOFTWARE_UNKNOWN_KEY');

    const missing = await resigned((copy) => delete copy['sha256']);
    expectCode(() => verifyPackage(missing, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', { field: 'sha256' });
    const extra = await resigned((copy) => (copy['zz'] = 1));
    expectCode(() => verifyPackage(extra, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', { field: 'zz' });
    const badVersion = await resigned((copy) => (copy['version'] = '1.2'));
    expectCode(() => verifyPackage(badVersion, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', { field: 'version' });
    const minAbove = await resigned((copy) => (copy['minVersion'] = '9.0.0'));
    expectCode(() => verifyPackage(minAbove, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', { field: 'minVersion' });
  });

  it('SOFTWARE_MALFORMED in the header: magic, format version, lengths', async () => {
    const { bytes } = await demoPackage();
    const magic = bytes.slice();
    magic[0] = 0x51;
    expectCode(() => verifyPackage(magic, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', {
      part: 'header',
      offset: 0,
    });
    const format = bytes.slice();
    format[4] = 2;
    expectCode(() => verifyPackage(format, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', {
      part: 'header',
      offset: 4,
    });
    const huge = bytes.slice();
    huge[5] = 0x7f;
    expectCode(() => verifyPackage(huge, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', { part: 'header', offset: 5 });
    const signatureLength = bytes.slice();
    signatureLength[readPackage(bytes).payloadOffset - 65]! = 0x41;
    expectCode(() => verifyPackage(signatureLength, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', {
      part: 'signature',
    });
  });

  it('SOFTWARE_INCOMPATIBLE: another application, another ABI, a running version below minVersion', async () => {
    const otherApp = await resigned((copy) => (copy['appId'] = 'acme.terminal'));
    expectCode(() => verifyPackage(otherApp, TRUSTING_DEMO), 'SOFTWARE_INCOMPATIBLE', { field: 'appId' });
    const { bytes } = await demoPackage();
    expectCode(() => verifyPackage(bytes, { ...TRUSTING_DEMO, abi: 2 }), 'SOFTWARE_INCOMPATIBLE', {
      field: 'abi',
    });
    const old: VerifyOptions = { ...TRUSTING_DEMO, installedVersions: ['0.9.0'], runningVersion: '0.9.0' };
    expectCode(() => verifyPackage(bytes, old), 'SOFTWARE_INCOMPATIBLE', { field: 'minVersion' });
  });

  it('SOFTWARE_DOWNGRADE: the same version again (replay) or an older one, also a refused one', async () => {
    const { bytes } = await demoPackage({ version: '1.2.0' });
    expectCode(
      () => verifyPackage(bytes, { ...TRUSTING_DEMO, installedVersions: ['1.2.0'] }),
      'SOFTWARE_DOWNGRADE',
    );
    expectCode(
      () => verifyPackage(bytes, { ...TRUSTING_DEMO, highestVersion: '1.3.0' }),
      'SOFTWARE_DOWNGRADE',
      {
        highest: '1.3.0',
      },
    );
    expect(verifyPackage(bytes, { ...TRUSTING_DEMO, highestVersion: '1.1.9' }).manifest.version).toBe(
      '1.2.0',
    );
  });

  it('SOFTWARE_BAD_HASH: a tampered payload of the right size', async () => {
    const { bytes } = await demoPackage();
    const tampered = bytes.slice();
    tampered[tampered.length - 1]! ^= 0x20;
    expectCode(() => verifyPackage(tampered, TRUSTING_DEMO), 'SOFTWARE_BAD_HASH', { part: 'payload' });
  });

  it('SOFTWARE_TRUNCATED at each part, and SOFTWARE_MALFORMED for bytes after the payload', async () => {
    const { bytes } = await demoPackage();
    const { payloadOffset } = readPackage(bytes);
    expectCode(() => verifyPackage(bytes.subarray(0, 3), TRUSTING_DEMO), 'SOFTWARE_TRUNCATED', {
      part: 'header',
    });
    expectCode(() => verifyPackage(bytes.subarray(0, 20), TRUSTING_DEMO), 'SOFTWARE_TRUNCATED', {
      part: 'manifest',
    });
    expectCode(
      () => verifyPackage(bytes.subarray(0, payloadOffset - 10), TRUSTING_DEMO),
      'SOFTWARE_TRUNCATED',
      {
        part: 'signature',
      },
    );
    expectCode(
      () => verifyPackage(bytes.subarray(0, bytes.length - 1), TRUSTING_DEMO),
      'SOFTWARE_TRUNCATED',
      {
        part: 'payload',
      },
    );
    const longer = new Uint8Array(bytes.length + 1);
    longer.set(bytes);
    expectCode(() => verifyPackage(longer, TRUSTING_DEMO), 'SOFTWARE_MALFORMED', { part: 'payload' });
  });
});

describe('building', () => {
  it('refuses a signer that does not hold the given public key', async () => {
    const { buildPackage } = await import('@payterm/software');
    const input = {
      version: '1.0.0',
      releaseNotes: { zh: '', en: '' },
      payload: PAYLOAD,
      sign: signWithDemoKey,
      publicKey: new Uint8Array(32).fill(9),
    };
    await expect(buildPackage(input)).rejects.toMatchObject({ code: 'SOFTWARE_BAD_SIGNATURE' });
    await expect(buildPackage({ ...input, version: '1.0' })).rejects.toMatchObject({
      code: 'SOFTWARE_MALFORMED',
    });
  });

  it('canonicalManifestBytes refuses an invalid manifest', () => {
    expectCode(
      () => canonicalManifestBytes({ format: 1 } as unknown as SoftwareManifest),
      'SOFTWARE_MALFORMED',
    );
  });
});
