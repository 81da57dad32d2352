import { RESPONSE_CODES } from './response-code-table.js';

const CLASS_MEANINGS = [
  ['A', 'success'],
  ['B', 'failed, may retry'],
  ['C', 'failed, do not retry'],
  ['D', 'failed, operator action (retain card)'],
  ['E', 'system fault, do not retry'],
] as const;

/** docs/RESPONSE-CODES.md, generated from the catalogue of @payterm/protocol (a test keeps it current). */
export function renderResponseCodesMarkdown(): string {
  const lines = [
    '# Response codes (field 39)',
    '',
    '<!-- Generated from packages/protocol/src/response-codes/response-code-table.ts: do not edit by hand.',
    '     Regenerate: PAYTERM_WRITE_DOCS=1 npx vitest run packages/protocol/test/response-codes.test.ts -->',
    '',
    'Every code the PayTerm host can emit, with the texts the terminal shows and what it does next',
    '(shared/spec/cup-pos-8583-reference.md §6). Any other code reads as 交易失败 / Transaction failed,',
    'class C, do not retry.',
    '',
    'Action classes: ' +
      CLASS_MEANINGS.map(([letter, meaning]) => `**${letter}** ${meaning}`).join(' · ') +
      '.',
    '',
    '| Code | English | 中文 | Class | Action | Sign in again |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  for (const info of RESPONSE_CODES) {
    lines.push(
      `| \`${info.code}\` | ${info.en} | ${info.zh} | ${info.actionClass} | ${info.action} | ${info.resignIn ? 'yes' : 'no'} |`,
    );
  }
  return lines.join('\n') + '\n';
}
