import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_DIALECTS } from '../support/database.js';
import { openTestRuntime, type TestRuntime } from '../support/runtime.js';
import { DEMO } from '../../src/app/demo-data.js';

for (const dialect of TEST_DIALECTS) {
  describe(`HostRuntime [${dialect}]`, () => {
    let host: TestRuntime;
    beforeAll(async () => {
      host = await openTestRuntime(dialect);
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('seeds the demo merchant, terminals with their TMK and the test cards on first start', async () => {
      const { runtime } = host;
      expect(runtime.demoSeeded).toBe(true);
      const merchant = await runtime.repositories.merchants.get(DEMO.mid);
      expect(merchant?.name).toBe('PayTerm Demo Store');
      for (const tid of DEMO.tids) {
        const terminal = await runtime.repositories.terminals.get(tid);
        expect(terminal?.batchNo).toBe('000001');
        expect(terminal?.signedIn).toBe(false);
        const tmk = await runtime.hsm.getKey(terminal?.tmkKeyId ?? '');
        expect(tmk.kcv).toBe(DEMO.tmkKcv);
        expect((await runtime.repositories.batches.get(tid, '000001'))?.status).toBe('open');
      }
      const accounts = await runtime.repositories.issuerAccounts.listAll();
      expect(accounts).toHaveLength(13);
      expect(JSON.stringify(accounts)).not.toContain('6200001000000011');
    });

    it('keeps its keys and data across a restart and does not seed twice', async () => {
      const before = await host.runtime.repositories.settings.get('hsm.pan-hash-key');
      const runtime = await host.restart();
      expect(runtime.demoSeeded).toBe(false);
      expect(await runtime.repositories.settings.get('hsm.pan-hash-key')).toBe(before);
      expect(await runtime.repositories.terminals.list()).toHaveLength(2);
      expect(await runtime.issuer.balance('6200001000000011')).toMatchObject({ availableMinor: 10_000_000 });
    });
  });
}
