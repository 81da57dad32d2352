import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const TID = '10000001';
const SUPERVISOR = '123456';
/** A well-formed customer payment code no wallet issued (contract: unknown code → `14`). */
const UNKNOWN_CODE = '6212345678901234567';

describe('QR payments (menu 5) against the real host over TCP', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({ port: host.port, tid: TID });
    expect((await rig.start()).approved).toBe(true);
  });

  afterAll(async () => {
    rig.faults.goOnline();
    await rig.close();
    await host.cleanup();
  });

  it('checks what the operator typed before anything is sent', async () => {
    const sent = rig.faults.requests().length;
    await expect(rig.terminal.qrCustomerSale(100, '1234')).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
      details: { option: 'code' },
    });
    await expect(rig.terminal.qrCustomerSale(0, UNKNOWN_CODE)).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
      details: { option: 'amount' },
    });
    await expect(rig.terminal.qrOrderStatus('short')).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
      details: { option: 'order' },
    });
    await expect(rig.terminal.qrRefund('12345', 100, SUPERVISOR)).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
      details: { option: 'voucher' },
    });
    await expect(rig.terminal.qrVoid('123456789012', 'wrong1')).rejects.toMatchObject({
      code: 'TERMINAL_PASSWORD_WRONG',
    });
    // A QR void names a QR sale of this batch: none with that voucher here.
    await expect(rig.terminal.qrVoid('123456789012', SUPERVISOR)).rejects.toMatchObject({
      code: 'TERMINAL_TRANSACTION_UNKNOWN',
    });
    expect(rig.faults.requests().length).toBe(sent);
  });

  it('sends a customer code as 0200 with 22 = 032 and 59 A3; an unknown code is declined 14 and kept masked', async () => {
    const outcome = await rig.terminal.qrCustomerSale(1_500, UNKNOWN_CODE);
    expect(outcome).toMatchObject({ approved: false, outcome: 'declined', responseCode: '14' });
    expect(outcome.record).toMatchObject({
      type: 'qr-sale',
      status: 'declined',
      entry: 'qr',
      entryMode: '032',
      brand: 'QR',
      scope: 'domestic',
      maskedPan: '621234*********4567',
      amount: { amountMinor: 1_500, currency: '156' },
    });
    expect(outcome.slips).toHaveLength(0);
    const request = rig.faults.requests({ mti: '0200' }).at(-1);
    expect(request?.fields[22]).toBe('032');
    expect(request?.fields[59]).toBe(`A3019${UNKNOWN_CODE}`);
    expect(request?.fields[2]).toBeUndefined();
    // The code is a bearer secret: only sealed and masked on disk.
    expect(JSON.stringify(await rig.journal())).not.toContain(UNKNOWN_CODE);
  });

  it('reverses a customer QR sale whose answer was lost: the 0400 carries the code again, no card', async () => {
    rig.faults.dropNextResponse({ mti: '0200', processingCode: '000000', messageType: '22' });
    const outcome = await rig.terminal.qrCustomerSale(2_000, UNKNOWN_CODE);
    expect(outcome).toMatchObject({ approved: false, outcome: 'timeout', responseCode: null });
    expect(outcome.record).toMatchObject({ type: 'qr-sale', status: 'reversed' });
    const reversal = rig.faults.requests({ mti: '0400' }).at(-1);
    expect(reversal?.stan).toBe(outcome.record.stan);
    expect(reversal?.fields[22]).toBe('032');
    expect(reversal?.fields[59]).toBe(`A3019${UNKNOWN_CODE}`);
    expect(reversal?.fields[2]).toBeUndefined();
    expect(rig.terminal.status().pending).toEqual([]);
  });

  it('refunds by voucher as 0220 with 59 A4; an unknown voucher is declined 25', async () => {
    const outcome = await rig.terminal.qrRefund('000000000001', 300, SUPERVISOR);
    expect(outcome).toMatchObject({ approved: false, responseCode: '25' });
    expect(outcome.record).toMatchObject({
      type: 'qr-refund',
      status: 'declined',
      maskedPan: '',
      original: { voucher: '000000000001' },
    });
    const request = rig.faults.requests({ mti: '0220' }).at(-1);
    expect(request?.fields[59]).toBe('A4012000000000001');
  });

  it('repeats an unanswered QR refund with the same STAN and takes the host’s answer', async () => {
    rig.faults.dropNextResponse({ mti: '0220' });
    const outcome = await rig.terminal.qrRefund('000000000002', 400, SUPERVISOR);
    expect(outcome.outcome).toBe('timeout');
    const sent = rig.faults.requests({ mti: '0220' }).filter((entry) => entry.stan === outcome.record.stan);
    expect(sent).toHaveLength(2);
    expect(sent[1]?.fields[59]).toBe(sent[0]?.fields[59]);
    expect(rig.faults.requests({ mti: '0400' }).some((entry) => entry.stan === outcome.record.stan)).toBe(
      false,
    );
    // The repeat was answered with the refund's own answer (an unknown voucher: 25).
    expect(outcome.record).toMatchObject({ type: 'qr-refund', status: 'declined', responseCode: '25' });
  });
});
