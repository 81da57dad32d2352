import { afterEach, describe, expect, it } from 'vitest';
import { createCipher, createCupEcbMac } from '@payterm/crypto';
import { createCodec, cupPosSpec } from '@payterm/iso8583';
import { TestTerminal, TerminalError, type TestTerminalOptions } from '../../src/testing/index.js';
import { DEMO, FakeHost, type FakeHostOptions } from './fake-host.js';

const DEBIT_CARD = '6200001000000011';
const cleanups: (() => Promise<void>)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setup(
  hostOptions: FakeHostOptions = {},
  terminalOptions: Partial<TestTerminalOptions> = {},
): Promise<{ host: FakeHost; terminal: TestTerminal }> {
  const { host, port } = await FakeHost.start(hostOptions);
  cleanups.push(() => host.close());
  const terminal = await TestTerminal.connect({
    host: '127.0.0.1',
    port,
    ...DEMO,
    timeoutMs: 5000,
    ...terminalOptions,
  });
  cleanups.push(() => terminal.close());
  return { host, terminal };
}

async function rejection(promise: Promise<unknown>): Promise<TerminalError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  expect(error).toBeInstanceOf(TerminalError);
  return error as TerminalError;
}

describe('TestTerminal sign-in', () => {
  it('adopts the working keys (KCVs checked) and the host batch; 63 is the an3 operator', async () => {
    const { host, terminal } = await setup({ batch: '000042' });
    expect(terminal.signedIn).toBe(false);
    const { request, response } = await terminal.signIn();
    expect(response.responseCode).toBe('00');
    expect(request).toMatchObject({ kind: 'sign-in', keyLayout: '004', operator: '001', stan: '000001' });
    expect(terminal.workingKeys?.pik).toEqual(host.keys?.pik);
    expect(terminal.workingKeys?.mak).toEqual(host.keys?.mak);
    expect(terminal.workingKeys?.tdk).toEqual(host.keys?.tdk);
    expect(terminal.batch).toBe('000042');
    expect(terminal.signedIn).toBe(true);
  });

  it("matches a sign-in answer that carries the host's own STAN, but never a duplicate of an answered one", async () => {
    const { terminal } = await setup({
      script: (request) => {
        if (request.kind === 'sign-in') return { stan: '900001' };
        return request.stan === '000101' ? { delayMs: 20, duplicate: true } : { delayMs: 150 };
      },
    });
    const { response } = await terminal.signIn();
    expect(response.responseCode).toBe('00');
    expect(terminal.signedIn).toBe(true);

    // The duplicate answer of echo 101 arrives while echo 102 waits: it must not be taken for 102's.
    const [first, second] = await Promise.all([
      terminal.send({ kind: 'echo', stan: '000101' }),
      terminal.send({ kind: 'echo', stan: '000102' }),
    ]);
    expect(terminal.codec.unpack(first.responseBytes).fields[11]).toBe('000101');
    expect(terminal.codec.unpack(second.responseBytes).fields[11]).toBe('000102');
    expect(terminal.unmatched.map((received) => received.message?.fields[11])).toEqual(['000101']);
  });

  it.each(['PIK', 'MAK', 'TDK'] as const)(
    'refuses working keys whose %s check value does not match',
    async (key) => {
      const { terminal } = await setup({ corruptKcv: key });
      const error = await rejection(terminal.signIn());
      expect(error.code).toBe('TERMINAL_SIGN_IN_KEYS_INVALID');
      expect(error.details['reason']).toBe('CRYPTO_KCV_MISMATCH');
      expect(error.message).toContain(key);
      expect(terminal.signedIn).toBe(false);
    },
  );
});

describe('TestTerminal sale', () => {
  it('sends a MAC the host verifies under the MAK and a PIN block that decrypts under the PIK', async () => {
    const { host, terminal } = await setup();
    await terminal.signIn();
    const exchange = await terminal.sale({ pan: DEBIT_CARD, amountMinor: 12_345, pin: '123456' });
    const seen = host.received.at(-1);
    expect(seen?.macValid).toBe(true);
    expect(seen?.pin).toBe('123456');
    expect(exchange.request.card).toMatchObject({
      pan: DEBIT_CARD,
      expiry: '3012',
      entryMode: '051',
      track2: `${DEBIT_CARD}=30122010000000000`,
      pinCaptureCode: '06',
      securityControl: '2600000000000000',
    });
    expect(exchange.request).toMatchObject({ tid: DEMO.tid, mid: DEMO.mid, stan: '000002', batch: '000042' });
    expect(exchange.response).toMatchObject({ kind: 'sale', responseCode: '00', rrn: '330000000002' });

    // The bytes on the wire: field 64 is the POS ECB MAC of MTI … field 63 under the MAK.
    const codec = createCodec(cupPosSpec);
    const { message, layout } = codec.unpackWithLayout(exchange.requestBytes);
    const mak = createCupEcbMac(createCipher, terminal.workingKeys?.mak ?? new Uint8Array(8));
    expect(mak.verify(layout.macInput(exchange.requestBytes), message.fields[64] as Uint8Array)).toBe(true);
    expect(message.mti).toBe('0200');

    expect(terminal.journal.entries).toEqual([
      expect.objectContaining({
        kind: 'sale',
        stan: '000002',
        amountMinor: 12_345,
        scope: 'domestic',
        date: '1126',
      }),
    ]);
  });

  it('sends no PIN data without a PIN (chip, no PIN: 052)', async () => {
    const { host, terminal } = await setup();
    await terminal.signIn();
    const { request } = await terminal.sale({ pan: DEBIT_CARD, amountMinor: 500 });
    expect(request.card.entryMode).toBe('052');
    expect(request.card.pinBlock).toBeUndefined();
    expect(host.received.at(-1)?.pin).toBeUndefined();
  });

  it('needs working keys for a MAC or a PIN', async () => {
    const { terminal } = await setup();
    expect(() => terminal.sale({ pan: DEBIT_CARD, amountMinor: 100, pin: '1234' })).toThrow(
      expect.objectContaining({ code: 'TERMINAL_NOT_SIGNED_IN' }),
    );
    const error = await rejection(terminal.sale({ pan: DEBIT_CARD, amountMinor: 100 }));
    expect(error.code).toBe('TERMINAL_NOT_SIGNED_IN');
  });

  it('matches concurrent requests by STAN when the host answers out of order', async () => {
    const { host, terminal } = await setup({
      script: (request) =>
        'amount' in request ? { delayMs: (20 - (request.amount.amountMinor % 100)) * 5 } : {},
    });
    await terminal.signIn();
    const amounts = Array.from({ length: 20 }, (_, index) => 1000 + index);
    const exchanges = await Promise.all(
      amounts.map((amountMinor) => terminal.sale({ pan: DEBIT_CARD, amountMinor })),
    );
    for (const [index, exchange] of exchanges.entries()) {
      expect(exchange.request.amount.amountMinor).toBe(amounts[index]);
      expect(exchange.response.rrn).toBe(`330000${exchange.request.stan}`);
    }
    const saleStans = exchanges.map((exchange) => exchange.request.stan);
    const answerOrder = host.answered.filter((stan) => saleStans.includes(stan));
    expect(answerOrder).not.toEqual(saleStans);
    expect([...answerOrder].sort()).toEqual([...saleStans].sort());
    expect(terminal.journal.entries).toHaveLength(20);
  });

  it('refuses a second request with a STAN that is still waiting', async () => {
    const { terminal } = await setup({
      script: (request) => ({ delayMs: request.kind === 'echo' ? 100 : 0 }),
    });
    const first = terminal.send({ kind: 'echo', stan: '000777' });
    const error = await rejection(terminal.send({ kind: 'echo', stan: '000777' }));
    expect(error.code).toBe('TERMINAL_STAN_IN_FLIGHT');
    expect((await first).response.responseCode).toBe('00');
  });
});

describe('TestTerminal failures', () => {
  it('throws TERMINAL_RESPONSE_MAC_INVALID for an approved response with a bad MAC, and reverses with A0', async () => {
    const { host, terminal } = await setup({
      script: (request) => ({ badMac: request.kind === 'sale' }),
    });
    await terminal.signIn();
    const error = await rejection(terminal.sale({ pan: DEBIT_CARD, amountMinor: 2000, pin: '123456' }));
    expect(error.code).toBe('TERMINAL_RESPONSE_MAC_INVALID');
    expect(error.details['reason']).toBe('PROTOCOL_MAC_MISMATCH');
    expect(error.request?.kind).toBe('sale');
    expect(error.response?.responseCode).toBe('00');
    expect(JSON.stringify(error)).not.toContain(DEBIT_CARD);
    expect(terminal.journal.entries).toHaveLength(0);

    const original = error.request;
    if (original === undefined) throw new Error('the error carries its request');
    const { request, response } = await terminal.reversal(original, 'A0');
    expect(response.responseCode).toBe('00');
    expect(request).toMatchObject({
      kind: 'reversal',
      reversedKind: 'sale',
      reason: 'A0',
      stan: original.stan,
    });
    const seen = host.requests('reversal')[0];
    expect(seen).toMatchObject({
      stan: original.stan,
      reason: 'A0',
      amount: { amountMinor: 2000, currency: '156' },
    });
    expect(seen?.card?.pinBlock).toBeUndefined();
    expect(seen?.card?.pinCaptureCode).toBeUndefined();
    expect(seen?.card?.pan).toBe(DEBIT_CARD);
    expect(host.received.at(-1)?.macValid).toBe(true);
  });

  it('throws TERMINAL_RESPONSE_TIMEOUT when no response comes, then reverses with 98', async () => {
    const { host, terminal } = await setup({
      script: (request) => ({ silent: request.kind === 'sale' }),
    });
    await terminal.signIn();
    const error = await rejection(terminal.sale({ pan: DEBIT_CARD, amountMinor: 9198 }, { timeoutMs: 150 }));
    expect(error.code).toBe('TERMINAL_RESPONSE_TIMEOUT');
    expect(error.details).toMatchObject({ mti: '0210', timeoutMs: 150 });
    const original = error.request;
    if (original === undefined) throw new Error('the error carries its request');
    const { response } = await terminal.reversal(original);
    expect(response.responseCode).toBe('00');
    expect(host.requests('reversal')[0]).toMatchObject({ reason: '98', stan: original.stan });
  });

  it('keeps late and duplicate responses as unmatched messages', async () => {
    const { terminal } = await setup({ script: (request) => ({ duplicate: request.kind === 'echo' }) });
    const { request } = await terminal.echo();
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(terminal.unmatched).toHaveLength(1);
    expect(terminal.unmatched[0]?.message?.fields[11]).toBe(request.stan);
  });

  it('sends a raw malformed message and hands back the next unclaimed message', async () => {
    const reply = Uint8Array.of(0x60, 0x00, 0x00, 0x00, 0x03, 0xff);
    const { terminal } = await setup({ malformedReply: reply });
    const received = await terminal.sendRawAndWait(
      Uint8Array.of(0x60, 0x00, 0x03, 0x00, 0x00, 0x01, 0x02),
      2000,
    );
    expect(received.bytes).toEqual(reply);
    expect(received.message).toBeUndefined();
  });

  it('fails waiting requests with TERMINAL_CONNECTION_CLOSED when the link closes', async () => {
    const { terminal } = await setup({ script: () => ({ silent: true }) });
    const waiting = rejection(terminal.echo());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await terminal.close();
    expect((await waiting).code).toBe('TERMINAL_CONNECTION_CLOSED');
    expect((await rejection(terminal.echo())).code).toBe('TERMINAL_CONNECTION_CLOSED');
  });

  it('refuses a malformed TMK, TID or MID', () => {
    const link = {
      send: () => undefined,
      sendUnframed: () => undefined,
      onMessage: () => () => undefined,
      closed: new Promise<void>(() => undefined),
      close: () => Promise.resolve(),
    };
    expect(() => TestTerminal.over(link, { ...DEMO, tmkHex: '0123' })).toThrow(
      expect.objectContaining({ code: 'TERMINAL_INVALID_OPTION', details: { option: 'tmkHex' } }),
    );
    expect(() => TestTerminal.over(link, { ...DEMO, tid: '1' })).toThrow(
      expect.objectContaining({ details: { option: 'tid' } }),
    );
  });
});
