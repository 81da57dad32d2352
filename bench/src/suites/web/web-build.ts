import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository root (bench/dist/suites/web/ → ../../../../). */
export const REPO_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/**
 * `npm run build -w @payterm/web` into `outDir` instead of apps/web/dist: the bench measures the
 * sources as they are now, and a browser test reading apps/web/dist meanwhile is not disturbed.
 */
export function buildWebApp(outDir: string): Promise<void> {
  const args = [
    'run',
    'build',
    '-w',
    '@payterm/web',
    '--',
    '--outDir',
    outDir,
    '--emptyOutDir',
    '--logLevel',
    'warn',
  ];
  const child = spawn('npm', args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const keep = (chunk: Buffer): void => {
    output = (output + chunk.toString('utf8')).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code, signal) =>
      code === 0
        ? resolve()
        : reject(new Error(`npm ${args.join(' ')} failed (${signal ?? `code ${code}`}):\n${output}`)),
    );
  });
}
