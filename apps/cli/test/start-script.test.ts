import { readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { HOST_NODE_FLAGS } from '@payterm/host';

test('npm start runs the platform with the Node.js flags the host is tuned for', () => {
  const manifest = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    scripts: Record<string, string>;
  };
  const start = manifest.scripts['start'] ?? '';
  expect(start).toMatch(/apps\/cli\/bin\/payterm\.js start$/);
  for (const flag of HOST_NODE_FLAGS) expect(start).toContain(`node ${flag}`);
});
