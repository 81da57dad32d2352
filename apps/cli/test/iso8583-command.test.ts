import { describe, expect, test } from 'vitest';
import { runCli, EXIT_BAD_INPUT, EXIT_OK } from '@payterm/cli';
import { fakeIo } from './fake-io.js';

// shared/spec/cup-pos-8583-reference.md §10 TV1 sign-in request, framed.
const SIGN_IN_FRAME =
  '0057 6005010000 613100311108 0800 0020000000C00016 000001 3939393939393036 303031343330313730313139393939 ' +
  '0011 000000000030 0025 53657175656E6365204E6F3132333036303939393939393036 0003 303031';
const compact = (hex: string): string => hex.replace(/\s+/g, '');

const SALE_JSON = {
  headers: { tpdu: '6000030000', header: '603100000000' },
  mti: '0200',
  fields: {
    '2': '6200001000000011',
    '3': '000000',
    '4': '000000012345',
    '11': '000123',
    '22': '051',
    '25': '00',
    '35': '6200001000000011=30122010000000000',
    '41': '10000001',
    '42': '898310058120001',
    '49': '156',
    '52': '0123456789ABCDEF',
    '60': { '1': '22', '2': '000001', '3': '000' },
  },
};

describe('payterm iso8583 decode', () => {
  test('decodes a framed dump into JSON', async () => {
    const io = fakeIo();
    expect(await runCli(['iso8583', 'decode', '--frame', SIGN_IN_FRAME], io)).toBe(EXIT_OK);
    const json = JSON.parse(io.out);
    expect(json).toMatchObject({
      spec: 'cup-pos',
      headers: { tpdu: '6005010000', header: '613100311108' },
      mti: '0800',
      fields: { '11': '000001', '41': '99999906', '60': '00000000003', '63': '001' },
    });
    expect(io.err).toBe('');
  });

  test('reads standard input with -', async () => {
    const io = fakeIo(`${SIGN_IN_FRAME}\n`);
    expect(await runCli(['iso8583', 'decode', '-f', '-'], io)).toBe(EXIT_OK);
    expect(JSON.parse(io.out).mti).toBe('0800');
  });

  test('masks PAN, track and PIN block unless --unmask', async () => {
    const encoded = fakeIo(JSON.stringify(SALE_JSON));
    await runCli(['iso8583', 'encode', '-'], encoded);
    const hex = encoded.out.trim();

    const masked = fakeIo();
    await runCli(['iso8583', 'decode', hex], masked);
    const fields = JSON.parse(masked.out).fields;
    expect(fields['2']).toBe('620000******0011');
    expect(fields['35']).toBe('620000******0011=*****************');
    expect(fields['52']).toBe('****************');
    expect(masked.out).not.toContain('6200001000000011');

    const clear = fakeIo();
    await runCli(['iso8583', 'decode', '--unmask', hex], clear);
    expect(JSON.parse(clear.out).fields).toMatchObject({ '2': '6200001000000011', '52': '0123456789ABCDEF' });
  });

  test('bad hex exits 2 with a typed JSON error on stderr', async () => {
    const io = fakeIo();
    expect(await runCli(['iso8583', 'decode', '02G0'], io)).toBe(EXIT_BAD_INPUT);
    expect(JSON.parse(io.err)).toMatchObject({ code: 'CLI_INVALID_HEX', position: 3 });
    expect(io.out).toBe('');
  });

  test('a truncated message exits 2 with the codec error naming field, phase and offset', async () => {
    const io = fakeIo();
    const truncated = compact(SIGN_IN_FRAME).slice(4, -6);
    expect(await runCli(['iso8583', 'decode', truncated], io)).toBe(EXIT_BAD_INPUT);
    expect(JSON.parse(io.err)).toMatchObject({
      code: 'ISO8583_TRUNCATED',
      field: '63',
      phase: 'data',
      need: 3,
      have: 0,
    });
  });

  test('a frame whose length disagrees with its content exits 2', async () => {
    const io = fakeIo();
    expect(await runCli(['iso8583', 'decode', '--frame', `${compact(SIGN_IN_FRAME)}00`], io)).toBe(
      EXIT_BAD_INPUT,
    );
    expect(JSON.parse(io.err)).toMatchObject({ code: 'CLI_INVALID_FRAME' });
  });
});

describe('payterm iso8583 encode', () => {
  test('decode --unmask then encode gives back the same bytes', async () => {
    const decoded = fakeIo();
    await runCli(['iso8583', 'decode', '--frame', '--unmask', SIGN_IN_FRAME], decoded);
    const encoded = fakeIo('', { 'message.json': decoded.out });
    expect(await runCli(['iso8583', 'encode', '--frame', 'message.json'], encoded)).toBe(EXIT_OK);
    expect(encoded.out.trim()).toBe(compact(SIGN_IN_FRAME).toUpperCase());
  });

  test('invalid JSON, unknown files and invalid fields exit 2', async () => {
    const notJson = fakeIo('{"mti":');
    expect(await runCli(['iso8583', 'encode', '-'], notJson)).toBe(EXIT_BAD_INPUT);
    expect(JSON.parse(notJson.err).code).toBe('CLI_INVALID_JSON');

    const missing = fakeIo();
    expect(await runCli(['iso8583', 'encode', 'nope.json'], missing)).toBe(EXIT_BAD_INPUT);
    expect(JSON.parse(missing.err).code).toBe('CLI_INPUT_UNREADABLE');

    const tooLong = fakeIo(
      JSON.stringify({ ...SALE_JSON, fields: { ...SALE_JSON.fields, '41': '123456789' } }),
    );
    expect(await runCli(['iso8583', 'encode', '-'], tooLong)).toBe(EXIT_BAD_INPUT);
    expect(JSON.parse(tooLong.err)).toMatchObject({
      code: 'ISO8583_INVALID_VALUE',
      field: '41',
      need: 8,
      have: 9,
    });
  });
});

describe('payterm iso8583 describe and spec', () => {
  test('describe names fields and sub-fields', async () => {
    const io = fakeIo();
    expect(await runCli(['iso8583', 'describe', '-f', SIGN_IN_FRAME], io)).toBe(EXIT_OK);
    expect(io.out).toContain('network management request');
    expect(io.out).toMatch(/60\.3\s+Network management information code\s+003/);
  });

  test('spec lists the built-in specs and prints one as JSON', async () => {
    const list = fakeIo();
    await runCli(['iso8583', 'spec'], list);
    expect(list.out).toContain('cup-pos');
    expect(list.out).toContain('iso87-ascii');
    const one = fakeIo();
    await runCli(['iso8583', 'spec', 'cup-pos'], one);
    expect(JSON.parse(one.out).id).toBe('cup-pos');
    const unknown = fakeIo();
    expect(await runCli(['iso8583', 'spec', 'nope'], unknown)).toBe(EXIT_BAD_INPUT);
    expect(JSON.parse(unknown.err).code).toBe('CLI_UNKNOWN_SPEC');
  });

  test('--help works on every command; unknown options exit 2', async () => {
    for (const argv of [
      ['--help'],
      ['start', '--help'],
      ['iso8583', '--help'],
      ['iso8583', 'encode', '--help'],
    ]) {
      const io = fakeIo();
      expect(await runCli([...argv], io)).toBe(EXIT_OK);
      expect(io.out).toContain('Usage: payterm');
    }
    const io = fakeIo();
    expect(await runCli(['iso8583', 'decode', '--bogus', '00'], io)).toBe(EXIT_BAD_INPUT);
    expect(JSON.parse(io.err)).toMatchObject({ code: 'CLI_USAGE' });
  });
});
