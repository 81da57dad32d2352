import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const PIN = '123456';
const TID = DEMO.tids[0];

for (const dialect of TEST_DIALECTS) {
  describe(`velocity counters across a host restart [${dialect}]`, () => {
    let host: TcpTestHost;
    let terminal: TestTerminal;

    async function reconnect(): Promise<void> {
      terminal = await host.connectTerminal(TID, 5_000, { lastStan: terminal.lastStan ?? 0 });
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
      terminal = await host.connectTerminal();
      expect((await terminal.signIn()).response.responseCode).toBe('00');
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('counts the day’s 30 sales after a restart as before it', async () => {
      const pan = '6200001000000011';
      for (let index = 0; index < 30; index += 1) {
        expect(
          (await terminal.sale({ pan, amountMinor: 1_00 + index, pin: PIN })).response.responseCode,
        ).toBe('00');
      }
      await host.restartHost();
      await reconnect();
      const over = await terminal.sale({ pan, amountMinor: 9_99, pin: PIN });
      expect(over.response.responseCode).toBe('65');
    });

    // A running host keeps counting a pre-auth after its completion; the rebuild after a restart must too.
    it('counts a completed pre-auth after a restart as before it', async () => {
      const pan = '6200001000000029';
      for (let index = 0; index < 29; index += 1) {
        expect(
          (await terminal.sale({ pan, amountMinor: 2_00 + index, pin: PIN })).response.responseCode,
        ).toBe('00');
      }
      const preauth = await terminal.preauth({ pan, amountMinor: 10_00, pin: PIN });
      expect((await terminal.completion(preauth, 10_00)).response.responseCode).toBe('00');
      const before = await terminal.sale({ pan, amountMinor: 5_00, pin: PIN });
      expect(before.response.responseCode).toBe('65');
      await host.restartHost();
      await reconnect();
      const after = await terminal.sale({ pan, amountMinor: 5_01, pin: PIN });
      expect(after.response.responseCode).toBe('65');
    });
  });
}
