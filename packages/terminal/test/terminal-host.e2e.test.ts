import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  openTcpTestHost,
  openTerminalRig,
  type TcpTestHost,
  type TerminalRig,
} from './support/terminal-rig.js';

describe('the terminal against the real host over TCP', () => {
  let host: TcpTestHost;
  let rig: TerminalRig;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    rig = await openTerminalRig({ port: host.port });
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('refuses a sale before login and before sign-in', async () => {
    await expect(rig.terminal.sale(100)).rejects.toMatchObject({ code: 'TERMINAL_LOGIN_REQUIRED' });
    await rig.terminal.login('01', '0000');
    await expect(rig.terminal.sale(100)).rejects.toMatchObject({ code: 'TERMINAL_NOT_SIGNED_IN' });
  });

  it('signs in: keys checked, batch adopted, clock offset set', async () => {
    const outcome = await rig.terminal.signIn();
    expect(outcome.approved).toBe(true);
    expect(outcome.checkValues.pik).toMatch(/^[0-9A-F]{8}$/);
    expect(outcome.checkValues.mak).toMatch(/^[0-9A-F]{8}$/);
    expect(outcome.batch).toMatch(/^\d{6}$/);
    expect(rig.terminal.status()).toMatchObject({ signedIn: true, batch: outcome.batch });
  });

  it('sells with a PIN: approved slip with the masked PAN, merchant then customer copy', async () => {
    rig.present('6200001000000011', 'insert', '123456');
    const outcome = await rig.terminal.sale(12_345);
    expect(outcome).toMatchObject({ approved: true, responseCode: '00', outcome: 'approved' });
    expect(outcome.record).toMatchObject({
      status: 'approved',
      maskedPan: '620000******0011',
      pinVerified: true,
    });
    expect(outcome.record.rrn).toMatch(/^\d{12}$/);
    expect(outcome.slips).toHaveLength(2);
    const text = outcome.slips[0]?.lines.join('\n') ?? '';
    expect(text).toContain('620000******0011');
    expect(text).not.toContain('6200001000000011');
    expect(outcome.slips[0]?.copy).toBe('merchant');
    expect(outcome.slips[1]?.copy).toBe('customer');
    expect(JSON.stringify(await rig.storage.list('journal'))).not.toContain('6200001000000011');
  });

  it('declines a wrong PIN with 55 and the catalogue text', async () => {
    rig.present('6200001000000011', 'insert', '999999');
    const outcome = await rig.terminal.sale(500);
    expect(outcome).toMatchObject({ approved: false, responseCode: '55', outcome: 'declined' });
    expect(outcome.message.en.length).toBeGreaterThan(0);
    expect(outcome.record.status).toBe('declined');
  });

  it('voids a sale with the supervisor password and the same card; a second void is refused', async () => {
    rig.present('6200001000000011', 'swipe', '123456');
    const sale = await rig.terminal.sale(2_000);
    expect(sale.approved).toBe(true);
    await expect(rig.terminal.voidSale(sale.record.stan, 'wrong1')).rejects.toMatchObject({
      code: 'TERMINAL_PASSWORD_WRONG',
    });
    rig.present('6200001000000029', 'swipe', '123456');
    await expect(rig.terminal.voidSale(sale.record.stan, '123456')).rejects.toMatchObject({
      code: 'TERMINAL_TRANSACTION_NOT_ALLOWED',
    });
    rig.present('6200001000000011', 'swipe', '123456');
    const voided = await rig.terminal.voidSale(sale.record.stan, '123456');
    expect(voided).toMatchObject({ approved: true, responseCode: '00' });
    expect(rig.terminal.transaction(sale.record.stan).voidedBy).toBe(voided.record.id);
    await expect(rig.terminal.voidSale(sale.record.stan, '123456')).rejects.toMatchObject({
      code: 'TERMINAL_TRANSACTION_NOT_ALLOWED',
    });
  });

  it('refunds part of a sale by RRN and date, and refuses more than is left', async () => {
    rig.present('6200001000000029', 'insert', '123456');
    const sale = await rig.terminal.sale(10_000);
    const rrn = sale.record.rrn ?? '';
    rig.present('6200001000000029', 'insert');
    const refund = await rig.terminal.refund({
      rrn,
      date: sale.record.date,
      amountMinor: 4_000,
      supervisorPassword: '123456',
    });
    expect(refund).toMatchObject({ approved: true, responseCode: '00' });
    expect(refund.record.pinVerified).toBe(false);
    await expect(
      rig.terminal.refund({ rrn, date: sale.record.date, amountMinor: 6_001, supervisorPassword: '123456' }),
    ).rejects.toMatchObject({ code: 'TERMINAL_TRANSACTION_NOT_ALLOWED' });
  });

  it('runs the pre-authorisation family: pre-auth, completion, completion void; pre-auth and cancel', async () => {
    rig.present('6200001000000029', 'insert', '123456');
    const auth = await rig.terminal.preauth(50_000);
    expect(auth.approved).toBe(true);
    const authCode = auth.record.authCode ?? '';
    const completion = await rig.terminal.completion({
      authCode,
      date: auth.record.date,
      amountMinor: 52_000,
    });
    expect(completion).toMatchObject({ approved: true });
    const completionVoid = await rig.terminal.completionVoid(completion.record.stan, '123456');
    expect(completionVoid).toMatchObject({ approved: true });
    const second = await rig.terminal.preauth(3_000);
    const cancel = await rig.terminal.preauthCancel({
      authCode: second.record.authCode ?? '',
      date: second.record.date,
      amountMinor: 3_000,
      supervisorPassword: '123456',
    });
    expect(cancel).toMatchObject({ approved: true });
  });

  it('keys a card number in only with the supervisor password', async () => {
    rig.present('6200001000000029', 'keyed');
    await expect(rig.terminal.sale(800)).rejects.toMatchObject({ code: 'TERMINAL_INVALID_INPUT' });
    const keyed = await rig.terminal.sale(800, '123456');
    expect(keyed).toMatchObject({ approved: true });
    expect(keyed.record).toMatchObject({ entry: 'keyed', entryMode: '012', pinVerified: false });
  });

  it('answers a balance inquiry with the balance', async () => {
    rig.present('6200001000000037', 'insert', '123456');
    const outcome = await rig.terminal.balance();
    expect(outcome).toMatchObject({ approved: true });
    expect(outcome.record.balanceMinor).toBe(1_000);
  });

  it('queries by voucher and type and totals by type and operator', () => {
    const sales = rig.terminal.query({ types: ['sale'], statuses: ['approved'] });
    expect(sales.length).toBeGreaterThanOrEqual(3);
    const totals = rig.terminal.totals();
    expect(totals.byOperator.map((row) => row.operator)).toEqual(['01']);
    expect(totals.byType.find((row) => row.type === 'sale')?.count).toBe(sales.length);
  });

  it('reprints the last slip with the reprint marker', async () => {
    const printed = await rig.terminal.reprintLast();
    expect(printed.slips[0]?.reprint).toBe(true);
    expect(printed.slips[0]?.lines.join('\n')).toContain('REPRINT');
  });

  it('reverses a sale the host never answers (9198) and says so', async () => {
    rig.present('6200001000000011', 'insert', '123456');
    const slow = await openTerminalRig({
      port: host.port,
      tid: '10000002',
      profile: { responseTimeoutMs: 400 },
    });
    try {
      await slow.terminal.login('01', '0000');
      await slow.terminal.signIn();
      const outcome = await slow.terminal.sale(19_198);
      expect(outcome).toMatchObject({ approved: false, outcome: 'timeout', responseCode: null });
      expect(outcome.record.status).toBe('reversed');
      expect(outcome.message.en).toContain('reversed');
      expect(slow.terminal.status().pending).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('diagnoses: echo round trip, key check values, batch, journal usage', async () => {
    const diagnostics = await rig.terminal.diagnose();
    expect(diagnostics.echo.approved).toBe(true);
    expect(diagnostics.echo.roundTripMs).not.toBeNull();
    expect(diagnostics.checkValues.tmk).toBe('08D7B4');
    expect(diagnostics.journal.documents).toBeGreaterThan(0);
  });

  it('settles: balanced totals, the settlement slip, the next batch', async () => {
    await rig.terminal.login('00', '123456');
    const batch = rig.terminal.status().batch;
    const outcome = await rig.terminal.settle();
    expect(outcome).toMatchObject({ approved: true, responseCode: '00' });
    expect(outcome.report).toMatchObject({ batch, balanced: true, uploadedCount: 0 });
    expect(outcome.slips[0]?.lines.join('\n')).toContain('BALANCED');
    expect(rig.terminal.status().batch).toBe(outcome.report?.nextBatch);
    rig.present('6200001000000011', 'insert', '123456');
    const next = await rig.terminal.sale(100);
    expect(next.record.batch).toBe(outcome.report?.nextBatch);
  });
});
