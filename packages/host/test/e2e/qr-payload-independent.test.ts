import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO } from '../../src/app/demo-data.js';
import type { TestTerminal } from '../../src/testing/test-terminal.js';
import { openTcpTestHost, type TcpTestHost } from '../support/tcp-host.js';

/** The part of the `emvqr` npm package used here: an EMVCo MPM decoder written by others. */
interface EmvqrObject {
  readonly id: string;
  readonly data: string | Readonly<Record<string, EmvqrObject>>;
}
const emvqr = createRequire(import.meta.url)('emvqr') as {
  decode(payload: string): Readonly<Record<string, EmvqrObject>>;
};

function sub(object: EmvqrObject | undefined, id: string): string | undefined {
  const data = object?.data;
  return typeof data === 'object' ? (data[id]?.data as string | undefined) : undefined;
}

// Conformance judged from outside: the order payload the host sends is read by an independent
// EMVCo parser (test-only dependency), which also checks the CRC.
describe('merchant-presented payloads read by an independent EMVCo parser', () => {
  let host: TcpTestHost;
  let terminal: TestTerminal;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    terminal = await host.connectTerminal();
    await terminal.signIn();
  });

  afterAll(async () => {
    await host.cleanup();
  });

  it('decodes every object of the order payload, and refuses it once the amount is altered', async () => {
    const order = await terminal.qrOrder(12_34);
    expect(order.response.responseCode).toBe('00');
    const payload = order.response.mpmPayload ?? '';
    const decoded = emvqr.decode(payload);
    expect(decoded['00']?.data).toBe('01');
    expect(decoded['01']?.data).toBe('12');
    expect(sub(decoded['26'], '00')).toBe('com.payterm.pay');
    expect(sub(decoded['26'], '01')).toBe(DEMO.mid);
    expect(String(decoded['52']?.data)).toMatch(/^5812/);
    expect(String(decoded['53']?.data)).toMatch(/^156/);
    expect(decoded['54']?.data).toBe('12.34');
    expect(String(decoded['58']?.data)).toMatch(/^CN/);
    expect(decoded['59']?.data).toBe(DEMO.merchantName);
    expect(decoded['60']?.data).toBe(DEMO.city);
    expect(sub(decoded['62'], '01')).toBe(order.response.rrn);
    expect(() => emvqr.decode(payload.replace('540512.34', '540512.35'))).toThrow(/checksum/);
  });
});
