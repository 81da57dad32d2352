import { hexToBytes, SoftwareHsm } from '@payterm/crypto';
import { SeededRandom } from '@payterm/kernel';
import { expect, it } from 'vitest';
import { KyselyKeyStore, openDatabase } from '../../src/storage/index.js';
import { describeEachDatabase } from '../support/database.js';

const LMK = hexToBytes('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F');

describeEachDatabase('KyselyKeyStore under a software HSM', (getDatabase, _dialect, location) => {
  it('keeps keys across a restart: a new HSM over a reopened database uses the same key', async () => {
    const first = new SoftwareHsm({
      lmk: LMK,
      random: new SeededRandom(1),
      store: new KyselyKeyStore(getDatabase().db),
    });
    const tmk = await first.generateKey({ type: 'TMK' });
    const kcv = await first.keyCheckValue(tmk);

    const { url, schema } = location();
    const reopened = await openDatabase(url, schema === undefined ? {} : { schema });
    try {
      const store = new KyselyKeyStore(reopened.db);
      const blob = await store.get(tmk.id);
      // Only the TR-31 block under the LMK is stored, never the clear key.
      expect(blob).toMatch(/^D/);
      const second = new SoftwareHsm({ lmk: LMK, random: new SeededRandom(2), store });
      const handle = await second.getKey(tmk.id);
      expect(await second.keyCheckValue(handle)).toEqual(kcv);
    } finally {
      await reopened.close();
    }
  });
});
