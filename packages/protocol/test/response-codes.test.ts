import { readFileSync, writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import { describe, expect, it } from 'vitest';
import {
  RESPONSE_ACTIONS,
  RESPONSE_CODES,
  isKnownResponseCode,
  renderResponseCodesMarkdown,
  responseCodeInfo,
} from '@payterm/protocol';

const DOC = new URL('../../../docs/RESPONSE-CODES.md', import.meta.url);

describe('response-code catalogue', () => {
  it('holds every code of reference §6 and the ones the dialect uses', () => {
    const reference = [
      '00',
      '01',
      '02',
      '03',
      '04',
      '05',
      '06',
      '07',
      '09',
      '12',
      '13',
      '14',
      '15',
      '19',
      '20',
      '21',
    ];
    const more = [
      '22',
      '23',
      '25',
      '30',
      '31',
      '33',
      '34',
      '38',
      '40',
      '41',
      '43',
      '45',
      '51',
      '54',
      '55',
      '57',
    ];
    const rest = [
      '58',
      '59',
      '61',
      '62',
      '64',
      '65',
      '68',
      '75',
      '77',
      '79',
      '89',
      '90',
      '91',
      '92',
      '94',
      '96',
    ];
    const cup = ['97', '98', '99', 'A0'];
    const codes = RESPONSE_CODES.map((info) => info.code);
    expect(codes).toEqual([...reference, ...more, ...rest, ...cup]);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('gives consistent flags, classes and texts', () => {
    for (const info of RESPONSE_CODES) {
      expect(RESPONSE_ACTIONS).toContain(info.action);
      expect(info.approved).toBe(info.code === '00');
      expect(info.resignIn).toBe(info.action === 're-sign-in');
      expect(info.en.length).toBeGreaterThan(0);
      expect(info.zh.length).toBeGreaterThan(0);
      if (info.actionClass === 'D') expect(info.action).toBe('retain-card');
    }
    expect(responseCodeInfo('00')).toMatchObject({ actionClass: 'A', approved: true, known: true });
    expect(responseCodeInfo('A0')).toMatchObject({ resignIn: true, zh: 'MAC校验错' });
    expect(responseCodeInfo('77')).toMatchObject({ resignIn: true, action: 're-sign-in' });
    expect(responseCodeInfo('04')).toMatchObject({ actionClass: 'D', action: 'retain-card' });
    expect(responseCodeInfo('96')).toMatchObject({ actionClass: 'E', action: 'system-fault' });
  });

  it('answers an unknown code with the generic failed entry', () => {
    expect(responseCodeInfo('Z9')).toEqual({
      code: 'Z9',
      en: 'Transaction failed',
      zh: '交易失败',
      actionClass: 'C',
      action: 'do-not-retry',
      resignIn: false,
      approved: false,
      known: false,
    });
    expect(isKnownResponseCode('Z9')).toBe(false);
    expect(isKnownResponseCode('51')).toBe(true);
  });

  it('docs/RESPONSE-CODES.md is generated from the catalogue (PAYTERM_WRITE_DOCS=1 rewrites it)', async () => {
    const options = (await resolveConfig(DOC.pathname)) ?? {};
    const rendered = await format(renderResponseCodesMarkdown(), { ...options, parser: 'markdown' });
    if (process.env['PAYTERM_WRITE_DOCS'] === '1') writeFileSync(DOC, rendered);
    expect(readFileSync(DOC, 'utf8')).toBe(rendered);
  });
});
