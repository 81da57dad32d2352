/**
 * describe(): a readable dump with names, sub-fields, TLV objects and MTI meaning, where PANs keep
 * only 6 + 4 digits, tracks keep only the masked PAN, PIN blocks and secrets are hidden, and TLV
 * fields mask only their sensitive objects — unless `unmask` is asked for.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EMV_TAGS } from '@payterm/emv';
import {
  bytesToHex,
  createCodec,
  cupPosSpec,
  describeMessage,
  displayFieldValue,
  iso87AsciiSpec,
  encodeBerTlv,
  maskText,
  messageToJson,
  mtiMeaning,
  type Iso8583Message,
} from '@payterm/iso8583';
import { hex } from './support/cup-pos-dumps.js';
import { CRYPTOGRAM, MASKED_PAN, PAN, PIN_BLOCK, QR_CODE, SALE } from './support/sample-sale.js';

const cupPos = createCodec(cupPosSpec);
const masked = describeMessage(cupPos, SALE);
const clear = describeMessage(cupPos, SALE, { unmask: true });
const lines = masked.split('\n');

/** The first line that starts with `label` (after indentation). */
function lineOf(text: string, label: string): string {
  const found = text.split('\n').find((line) => line.trimStart().startsWith(`${label} `));
  if (found === undefined) throw new Error(`no line for ${label} in\n${text}`);
  return found;
}

describe('describeMessage, masked (the default)', () => {
  it('shows the PAN in field 2 as 620000******0011', () => {
    expect(lineOf(masked, 'F2')).toMatch(/Primary account number\s+620000\*{6}0011$/);
  });

  it('never shows the clear PAN, track, PIN block, cardholder name or QR code anywhere', () => {
    for (const secret of [
      PAN,
      PIN_BLOCK,
      QR_CODE,
      '25121011234567890',
      bytesToHex(new TextEncoder().encode('ZHANG/SAN')),
    ]) {
      expect(masked).not.toContain(secret);
    }
  });

  it('keeps only the masked PAN of track 2', () => {
    expect(lineOf(masked, 'F35')).toMatch(/Track 2 data\s+620000\*{6}0011=\*{17}$/);
  });

  it('hides the PIN block completely', () => {
    expect(lineOf(masked, 'F52')).toMatch(/PIN data \(8 bytes\)\s+\*{16}$/);
  });

  it('masks sensitive ICC tags (5A, 57, 5F20) but shows the cryptogram 9F26', () => {
    expect(lineOf(masked, '9F26')).toMatch(new RegExp(`Application cryptogram \\(8\\)\\s+${CRYPTOGRAM}$`));
    expect(lineOf(masked, '5A')).toMatch(/Application PAN \(8\)\s+620000\*{6}0011$/);
    expect(lineOf(masked, '57')).toMatch(/Track 2 equivalent data \(17\)\s+620000\*{6}0011D\*{17}$/);
    expect(lineOf(masked, '5F20')).toMatch(/Cardholder name \(9\)\s+\*{18}$/);
    expect(lineOf(masked, 'DF7F')).toMatch(/Unknown tag \(1\)\s+01$/);
    // The field line keeps the TLV structure with only those values masked.
    expect(lineOf(masked, 'F55')).toContain(`9F2608${CRYPTOGRAM}9F270180`);
    expect(lineOf(masked, 'F55')).toContain(`5A08${MASKED_PAN}`);
  });

  it('masks the QR payment code in 59 A3 and shows A2', () => {
    expect(lineOf(masked, 'A3')).toMatch(/QR payment code \(19\)\s+\*{19}$/);
    expect(lineOf(masked, 'A2')).toMatch(/Terminal hardware serial number \(8\)\s+SN123456$/);
    expect(lineOf(masked, 'F59')).toMatch(/Custom data\s+A3019\*{19}A2008SN123456$/);
  });

  it('lists the sub-fields of 60 with their names and meanings', () => {
    expect(lineOf(masked, '60.1')).toMatch(/Message type code\s+22$/);
    expect(lineOf(masked, '60.2')).toMatch(/Batch number\s+000001$/);
    expect(lineOf(masked, '60.3')).toMatch(/Network management information code\s+000$/);
    expect(lineOf(masked, '60.4')).toMatch(/Terminal read capability\s+5 \(magstripe \+ contact IC\)$/);
    expect(lineOf(masked, '60.5')).toMatch(/IC condition code\s+0 \(normal\)$/);
    // Sub-fields follow their field, in order.
    const at = (label: string): number => lines.indexOf(lineOf(masked, label));
    expect([at('F60'), at('60.1'), at('60.2'), at('60.3'), at('60.4'), at('60.5')]).toEqual(
      Array.from({ length: 6 }, (_, i) => at('F60') + i),
    );
  });

  it('shows the MTI meaning, header sub-fields and the spec name', () => {
    expect(lines[0]).toBe('UnionPay-style POS ISO 8583 (CUP POS) message');
    expect(lineOf(masked, 'MTI')).toMatch(/ISO 8583:1987 financial request\s+0200$/);
    expect(lineOf(masked, 'tpdu')).toMatch(/TPDU\s+6000030000$/);
    expect(lineOf(masked, 'tpdu.id')).toMatch(/TPDU ID\s+60 \(transaction\)$/);
    expect(lineOf(masked, 'header.application')).toMatch(
      /Application category\s+60 \(magstripe financial\)$/,
    );
  });

  it('lists fields in ascending order, non-sensitive values in clear', () => {
    const order = lines
      .filter((line) => /^F\d+ /.test(line))
      .map((line) => Number(line.slice(1, line.indexOf(' '))));
    expect(order).toEqual(Object.keys(SALE.fields).map(Number));
    expect(lineOf(masked, 'F4')).toMatch(/Amount, transaction\s+000000000051$/);
    expect(lineOf(masked, 'F41')).toMatch(/16688014$/);
  });
});

describe('masking, for any card data', () => {
  const digits = (min: number, max: number): fc.Arbitrary<string> =>
    fc.array(fc.integer({ min: 0, max: 9 }), { minLength: min, maxLength: max }).map((d) => d.join(''));

  it('describe() and messageToJson() never show the PAN, the PIN block or the QR code in clear', () => {
    fc.assert(
      fc.property(
        digits(13, 19),
        digits(4, 17),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        digits(16, 24),
        (pan, discretionary, pinBlock, qrCode) => {
          const track = `${pan}=${discretionary}`.slice(0, 37);
          const panBcd = pan.length % 2 === 0 ? pan : `${pan}F`;
          const message: Iso8583Message = {
            mti: '0200',
            headers: { tpdu: '6000030000', header: '603210320072' },
            fields: {
              2: pan,
              35: track,
              52: pinBlock,
              55: encodeBerTlv([
                { tag: '5A', value: hex(panBcd) },
                { tag: '9F27', value: hex('80') },
              ]),
              59: `A3${String(qrCode.length).padStart(3, '0')}${qrCode}`,
            },
          };
          cupPos.pack(message); // a valid message
          const text = describeMessage(cupPos, message);
          const json = JSON.stringify(messageToJson(cupPos, message));
          for (const output of [text, json]) {
            expect(output).not.toContain(pan);
            expect(output).not.toContain(bytesToHex(pinBlock));
            expect(output).not.toContain(qrCode);
          }
          const maskedPan = maskText('pan', pan);
          expect(lineOf(text, 'F2').endsWith(maskedPan)).toBe(true);
          expect(
            lineOf(text, 'F35').endsWith(`${maskedPan}=${'*'.repeat(track.length - pan.length - 1)}`),
          ).toBe(true);
          expect(maskedPan.replace(/\*/g, '')).toBe(pan.slice(0, 6) + pan.slice(-4));
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('describeMessage with unmask', () => {
  it('shows everything in clear', () => {
    expect(lineOf(clear, 'F2')).toMatch(new RegExp(`${PAN}$`));
    expect(lineOf(clear, 'F35')).toMatch(new RegExp(`${PAN}=25121011234567890$`));
    expect(lineOf(clear, 'F52')).toMatch(new RegExp(`${PIN_BLOCK}$`));
    expect(lineOf(clear, '5A')).toMatch(new RegExp(`${PAN}$`));
    expect(lineOf(clear, 'A3')).toMatch(new RegExp(`${QR_CODE}$`));
    expect(clear).not.toContain('*');
  });

  it('has the same lines as the masked dump, only with values revealed', () => {
    const labels = (text: string): string[] =>
      text.split('\n').map((line) => line.trimStart().split(' ')[0] ?? '');
    expect(labels(clear)).toEqual(labels(masked));
  });
});

describe('describeMessage on unusual content', () => {
  it('reports malformed TLV content and hides the whole value of a sensitive TLV field', () => {
    const message: Iso8583Message = { mti: '0200', fields: { 55: hex('5A08 62000010') } };
    const text = describeMessage(cupPos, message);
    expect(text).toContain('TLV content is malformed');
    expect(lineOf(text, 'F55')).toMatch(/\(6 bytes\)\s+\*{12}$/);
    expect(text).not.toContain('62000010');
  });

  it('marks fields the spec does not define', () => {
    const message = { mti: '0800', fields: { 11: '000001', 70: '301' } } as Iso8583Message;
    expect(lineOf(describeMessage(cupPos, message), 'F70')).toMatch(/Not defined by this spec$/);
  });

  it('shows digits beyond the known sub-fields of 60 as further data', () => {
    const text = describeMessage(cupPos, { mti: '0200', fields: { 60: '2600000100060000000' } });
    expect(lineOf(text, '60.7')).toMatch(/Account type\s+000$/);
    expect(lineOf(text, '60.+')).toMatch(/Further data\s+00$/);
  });

  it('masks iso87-ascii PAN, tracks (including track 1) and hex PIN blocks the same way', () => {
    const iso87 = createCodec(iso87AsciiSpec);
    const text = describeMessage(iso87, {
      mti: '0100',
      fields: { 2: PAN, 35: `${PAN}D2512`, 45: `B${PAN}^ZHANG/SAN^2512101`, 52: hex(PIN_BLOCK) },
    });
    expect(lineOf(text, 'F2')).toMatch(/620000\*{6}0011$/);
    expect(lineOf(text, 'F35')).toMatch(/620000\*{6}0011D\*{4}$/);
    expect(lineOf(text, 'F45')).toMatch(/B620000\*{6}0011\^\*{17}$/);
    expect(lineOf(text, 'F52')).toMatch(/\*{16}$/);
    expect(text).not.toContain('ZHANG');
  });
});

describe('masking helpers', () => {
  it('maskText by kind', () => {
    expect(maskText('pan', PAN)).toBe(MASKED_PAN);
    // Short PANs give up digits so that at least 3 stay hidden.
    expect(maskText('pan', '6200000000000')).toBe('620000***0000');
    expect(maskText('pan', '62000011')).toBe('6***0011');
    expect(maskText('track', `${PAN}=2512`)).toBe(`${MASKED_PAN}=****`);
    expect(maskText('track', '12345678')).toBe('********');
    expect(maskText('pin-block', PIN_BLOCK)).toBe('*'.repeat(16));
    expect(maskText('secret', 'abc')).toBe('***');
  });

  it('displayFieldValue masks by the field spec, and not at all with unmask', () => {
    const pan = cupPos.fieldSpec(2);
    const amount = cupPos.fieldSpec(4);
    if (pan === undefined || amount === undefined) throw new Error('cup-pos defines 2 and 4');
    expect(displayFieldValue(pan, '2', PAN, false)).toBe(MASKED_PAN);
    expect(displayFieldValue(pan, '2', PAN, true)).toBe(PAN);
    expect(displayFieldValue(amount, '4', '000000000051', false)).toBe('000000000051');
  });
});

describe('mtiMeaning', () => {
  it.each([
    ['0200', 'ISO 8583:1987 financial request'],
    ['0210', 'ISO 8583:1987 financial response'],
    ['0800', 'ISO 8583:1987 network management request'],
    ['0810', 'ISO 8583:1987 network management response'],
    ['0220', 'ISO 8583:1987 financial advice'],
    ['0401', 'ISO 8583:1987 reversal request, repeat'],
    ['0500', 'ISO 8583:1987 reconciliation request'],
    ['1100', 'ISO 8583:1993 authorization request'],
    ['9999', ''],
  ])('%s → %s', (mti, meaning) => {
    expect(mtiMeaning(mti)).toBe(meaning);
  });
});

describe('field 55 tag dictionary', () => {
  it.each([cupPosSpec, iso87AsciiSpec])('$id names and masks field 55 tags from emv EMV_TAGS', (spec) => {
    const field55 = spec.fields.find((field) => field.number === 55);
    const tags = field55?.tlv?.tags ?? {};
    expect(Object.keys(tags)).toEqual(Object.keys(EMV_TAGS));
    const kinds = { pan: 'pan', track: 'track', name: 'secret', discretionary: 'secret' } as const;
    for (const [tag, info] of Object.entries(EMV_TAGS)) {
      const expected =
        info.sensitive === undefined
          ? { name: info.name }
          : { name: info.name, sensitive: kinds[info.sensitive] };
      expect(tags[tag], tag).toEqual(expected);
    }
    expect(JSON.parse(JSON.stringify(tags))).toEqual(tags);
  });

  it('hides track discretionary data (9F1F, 9F20) whole', () => {
    const message: Iso8583Message = {
      ...SALE,
      fields: {
        55: encodeBerTlv([
          { tag: '9F20', value: hex('12345678') },
          { tag: '9F27', value: hex('80') },
        ]),
      },
    };
    const text = describeMessage(cupPos, message);
    expect(lineOf(text, '9F20')).toMatch(/Track 2 discretionary data \(4\)\s+\*{8}$/);
    expect(lineOf(text, '9F27')).toMatch(/80$/);
  });
});
