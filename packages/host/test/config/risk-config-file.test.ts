import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadRiskConfigFile } from '../../src/config/risk-config-file.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';

function file(content: string): string {
  const path = join(mkdtempSync(join(tmpdir(), 'payterm-risk-')), 'risk.json');
  writeFileSync(path, content);
  return path;
}

describe('--risk-config', () => {
  it('reads a JSON file of rules, the rest keeping defaults', async () => {
    const config = await loadRiskConfigFile(
      file('{"blockedBinPrefixes":["400000"],"velocity":{"maxCountPerDay":5}}'),
    );
    expect(config).toEqual({ blockedBinPrefixes: ['400000'], velocity: { maxCountPerDay: 5 } });
  });

  it('names the setting and the place of a problem', async () => {
    for (const [content, message] of [
      ['not json', /not JSON/],
      ['{"velocity":{"maxCountPerDay":-1}}', /velocity\.maxCountPerDay/],
      ['{"blockedBinPrefixes":["62x"]}', /blockedBinPrefixes\.0/],
    ] as const) {
      await expect(loadRiskConfigFile(file(content))).rejects.toMatchObject({
        code: 'HOST_CONFIG_INVALID',
        details: { setting: '--risk-config' },
        message,
      });
    }
    await expect(loadRiskConfigFile('/nonexistent/risk.json')).rejects.toMatchObject({
      code: 'HOST_CONFIG_INVALID',
    });
  });
});

describe('a host with blocked BINs', () => {
  let host: TcpTestHost;
  let terminal: TestTerminal;
  beforeAll(async () => {
    host = await openTcpTestHost('sqlite', { risk: { blockedBinPrefixes: ['400000'] } });
    terminal = await host.connectTerminal();
    await terminal.signIn();
  });
  afterAll(async () => {
    await host.cleanup();
  });

  it('declines a card of a blocked range with 62 and records the rule', async () => {
    const visa = await terminal.sale({ pan: '4000001000000018', amountMinor: 10_00, pin: '1234' });
    expect(visa.response.responseCode).toBe('62');
    const [stored] = (await host.runtime.repositories.transactions.search({ responseCode: '62', limit: 5 }))
      .items;
    expect(stored?.declineRule).toBe('blocked-bin');
    const unionPay = await terminal.sale({ pan: '6200001000000011', amountMinor: 10_00, pin: '123456' });
    expect(unionPay.response.responseCode).toBe('00');
  });
});
