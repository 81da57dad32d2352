/**
 * Code 128 (ISO/IEC 15417) for the pay code's barcode, drawn without a library. All-digit text uses
 * code set C (two digits a symbol); an odd digit count ends with one digit in code set B. Any other
 * printable ASCII uses code set B throughout.
 */

/** Bar/space widths in modules (bar first) of the symbol values 0–105; each is 11 modules wide. */
const PATTERNS: readonly string[] = [
  '212222',
  '222122',
  '222221',
  '121223',
  '121322',
  '131222',
  '122213',
  '122312',
  '132212',
  '221213',
  '221312',
  '231212',
  '112232',
  '122132',
  '122231',
  '113222',
  '123122',
  '123221',
  '223211',
  '221132',
  '221231',
  '213212',
  '223112',
  '312131',
  '311222',
  '321122',
  '321221',
  '312212',
  '322112',
  '322211',
  '212123',
  '212321',
  '232121',
  '111323',
  '131123',
  '131321',
  '112313',
  '132113',
  '132311',
  '211313',
  '231113',
  '231311',
  '112133',
  '112331',
  '132131',
  '113123',
  '113321',
  '133121',
  '313121',
  '211331',
  '231131',
  '213113',
  '213311',
  '213131',
  '311123',
  '311321',
  '331121',
  '312113',
  '312311',
  '332111',
  '314111',
  '221411',
  '431111',
  '111224',
  '111422',
  '121124',
  '121421',
  '141122',
  '141221',
  '112214',
  '112412',
  '122114',
  '122411',
  '142112',
  '142211',
  '241211',
  '221114',
  '413111',
  '241112',
  '134111',
  '111242',
  '121142',
  '121241',
  '114212',
  '124112',
  '124211',
  '411212',
  '421112',
  '421211',
  '212141',
  '214121',
  '412121',
  '111143',
  '111341',
  '131141',
  '114113',
  '114311',
  '411113',
  '411311',
  '113141',
  '114131',
  '311141',
  '411131',
  '211412',
  '211214',
  '211232',
];
/** The stop symbol with its termination bar: 13 modules. */
const STOP = '2331112';

const CODE_B = 100;
const START_B = 104;
const START_C = 105;

/** Symbol values for `text`, start symbol first, without the check symbol and stop. */
export function code128Values(text: string): number[] {
  if (text.length === 0) throw new Error('Code 128 needs at least one character');
  if (/^\d+$/.test(text)) {
    const values = [START_C];
    const pairs = text.length - (text.length % 2);
    for (let index = 0; index < pairs; index += 2) values.push(Number(text.slice(index, index + 2)));
    if (pairs < text.length) values.push(CODE_B, text.charCodeAt(pairs) - 32);
    return values;
  }
  const values = [START_B];
  for (const char of text) {
    const code = char.charCodeAt(0);
    if (char.length !== 1 || code < 32 || code > 126) {
      throw new Error(`Code 128 set B cannot encode ${JSON.stringify(char)}`);
    }
    values.push(code - 32);
  }
  return values;
}

/** The check symbol: (start + Σ position × value) mod 103. */
export function code128Check(values: readonly number[]): number {
  return values.reduce((sum, value, index) => sum + value * Math.max(index, 1), 0) % 103;
}

/** Widths in modules, bar first and alternating bar/space, from the start symbol to the stop's final bar. */
export function code128Widths(text: string): number[] {
  const values = code128Values(text);
  const symbols = [...values, code128Check(values)].map((value) => PATTERNS[value] as string);
  return [...symbols, STOP].flatMap((pattern) => [...pattern].map(Number));
}

/** The bars as rectangles in module units (x from 0), for an SVG or a canvas. */
export function code128Bars(text: string): {
  readonly bars: { x: number; width: number }[];
  readonly modules: number;
} {
  const bars: { x: number; width: number }[] = [];
  let x = 0;
  for (const [index, width] of code128Widths(text).entries()) {
    if (index % 2 === 0) bars.push({ x, width });
    x += width;
  }
  return { bars, modules: x };
}
