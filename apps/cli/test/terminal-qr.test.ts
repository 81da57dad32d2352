import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQRModule from 'jsqr';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HostProcess, runPayterm } from '../../../packages/host/test/support/host-process.js';
import type { Screen } from '@payterm/terminal';
import { ansiFrame, plainFrame } from '../src/commands/terminal/interactive/index.js';
import { qrBlocks } from '../src/commands/terminal/qr-commands.js';

// jsqr is a UMD bundle: under Node's ESM its default import is module.exports, whose `default` is the
// function (vitest may hand over the function itself).
const jsQR: typeof jsQRModule.default =
  (jsQRModule as unknown as { default?: typeof jsQRModule.default }).default ??
  (jsQRModule as unknown as typeof jsQRModule.default);

// Menu 5 from the command line: the compiled `payterm terminal qr-*` against a `payterm host` process.

interface Json {
  readonly [key: string]: unknown;
}

const CASHIER = ['--operator', '01', '--password', '2580'];
const SUPERVISOR = '246810';

/** Light module rows of a half-block drawing (dark terminal: blank = dark, blocks = light). */
const HALVES: Readonly<Record<string, readonly [boolean, boolean]>> = {
  ' ': [true, true],
  '▄': [true, false],
  '▀': [false, true],
  '█': [false, false],
};

/** Decodes a half-block QR drawing the way a phone would see it on a dark screen (jsQR). */
function decodeBlocks(drawing: string): string | undefined {
  const rows = drawing.split('\n').filter((line) => line.length > 0);
  const dark: boolean[][] = [];
  for (const row of rows) {
    const top: boolean[] = [];
    const bottom: boolean[] = [];
    for (const char of row) {
      const halves = HALVES[char];
      if (halves === undefined) return undefined;
      top.push(halves[0]);
      bottom.push(halves[1]);
    }
    dark.push(top, bottom);
  }
  const scale = 4;
  const width = (dark[0]?.length ?? 0) * scale;
  const height = dark.length * scale;
  const pixels = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y += 1) {
    for (let x = 0; x < width; x += 1) {
      const value = dark[Math.floor(y / scale)]?.[Math.floor(x / scale)] === true ? 0 : 255;
      pixels.set([value, value, value, 255], (y * width + x) * 4);
    }
  }
  return jsQR(pixels, width, height)?.data;
}

const PAYLOAD =
  '00020101021226530015com.payterm.pay0115898310058120001020810000001520458125303156540512.345802CN5918PayTerm Demo Store6008Shanghai62300112000223456789070810000001630482F1';

/** The device's qr.order screen as DeviceUi builds it. */
const ORDER_SCREEN: Screen = {
  id: 'qr.order',
  kind: 'keys',
  language: 'en',
  title: { zh: '扫码消费', en: 'QR sale' },
  body: ['Amount 12.34 CNY', 'Expires in 4:59', 'Waiting for the customer to pay'],
  status: null,
  slip: null,
  hint: 'Cancel: close the order',
  qr: { payload: PAYLOAD, expiresAt: '2026-11-26T02:05:00.000Z' },
};

describe('the QR code drawing', () => {
  it('decodes (jsQR) to the payload it was drawn from (qr-order)', async () => {
    expect(decodeBlocks(await qrBlocks(PAYLOAD))).toBe(PAYLOAD);
  });

  it('draws the device screen’s code under the display box, plain and ANSI, decodable', () => {
    const blockLines = (text: string): string =>
      text
        .split('\n')
        .filter((line) => /^[ ▀▄█]+$/.test(line) && line.includes('█'))
        .join('\n');
    const plain = plainFrame(ORDER_SCREEN);
    expect(plain).toContain('Waiting for the customer to pay');
    expect(decodeBlocks(blockLines(plain))).toBe(PAYLOAD);
    const ansi = ansiFrame(ORDER_SCREEN, 120);
    expect(decodeBlocks(blockLines(ansi))).toBe(PAYLOAD);
    expect(plainFrame({ ...ORDER_SCREEN, qr: undefined } as unknown as Screen)).not.toContain('█');
  });
});

describe('payterm terminal qr-* against payterm host', () => {
  let dataDir: string;
  let host: HostProcess;
  let terminal: (...args: string[]) => Promise<{ code: number | null; stdout: string; stderr: string }>;
  let json: (...args: string[]) => Promise<Json>;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'payterm-cli-qr-'));
    host = await HostProcess.start({ dataDir: join(dataDir, 'host') });
    const base = ['terminal', '--port', String(host.banner.isoPort), '--data', join(dataDir, 'terminal')];
    terminal = (...args) => runPayterm([...base, ...args]);
    json = async (...args) => {
      const run = await terminal('--json', ...args);
      expect(run.stderr).toBe('');
      return JSON.parse(run.stdout) as Json;
    };
    expect((await terminal('--operator', '01', '--password', '0000', 'passwd', '--new', '2580')).code).toBe(
      0,
    );
    expect(
      (await terminal('--operator', '00', '--password', '123456', 'passwd', '--new', SUPERVISOR)).code,
    ).toBe(0);
    expect(await json(...CASHIER, 'signin')).toMatchObject({ approved: true });
  }, 120_000);

  afterAll(async () => {
    await HostProcess.killAll();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('refuses a malformed payment code before sending it', async () => {
    const run = await terminal('--json', ...CASHIER, 'qr-pay', '--amount', '1.00', '--code', '1234');
    expect(run.code).toBe(2);
    expect(JSON.parse(run.stderr)).toMatchObject({ code: 'TERMINAL_INVALID_INPUT' });
  });

  it('charges a customer code: an unknown one is declined 14, exit 3, the code masked', async () => {
    const run = await terminal(
      '--json',
      ...CASHIER,
      'qr-pay',
      '--amount',
      '15.00',
      '--code',
      '6212345678901234567',
    );
    expect(run.code).toBe(3);
    const declined = JSON.parse(run.stdout) as Json;
    expect(declined).toMatchObject({
      approved: false,
      responseCode: '14',
      type: 'qr-sale',
      entry: 'qr',
      amountMinor: 1_500,
      maskedPan: '621234*********4567',
    });
    expect(run.stdout).not.toContain('6212345678901234567');
  });

  it('refunds by payment voucher with the supervisor password: an unknown voucher is declined 25', async () => {
    const run = await terminal(
      '--json',
      ...CASHIER,
      'qr-refund',
      '--voucher',
      '000000000001',
      '--amount',
      '3.00',
      '--supervisor-password',
      SUPERVISOR,
    );
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({
      approved: false,
      responseCode: '25',
      type: 'qr-refund',
      original: { paymentVoucher: '000000000001' },
    });
  });

  it('shows the merchant code (payload and a QR drawing that decodes to it), then its status and close', async () => {
    const run = await terminal(...CASHIER, 'qr-order', '--amount', '12.34');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const payload = lines.find((line) => line.startsWith('000201')) ?? '';
    expect(payload).toContain('540512.34');
    const orderLine = lines.find((line) => line.startsWith('order ')) ?? '';
    const orderRrn = orderLine.split(' ')[1] ?? '';
    expect(orderRrn).toMatch(/^[0-9A-Za-z]{12}$/);
    const drawing = lines.filter((line) => /^[ ▀▄█]+$/.test(line) && line.includes('█')).join('\n');
    expect(decodeBlocks(drawing)).toBe(payload);

    expect(await json(...CASHIER, 'qr-status', '--order', orderRrn)).toMatchObject({
      orderRrn,
      status: 'waiting',
      responseCode: '09',
    });
    expect(await json(...CASHIER, 'qr-close', '--order', orderRrn)).toMatchObject({
      orderRrn,
      status: 'closed',
      responseCode: '00',
    });
  });

  it('qr-order --wait gives up after --timeout-ms and closes the order', async () => {
    const run = await terminal(
      '--json',
      ...CASHIER,
      'qr-order',
      '--amount',
      '1.00',
      '--wait',
      '--poll-ms',
      '50',
      '--timeout-ms',
      '200',
    );
    expect(run.code).toBe(3);
    expect(JSON.parse(run.stdout)).toMatchObject({ status: 'closed', amountMinor: 100 });
  });
  /** The wallet's HTTP API (alice of test-cards.md), as the wallet page calls it. */
  async function wallet(path: string, body: Json, token?: string): Promise<{ status: number; body: Json }> {
    const response = await fetch(`http://127.0.0.1:${host.banner.httpPort}/api/wallet/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(token === undefined ? {} : { authorization: `Bearer ${token}` }),
      },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Json };
  }

  async function aliceSession(): Promise<string> {
    const session = await wallet('session', { user: 'alice', pin: '111111' });
    expect(session.status).toBe(200);
    return String(session.body['token']);
  }

  it('charges alice’s one-time pay code, prints the QR slip with the payment voucher, voids it', async () => {
    const token = await aliceSession();
    const issued = await wallet('pay-code', {}, token);
    expect(issued.status).toBe(200);
    const code = String(issued.body['code']);
    const sale = await json(...CASHIER, 'qr-pay', '--amount', '15.00', '--code', code);
    expect(sale).toMatchObject({ approved: true, responseCode: '00', type: 'qr-sale', entry: 'qr' });
    expect(sale['paymentVoucher']).toMatch(/^\d{12}$/);
    expect(sale['slip']).toContain('QR');
    expect(sale['slip']).toContain(String(sale['paymentVoucher']));
    expect(JSON.stringify(sale)).not.toContain(code);
    // Single use: the same code again is refused 14 and moves no money.
    const again = await terminal('--json', ...CASHIER, 'qr-pay', '--amount', '1.00', '--code', code);
    expect(again.code).toBe(3);
    expect(JSON.parse(again.stdout)).toMatchObject({ approved: false, responseCode: '14' });

    const voided = await json(
      ...CASHIER,
      'qr-void',
      '--voucher',
      String(sale['paymentVoucher']),
      '--supervisor-password',
      SUPERVISOR,
    );
    expect(voided).toMatchObject({
      approved: true,
      type: 'qr-void',
      amountMinor: 1_500,
      original: { paymentVoucher: sale['paymentVoucher'] },
    });
  });

  /** The last order alice paid: its payment voucher (the wallet's answer) and the terminal's status. */
  let paidOrder: { voucher: string; payment: Json } | undefined;

  it('an order alice pays from her wallet becomes the approved QR sale with its slip', async () => {
    const run = await terminal(...CASHIER, 'qr-order', '--amount', '12.34');
    expect(run.code).toBe(0);
    const lines = run.stdout.split('\n');
    const payload = lines.find((line) => line.startsWith('000201')) ?? '';
    const orderRrn = (lines.find((line) => line.startsWith('order ')) ?? '').split(' ')[1] ?? '';
    const token = await aliceSession();
    const paid = await wallet('orders/pay', { payload, pin: '111111' }, token);
    expect(paid.status).toBe(200);

    const status = await json(...CASHIER, 'qr-status', '--order', orderRrn);
    expect(status).toMatchObject({
      orderRrn,
      status: 'paid',
      responseCode: '00',
      payment: { approved: true, type: 'qr-sale', amountMinor: 1_234, orderRrn },
    });
    const payment = status['payment'] as Json;
    expect(payment['slip']).toContain('QR SALE');
    paidOrder = { voucher: String(paid.body['voucher']), payment };
    // Closing a paid order is refused (it must be refunded): the terminal reports it paid.
    expect(await json(...CASHIER, 'qr-close', '--order', orderRrn)).toMatchObject({ status: 'paid' });
  });

  it('records the paid order’s payment voucher (59 A4 of the 730000 answer) on the QR sale', () => {
    if (paidOrder === undefined) throw new Error('the order test did not run');
    expect(paidOrder.payment['paymentVoucher']).toBe(paidOrder.voucher);
    expect(paidOrder.payment['slip']).toContain(paidOrder.voucher);
  });

  it('refunds a QR payment partially and repeatedly, never beyond the original', async () => {
    const token = await aliceSession();
    const code = String((await wallet('pay-code', {}, token)).body['code']);
    const sale = await json(...CASHIER, 'qr-pay', '--amount', '10.00', '--code', code);
    expect(sale).toMatchObject({ approved: true });
    const refund = (amount: string) =>
      terminal(
        '--json',
        ...CASHIER,
        'qr-refund',
        '--voucher',
        String(sale['paymentVoucher']),
        '--amount',
        amount,
        '--supervisor-password',
        SUPERVISOR,
      );
    for (const amount of ['2.00', '3.00']) {
      const run = await refund(amount);
      expect(run.code).toBe(0);
      expect(JSON.parse(run.stdout)).toMatchObject({ approved: true, type: 'qr-refund' });
    }
    const tooMuch = await refund('5.01');
    expect(tooMuch.code).toBe(2);
    expect(JSON.parse(tooMuch.stderr)).toMatchObject({ code: 'TERMINAL_TRANSACTION_NOT_ALLOWED' });
    const rest = await refund('5.00');
    expect(JSON.parse(rest.stdout)).toMatchObject({ approved: true, amountMinor: 500 });
  });

  it('settles balanced with the QR sales, voids and refunds in the domestic half', async () => {
    const settled = await json('--operator', '00', '--password', SUPERVISOR, 'settle');
    expect(settled).toMatchObject({ approved: true, report: { balanced: true } });
  });
});
