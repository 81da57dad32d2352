import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from 'vitest';

const run = promisify(execFile);
const bin = fileURLToPath(new URL('../bin/payterm.js', import.meta.url));

// Runs the installed entry point as a user would (needs the build that `npm install` / `npm test` performs).
test('payterm prints the overview and exits 0', async () => {
  const { stdout } = await run(process.execPath, [bin]);
  expect(stdout).toContain('PayTerm');
  expect(stdout).toContain('payterm iso8583 decode');
});

test('bad input exits 2 with a JSON error on stderr', async () => {
  const failure = await run(process.execPath, [bin, 'iso8583', 'decode', 'XYZ']).catch(
    (error: unknown) => error,
  );
  expect(failure).toMatchObject({ code: 2 });
  expect(JSON.parse((failure as { stderr: string }).stderr)).toMatchObject({ code: 'CLI_INVALID_HEX' });
});

test('payterm tools prints JSON on stdout', async () => {
  const { stdout } = await run(process.execPath, [
    bin,
    'tools',
    'kcv',
    '--alg',
    'tdes',
    '0123456789ABCDEFFEDCBA9876543210',
  ]);
  expect(JSON.parse(stdout)).toEqual({ algorithm: 'tdes', method: 'encrypt-zeros', kcv: '08D7B4' });
});
