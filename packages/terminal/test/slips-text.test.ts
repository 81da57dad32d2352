import { describe, expect, it } from 'vitest';
import {
  centerToWidth,
  displayWidth,
  padEndToWidth,
  padStartToWidth,
  sanitizeSlipText,
  spreadToWidth,
  truncateToWidth,
  wrapToWidth,
} from '../src/slips/index.js';

describe('displayWidth', () => {
  it.each([
    ['', 0],
    ['PayTerm 01', 10],
    ['商户名称', 8],
    ['商户名称(MERCHANT NAME):', 24],
    ['，。', 4],
    ['ＡＢＣ', 6],
    ['\u3000', 2],
    ['ｱｲｳ', 3],
    ['한국', 4],
    ['😀', 2],
    ['𠀀', 2],
    ['café', 4],
  ])('%j is %i columns', (text, width) => {
    expect(displayWidth(text)).toBe(width);
  });
});

describe('padding and alignment by display width', () => {
  it('pads and right-aligns Chinese by columns, not characters', () => {
    expect(padEndToWidth('消费', 6)).toBe('消费  ');
    expect(padStartToWidth('消费', 6)).toBe('  消费');
    expect(padStartToWidth('消费撤销', 6)).toBe('消费撤销');
    expect(centerToWidth('对账平', 12)).toBe('   对账平');
  });

  it('spreads two texts to the edges only when a space is left between them', () => {
    expect(spreadToWidth('批次号:', '000007', 16)).toBe('批次号:   000007');
    expect(spreadToWidth('批次号:', '000007', 14)).toBe('批次号: 000007');
    expect(spreadToWidth('批次号:', '000007', 13)).toBeUndefined();
  });

  it('truncates on whole characters without passing the width', () => {
    expect(truncateToWidth('中文ABC', 3)).toBe('中');
    expect(truncateToWidth('中文ABC', 5)).toBe('中文A');
    expect(truncateToWidth('😀x', 1)).toBe('');
  });

  it('turns control characters into spaces so a name cannot break a line', () => {
    expect(sanitizeSlipText('Store\nNo.1\t北京\u0085')).toBe('Store No.1 北京 ');
  });
});

describe('wrapToWidth', () => {
  it('breaks Latin text between words and drops the spaces at the break', () => {
    expect(wrapToWidth('I ACKNOWLEDGE SATISFACTORY RECEIPT OF RELATIVE GOODS/SERVICES', 32)).toEqual([
      'I ACKNOWLEDGE SATISFACTORY',
      'RECEIPT OF RELATIVE',
      'GOODS/SERVICES',
    ]);
  });

  it('breaks Chinese between any two characters but never before closing punctuation', () => {
    const lines = wrapToWidth('本人确认以上交易，同意将其记入本卡账户', 16);
    expect(lines).toEqual(['本人确认以上交', '易，同意将其记入', '本卡账户']);
    for (const line of lines) expect(displayWidth(line)).toBeLessThanOrEqual(16);
  });

  it('keeps an opening bracket with what follows it', () => {
    expect(wrapToWidth('北京王府井店（旗舰）', 12)).toEqual(['北京王府井店', '（旗舰）']);
  });

  it('cuts a word longer than the line', () => {
    expect(wrapToWidth('ABCDEFGHIJ KL', 4)).toEqual(['ABCD', 'EFGH', 'IJ', 'KL']);
  });

  it('gives one empty line for empty text', () => {
    expect(wrapToWidth('')).toEqual(['']);
    expect(wrapToWidth('   ')).toEqual(['']);
  });
});
