import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostProcess, PAYTERM_BIN, runPayterm } from '../../../packages/host/test/support/host-process.js';
import { openBetterSqlite } from '../../../packages/terminal/src/node/better-sqlite3.js';

// The README's terminal session, run as a user would: the compiled `payterm` against a host process.

interface Json {
  readonly [key: string]: unknown;
}

describe('payterm terminal against payterm host', { timeout: 180_000 }, () => {
  let dataDir: string;
  let host: HostProcess;
  let terminal: (...args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;
  let json: (...args: string[]) => Promise<Json>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'payterm-cli-terminal-'));
    host = await HostProcess.start({ dataDir: join(dataDir, 'host') });
    const base = ['terminal', '--port', String(host.banner.isoPort), '--data', join(dataDir, 'terminal')];
    terminal = (...args) => runPayterm([...base, ...args]);
    json = async (...args) => {
      const run = await terminal('--json', ...args);
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as Json;
    };
  });

  afterAll(async () => {
    await HostProcess.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('forces the change of a published default password', async () => {
    const refused = await terminal('--operator', '01', '--password', '0000', 'signin');
    expect(refused.code).toBe(2);
    expect(JSON.parse(refused.stderr)).toMatchObject({ code: 'TERMINAL_PASSWORD_CHANGE_REQUIRED' });
    expect((await terminal('--operator', '01', '--password', '0000', 'passwd', '--new', '2580')).code).toBe(
      0,
    );
    expect(
      (await terminal('--operator', '00', '--password', '123456', 'passwd', '--new', '246810')).code,
    ).toBe(0);
  });

  it('signs in, sells, voids, refunds, queries and settles', async () => {
    const cashier = ['--operator', '01', '--password', '2580'];
    expect(await json(...cashier, 'signin')).toMatchObject({ approved: true, responseCode: '00' });
    const sale = await json(
      ...cashier,
      'sale',
      '--amount',
      '12.34',
      '--card',
      '6200001000000011',
      '--pin',
      '123456',
    );
    expect(sale).toMatchObject({
      approved: true,
      responseCode: '00',
      amount: '12.34',
      maskedPan: '620000******0011',
    });
    for (const key of ['stan', 'rrn', 'authCode', 'batch', 'slip', 'message'])
      expect(sale[key]).toEqual(expect.any(String));
    expect(sale['slip']).toContain('620000******0011');

    const voided = await json(
      ...cashier,
      'void',
      '--voucher',
      String(sale['stan']),
      '--supervisor-password',
      '246810',
      '--card',
      '6200001000000011',
      '--pin',
      '123456',
    );
    expect(voided).toMatchObject({ approved: true, type: 'void', amount: '12.34' });

    const second = await json(
      ...cashier,
      'sale',
      '--amount',
      '50.00',
      '--card',
      '4000001000000018',
      '--entry',
      'swipe',
    );
    const refund = await json(
      ...cashier,
      'refund',
      '--rrn',
      String(second['rrn']),
      '--date',
      String(second['date']),
      '--amount',
      '5.00',
      '--supervisor-password',
      '246810',
      '--card',
      '4000001000000018',
      '--entry',
      'swipe',
    );
    expect(refund).toMatchObject({ approved: true, type: 'refund', amount: '5.00' });

    const declined = await terminal(
      ...cashier,
      '--json',
      'sale',
      '--amount',
      '1.00',
      '--card',
      '6200001000000045',
      '--pin',
      '123456',
    );
    expect(declined.code).toBe(3);
    expect(JSON.parse(declined.stdout)).toMatchObject({ approved: false, responseCode: '41' });

    const query = await json(...cashier, 'query');
    expect((query['transactions'] as Json[]).map((row) => row['type'])).toEqual([
      'sale',
      'void',
      'sale',
      'refund',
      'sale',
    ]);

    const settled = await json('--operator', '00', '--password', '246810', 'settle');
    expect(settled).toMatchObject({ approved: true, report: { balanced: true } });
    expect(settled['slip']).toContain('BALANCED');
  });

  it('reverses at the next start a sale whose process was killed between send and response', async () => {
    const cashier = ['--operator', '01', '--password', '2580'];
    const balanceOf = async (): Promise<number> => {
      const inquiry = await json(...cashier, 'balance', '--card', '6200001000000011', '--pin', '123456');
      return inquiry['balanceMinor'] as number;
    };
    const before = await balanceOf();
    const child = spawn(
      process.execPath,
      [
        PAYTERM_BIN,
        'terminal',
        '--port',
        String(host.banner.isoPort),
        '--data',
        join(dataDir, 'terminal'),
        ...cashier,
        'sale',
        '--amount',
        '91.98',
        '--card',
        '6200001000000011',
        '--pin',
        '123456',
      ],
      { stdio: 'ignore' },
    );
    const journal = join(dataDir, 'terminal', 'journal.db');
    await waitFor(() => {
      if (!existsSync(journal)) return false;
      const database = openBetterSqlite(journal, 1_000);
      try {
        const rows = database.prepare("SELECT value FROM documents WHERE collection = 'journal'").all() as {
          value: string;
        }[];
        return rows.some((row) => (JSON.parse(row.value) as Json)['status'] === 'sending');
      } finally {
        database.close();
      }
    });
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));

    const status = await json('status');
    expect(status['pending']).toEqual([
      expect.objectContaining({ status: 'reversal-pending', action: 'reverse', reason: '98' }),
    ]);
    const next = await json(
      ...cashier,
      'sale',
      '--amount',
      '1.00',
      '--card',
      '6200001000000011',
      '--pin',
      '123456',
    );
    expect(next).toMatchObject({ approved: true });
    const all = await json(...cashier, 'query', '--type', 'sale');
    const killed = (all['transactions'] as Json[]).find((row) => row['amount'] === '91.98');
    // Killed after the record was written: the request may or may not have left. The reversal is
    // answered 00 (the host undid the sale) or 25 (it never saw it); either way no money moved.
    expect(killed).toMatchObject({ status: 'reversed' });
    expect(['00', '25']).toContain((killed?.['recovery'] as Json)['responseCode']);
    expect(await balanceOf()).toBe(before - 100);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      if (condition()) return;
    } catch {
      // the journal may not exist yet
    }
    if (Date.now() - started > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
