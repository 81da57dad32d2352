import { describe, expect, it } from 'vitest';
import { createCodec, cupPosSpec } from '@payterm/iso8583';
import {
  decodePosRequest,
  decodePosResponse,
  encodePosRequest,
  encodePosResponse,
  formatSettlementTotals,
  parseSettlementTotals,
  type SettlementRequest,
  type SettlementTotals,
} from '@payterm/protocol';
import { ENVELOPE } from './support/sample-requests.js';

const codec = createCodec(cupPosSpec);

const TOTALS: SettlementTotals = {
  domestic: {
    debitAmountMinor: 1_234_500,
    debitCount: 12,
    creditAmountMinor: 5_000,
    creditCount: 2,
    result: 'request',
  },
  foreign: { debitAmountMinor: 51, debitCount: 1, creditAmountMinor: 0, creditCount: 0, result: 'request' },
};

// Reference §7.2: amount n12, count n3, amount n12, count n3, result n1 — domestic, then foreign.
const DIGITS =
  '000001234500' +
  '012' +
  '000000005000' +
  '002' +
  '0' +
  '000000000051' +
  '001' +
  '000000000000' +
  '000' +
  '0';

describe('settlement field 48', () => {
  it('formats and parses both halves in reference order', () => {
    expect(DIGITS).toHaveLength(62);
    expect(formatSettlementTotals(TOTALS)).toBe(DIGITS);
    expect(parseSettlementTotals(DIGITS)).toEqual(TOTALS);
  });

  it('carries the host result digits for each half in the 0510', () => {
    const request: SettlementRequest = {
      kind: 'settlement',
      ...ENVELOPE,
      totals: TOTALS,
      currency: '156',
      operator: '001',
    };
    const sent = codec.pack(encodePosRequest(request));
    const received = decodePosRequest(codec.unpack(sent));
    expect(received).toEqual({ ok: true, value: request });
    const totals: SettlementTotals = {
      domestic: { ...TOTALS.domestic, result: 'balanced' },
      foreign: { ...TOTALS.foreign, result: 'unbalanced' },
    };
    const answer = encodePosResponse(request, { kind: 'settlement', responseCode: '00', totals });
    expect(answer.fields[48]).toBe(DIGITS.slice(0, 30) + '1' + DIGITS.slice(31, 61) + '2');
    const decoded = decodePosResponse(request, codec.unpack(codec.pack(answer)));
    expect(decoded.ok && decoded.value.kind === 'settlement' ? decoded.value.totals : undefined).toEqual(
      totals,
    );
  });

  it('echoes the request totals when the host gives none', () => {
    const request: SettlementRequest = {
      kind: 'settlement',
      ...ENVELOPE,
      totals: TOTALS,
      currency: '156',
      operator: '001',
    };
    expect(encodePosResponse(request, { kind: 'settlement', responseCode: '00' }).fields[48]).toBe(DIGITS);
  });

  it('rejects malformed digits and out-of-range totals, naming the field', () => {
    expect(() => parseSettlementTotals(DIGITS.slice(1))).toThrow(
      expect.objectContaining({ field: '48', responseCode: '30' }),
    );
    expect(() => parseSettlementTotals(DIGITS.slice(0, 30) + '7' + DIGITS.slice(31))).toThrow(
      expect.objectContaining({ code: 'PROTOCOL_INVALID_FIELD', field: '48.5' }),
    );
    const tooMany = { ...TOTALS, foreign: { ...TOTALS.foreign, debitCount: 1000 } };
    expect(() => formatSettlementTotals(tooMany)).toThrow(
      expect.objectContaining({ code: 'PROTOCOL_INVALID_VALUE', field: 'foreign.debitCount' }),
    );
    const fractional = { ...TOTALS, domestic: { ...TOTALS.domestic, creditAmountMinor: 1.5 } };
    expect(() => formatSettlementTotals(fractional)).toThrow(
      expect.objectContaining({ code: 'PROTOCOL_INVALID_VALUE' }),
    );
  });
});
