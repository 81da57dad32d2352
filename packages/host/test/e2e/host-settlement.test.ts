import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import { TEST_DIALECTS } from '../support/database.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

const DEBIT = '6200001000000011';
const CREDIT = '6200001000000029';
const VISA = '4000001000000018';
const PIN = '123456';

interface AuditDetails {
  readonly type: string;
  readonly records?: number;
  readonly differences?: readonly Record<string, unknown>[];
  readonly uploaded?: number;
  readonly balanced?: boolean;
}

for (const dialect of TEST_DIALECTS) {
  describe(`settlement and batch upload over TCP [${dialect}]`, () => {
    let host: TcpTestHost;

    async function uploadAudit(tid: string, batchNo: string): Promise<AuditDetails[]> {
      const entries = await host.runtime.repositories.auditLog.list({
        action: 'batch-upload',
        subject: `${tid}/${batchNo}`,
      });
      return entries.map((entry) => JSON.parse(entry.detailsJson) as AuditDetails);
    }

    beforeAll(async () => {
      host = await openTcpTestHost(dialect);
    });
    afterAll(async () => {
      await host.cleanup();
    });

    it('unbalanced: result digits, magstripe upload with its differences audited, end 202, repeat answered from the stored result', async () => {
      const tid = DEMO.tids[0];
      const terminal = await host.connectTerminal(tid);
      expect((await terminal.signIn()).response.responseCode).toBe('00');
      const domestic = await terminal.sale({ pan: DEBIT, amountMinor: 31_31, pin: PIN });
      const foreign = await terminal.sale({ pan: VISA, amountMinor: 32_32, pin: '1234' });
      const declined = await terminal.sale({ pan: CREDIT, amountMinor: 33_33, pin: '000000' });
      expect([domestic, foreign, declined].map((exchange) => exchange.response.responseCode)).toEqual([
        '00',
        '00',
        '55',
      ]);

      const own = terminal.settlementTotals();
      const claimed = {
        ...own,
        domestic: { ...own.domestic, debitAmountMinor: own.domestic.debitAmountMinor + 1 },
      };
      const settlement = await terminal.settle(claimed);
      expect(settlement.response.responseCode).toBe('00');
      const totals = settlement.response.totals;
      expect(totals?.domestic.result).toBe('unbalanced');
      expect(totals?.foreign.result).toBe('balanced');

      const [first, second] = terminal.journal.uploadEntries();
      if (first === undefined || second === undefined) throw new Error('two approved sales to upload');
      const upload = await terminal.batchUploadMagstripe([
        { ...first, amountMinor: first.amountMinor + 1 },
        second,
        { foreign: false, stan: declined.request.stan, pan: CREDIT, amountMinor: 33_33 },
        { foreign: false, stan: '999999', pan: DEBIT, amountMinor: 1_00 },
      ]);
      expect(upload.response.responseCode).toBe('00');

      const repeated = await terminal.settle(claimed);
      expect(repeated.response.responseCode).toBe('00');
      expect(repeated.response.totals).toEqual(totals);

      const end = await terminal.batchUploadEnd(false, 4);
      expect(end.response.responseCode).toBe('00');
      expect(terminal.batch).toBe('000002');

      const audit = await uploadAudit(tid, '000001');
      const magstripe = audit.find((details) => details.type === 'magstripe');
      expect(magstripe?.records).toBe(4);
      expect(magstripe?.differences).toEqual([
        { stan: domestic.request.stan, problem: 'amount', terminalMinor: 31_32, hostMinor: 31_31 },
        { stan: declined.request.stan, problem: 'not-approved-at-host', hostStatus: 'declined' },
        { stan: '999999', problem: 'unknown-to-host' },
      ]);
      expect(audit.find((details) => details.type === 'end')).toMatchObject({ uploaded: 4, balanced: false });
      expect(JSON.stringify(audit)).not.toContain(DEBIT);

      const stored = await host.runtime.repositories.settlements.listForBatch(tid, '000001');
      expect(stored).toHaveLength(1);
      expect(stored[0]).toMatchObject({ domesticResult: 'unbalanced', foreignResult: 'balanced' });
      const next = await terminal.sale({ pan: DEBIT, amountMinor: 34_34, pin: PIN });
      expect(next.response.responseCode).toBe('00');
    });

    it('answers a settlement of a batch the host neither has open nor settled 77 with header digit 3', async () => {
      const terminal = await host.connectTerminal(DEMO.tids[0]);
      expect((await terminal.signIn()).response.responseCode).toBe('00');
      const settlement = await terminal.send({
        kind: 'settlement',
        batch: '000009',
        totals: terminal.settlementTotals(),
        currency: '156',
        operator: '001',
      });
      expect(settlement.response.responseCode).toBe('77');
      expect(settlement.response.processingRequirement).toBe('3');
    });

    it('answers a batch upload for a batch the host has not settled 77 with header digit 3; the terminal keeps its batch', async () => {
      const terminal = await host.connectTerminal(DEMO.tids[0]);
      expect((await terminal.signIn()).response.responseCode).toBe('00');
      const open = terminal.batch;
      const early = await terminal.batchUploadEnd(true, 0);
      expect(early.response.responseCode).toBe('77');
      expect(early.response.processingRequirement).toBe('3');
      expect(terminal.batch).toBe(open);
      const unknown = await terminal.send({
        kind: 'batch-upload',
        batch: '000009',
        upload: {
          type: 'magstripe',
          entries: [{ foreign: false, stan: '000001', pan: DEBIT, amountMinor: 1_00 }],
        },
      });
      expect(unknown.response.responseCode).toBe('77');
      expect(await uploadAudit(DEMO.tids[0], '000009')).toEqual([]);
      expect((await terminal.sale({ pan: DEBIT, amountMinor: 37_37, pin: PIN })).response.responseCode).toBe(
        '00',
      );
    });

    it('balanced: result digits 1/1, end 207 closes the batch', async () => {
      const tid = DEMO.tids[1];
      const terminal = await host.connectTerminal(tid);
      expect((await terminal.signIn()).response.responseCode).toBe('00');
      const sale = await terminal.sale({ pan: DEBIT, amountMinor: 35_35, pin: PIN });
      expect((await terminal.void(sale)).response.responseCode).toBe('00');
      expect(
        (await terminal.sale({ pan: VISA, amountMinor: 36_36, pin: '1234' })).response.responseCode,
      ).toBe('00');
      const settlement = await terminal.settle();
      expect(settlement.response.totals).toMatchObject({
        domestic: { result: 'balanced', debitCount: 1, creditCount: 1 },
        foreign: { result: 'balanced', debitCount: 1, creditCount: 0 },
      });
      const end = await terminal.batchUploadEnd(true, 0);
      expect(end.response.responseCode).toBe('00');
      expect(terminal.batch).toBe('000002');
      expect(await uploadAudit(tid, '000001')).toEqual([{ type: 'end', uploaded: 0, balanced: true }]);
      const batch = await host.runtime.repositories.batches.get(tid, '000001');
      expect(batch).toMatchObject({ status: 'settled', settlementResult: 'balanced' });
    });
  });
}
