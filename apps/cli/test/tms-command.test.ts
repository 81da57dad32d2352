import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '@payterm/cli';
import { DEMO_SOFTWARE_KEY_ID, readPackage } from '@payterm/software';
import { runPayterm } from '../../../packages/host/test/support/host-process.js';
import { fakeIo } from './fake-io.js';

// `payterm tms keygen | package | inspect`. The process tests run the compiled CLI on the real build
// of the terminal application (npx tsc -b first), as an operator would.

let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'payterm-cli-tms-'));
});

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

/** Parses stdout as JSON when it is JSON (help text is not). */
function jsonOf(text: string): Record<string, unknown> | undefined {
  try {
    return JSON.parse(text) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

async function run(args: readonly string[]) {
  const io = fakeIo();
  const code = await runCli(args, io);
  return { code, out: io.out, err: io.err, json: jsonOf(io.out) };
}

function errorOf(stderr: string): Record<string, unknown> {
  return JSON.parse(stderr.trim().split('\n').at(-1)!) as Record<string, unknown>;
}

/** A small application module of our own: what --payload packages as is. */
function appModule(
  name: string,
  source = 'export const TERMINAL_APP_ABI = 1;\nexport const hello = () => "你好";\n',
): string {
  const file = join(scratch, name);
  writeFileSync(file, source);
  return file;
}

function flipped(file: string, offset: (bytes: Uint8Array) => number, name: string): string {
  const bytes = new Uint8Array(readFileSync(file));
  bytes[offset(bytes)]! ^= 0x01;
  const out = join(scratch, name);
  writeFileSync(out, bytes);
  return out;
}

describe('payterm tms: help and bad input', () => {
  it('has --help on tms and on each command', async () => {
    for (const args of [['tms'], ['tms', 'keygen'], ['tms', 'package'], ['tms', 'inspect']]) {
      const { code, out } = await run([...args, '--help']);
      expect(code, args.join(' ')).toBe(0);
      expect(out).toContain('Usage: payterm tms');
    }
    const { out } = await run(['tms', 'package', '--help']);
    for (const flag of [
      '--version',
      '--min-version',
      '--notes-en',
      '--notes-zh',
      '--payload',
      '--out',
      '--demo-key',
      '--data',
      '--db',
    ]) {
      expect(out).toContain(flag);
    }
  });

  it('exits 2 with a typed JSON error for each kind of bad input', async () => {
    const out = join(scratch, 'never.ptpkg');
    const cases: [readonly string[], string][] = [
      [['tms', 'package', '--version', '1.2', '--out', out, '--demo-key'], 'SOFTWARE_MALFORMED'],
      [
        ['tms', 'package', '--version', '1.2.0', '--min-version', '1.x', '--out', out, '--demo-key'],
        'SOFTWARE_MALFORMED',
      ],
      [
        ['tms', 'package', '--version', '1.2.0', '--out', out, '--demo-key', '--data', scratch],
        'CLI_INVALID_OPTION',
      ],
      [
        ['tms', 'package', '--version', '1.2.0', '--out', out, '--demo-key', '--notes-en', 'x'],
        'CLI_INVALID_OPTION',
      ],
      [['tms', 'package', '--version', '1.2.0', '--demo-key'], 'CLI_USAGE'],
      [
        ['tms', 'package', '--version', '1.2.0', '--out', out, '--data', join(scratch, 'no-host')],
        'CLI_SIGNING_KEY_MISSING',
      ],
      [
        [
          'tms',
          'package',
          '--version',
          '1.2.0',
          '--out',
          out,
          '--demo-key',
          '--payload',
          join(scratch, 'missing.js'),
        ],
        'CLI_INPUT_UNREADABLE',
      ],
      [
        [
          'tms',
          'package',
          '--version',
          '1.2.0',
          '--out',
          out,
          '--demo-key',
          '--payload',
          appModule('no-abi.js', 'export const x = 1;\n'),
        ],
        'SOFTWARE_BUILD_FAILED',
      ],
      [
        [
          'tms',
          'package',
          '--version',
          '1.2.0',
          '--out',
          join(scratch, 'no-dir', 'x.ptpkg'),
          '--demo-key',
          '--payload',
          appModule('ok.js'),
        ],
        'CLI_OUTPUT_UNWRITABLE',
      ],
      [['tms', 'inspect', join(scratch, 'missing.ptpkg')], 'CLI_INPUT_UNREADABLE'],
      [['tms', 'inspect', appModule('not-a-package.js')], 'SOFTWARE_MALFORMED'],
      [['tms', 'inspect', '--public-key', 'abcd', appModule('x.js')], 'CLI_INVALID_OPTION'],
    ];
    for (const [args, code] of cases) {
      const result = await run(args);
      expect(result.code, args.join(' ')).toBe(2);
      expect(errorOf(result.err), args.join(' ')).toMatchObject({ code });
    }
  });
});

describe('payterm tms keygen and package with the host HSM (SQLite data directory)', () => {
  it('creates the key once, signs with it, and inspect verifies against its public key only', async () => {
    const data = join(scratch, 'host-data');
    const first = await run(['tms', 'keygen', '--data', data]);
    expect(first.code).toBe(0);
    expect(first.json).toMatchObject({ created: true, lmk: 'created' });
    expect(first.json?.['keyId']).toMatch(/^[0-9a-f]{16}$/);
    expect(first.json?.['publicKey']).toMatch(/^[0-9a-f]{64}$/);
    const again = await run(['tms', 'keygen', '--data', data]);
    expect(again.json).toMatchObject({ created: false, lmk: 'file', keyId: first.json?.['keyId'] });

    const file = join(scratch, 'hsm-signed.ptpkg');
    const packaged = await run([
      'tms',
      'package',
      '--version',
      '2.0.0',
      '--payload',
      appModule('app.js'),
      '--out',
      file,
      '--data',
      data,
    ]);
    expect(packaged.code).toBe(0);
    expect(packaged.json).toMatchObject({
      version: '2.0.0',
      minVersion: '0.0.0',
      keyId: first.json?.['keyId'],
      demoKey: false,
    });

    const unknown = await run(['tms', 'inspect', file]);
    expect(unknown.code).toBe(3);
    expect(unknown.json).toMatchObject({
      valid: false,
      signature: 'SOFTWARE_UNKNOWN_KEY',
      payload: 'not checked',
    });
    const trusted = await run(['tms', 'inspect', '--public-key', String(first.json?.['publicKey']), file]);
    expect(trusted.code).toBe(0);
    expect(trusted.json).toMatchObject({
      valid: true,
      signature: 'valid',
      payload: 'valid',
      keyId: first.json?.['keyId'],
      demoKey: false,
    });
  });
});

describe('payterm tms package on the real build (compiled CLI)', () => {
  let file: string;

  it('packages the terminal application with a higher version than the factory 0.1.0 and inspects it', async () => {
    file = join(scratch, 'terminal-0.2.0.ptpkg');
    const packaged = await runPayterm(
      [
        'tms',
        'package',
        '--version',
        '0.2.0',
        '--min-version',
        '0.1.0',
        '--notes-en',
        'Next version',
        '--notes-zh',
        '下一版本',
        '--out',
        file,
        '--demo-key',
      ],
      60_000,
    );
    expect(packaged.stderr).toBe('');
    expect(packaged.code).toBe(0);
    const summary = JSON.parse(packaged.stdout) as {
      sizes: { payload: number; package: number };
      keyId: string;
      abi: number;
    };
    expect(summary).toMatchObject({ keyId: DEMO_SOFTWARE_KEY_ID, abi: 1 });
    expect(summary.sizes.payload).toBeGreaterThan(50_000);

    const inspected = await runPayterm(['tms', 'inspect', file]);
    expect(inspected.code).toBe(0);
    const report = JSON.parse(inspected.stdout) as Record<string, unknown>;
    expect(report).toMatchObject({
      valid: true,
      signature: 'valid',
      payload: 'valid',
      keyId: DEMO_SOFTWARE_KEY_ID,
      demoKey: true,
      manifest: {
        format: 1,
        appId: 'payterm.terminal',
        version: '0.2.0',
        minVersion: '0.1.0',
        abi: 1,
        releaseNotes: { en: 'Next version', zh: '下一版本' },
      },
      sizes: { package: summary.sizes.package, signature: 64, payload: summary.sizes.payload },
    });
    const payload = readPackage(new Uint8Array(readFileSync(file))).payload;
    const module = (await import(
      `data:text/javascript;base64,${Buffer.from(payload).toString('base64')}`
    )) as Record<string, unknown>;
    expect(module['TERMINAL_APP_ABI']).toBe(1);
  });

  it('detects tampering: payload, manifest, signature, truncation', async () => {
    const payloadFlip = flipped(file, (bytes) => bytes.length - 10, 'payload.ptpkg');
    const manifestFlip = flipped(file, () => 40, 'manifest.ptpkg');
    const signatureFlip = flipped(file, (bytes) => readPackage(bytes).payloadOffset - 1, 'signature.ptpkg');
    const expectations: [string, Record<string, unknown>][] = [
      [payloadFlip, { signature: 'valid', payload: 'SOFTWARE_BAD_HASH' }],
      [
        manifestFlip,
        { signature: expect.stringMatching(/^SOFTWARE_(BAD_SIGNATURE|UNKNOWN_KEY)$/) as unknown },
      ],
      [signatureFlip, { signature: 'SOFTWARE_BAD_SIGNATURE', payload: 'not checked' }],
    ];
    for (const [tampered, expected] of expectations) {
      const result = await runPayterm(['tms', 'inspect', tampered]);
      expect(result.code, tampered).toBe(3);
      expect(JSON.parse(result.stdout)).toMatchObject({ valid: false, ...expected });
    }
    const bytes = readFileSync(file);
    const cutPayload = join(scratch, 'cut-payload.ptpkg');
    writeFileSync(cutPayload, bytes.subarray(0, bytes.length - 100));
    const cut = await runPayterm(['tms', 'inspect', cutPayload]);
    expect(cut.code).toBe(3);
    expect(JSON.parse(cut.stdout)).toMatchObject({ signature: 'valid', payload: 'SOFTWARE_TRUNCATED' });
    const cutHeader = join(scratch, 'cut-header.ptpkg');
    writeFileSync(cutHeader, bytes.subarray(0, 30));
    const header = await runPayterm(['tms', 'inspect', cutHeader]);
    expect(header.code).toBe(2);
    expect(errorOf(header.stderr)).toMatchObject({ code: 'SOFTWARE_TRUNCATED', part: 'manifest' });
  });
});
