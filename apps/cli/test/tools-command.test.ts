import { describe, expect, test } from 'vitest';
import { runCli, EXIT_BAD_INPUT, EXIT_OK } from '@payterm/cli';
import { fakeIo } from './fake-io.js';
import { MPM_PAYLOADS, TLV_SAMPLES, vector } from './tools-fixtures.js';

// Every command runs in-process on the reference vectors of packages/crypto and packages/emv.

async function run(args: readonly string[], stdin = '') {
  const io = fakeIo(stdin);
  const code = await runCli(['tools', ...args], io);
  return { code, out: io.out, err: io.err, json: () => JSON.parse(io.out) as Record<string, unknown> };
}

async function fails(args: readonly string[], code: string, stdin = '') {
  const result = await run(args, stdin);
  expect(result.code).toBe(EXIT_BAD_INPUT);
  expect(result.err.trim().split('\n')).toHaveLength(1);
  const error = JSON.parse(result.err) as Record<string, unknown>;
  expect(error.code).toBe(code);
  return { ...result, error };
}

const str = (value: unknown): string => value as string;

describe('payterm tools pinblock', () => {
  test('encode: a clear format 0 block (P1, TV8)', async () => {
    for (const id of ['P1', 'TV8']) {
      const { inputs, expected } = vector('pin-blocks.json', id);
      const result = await run([
        'pinblock',
        'encode',
        '--format',
        '0',
        '--pin',
        str(inputs.pin),
        '--pan',
        str(inputs.pan),
      ]);
      expect(result.code).toBe(EXIT_OK);
      expect(result.json()).toEqual({ format: 0, encrypted: false, block: expected.block });
      expect(result.out).not.toContain(str(inputs.pin) + '"');
    }
  });

  test('encode: a format 0 block under a TDES key (P5)', async () => {
    const { inputs, expected } = vector('pin-blocks.json', 'P5');
    const args = [
      '--format',
      '0',
      '--pin',
      str(inputs.pin),
      '--pan',
      str(inputs.pan),
      '--key',
      str(inputs.key),
    ];
    const result = await run(['pinblock', 'encode', ...args]);
    expect(result.json()).toEqual({ format: 0, encrypted: true, algorithm: 'tdes', block: expected.block });
  });

  test('encode then decode round-trips the random formats 1, 3 and 4', async () => {
    const tdes = '0123456789ABCDEFFEDCBA9876543210';
    const aes = '00112233445566778899AABBCCDDEEFF';
    for (const [format, key] of [
      ['1', tdes],
      ['3', tdes],
      ['4', aes],
    ] as const) {
      const common = ['--format', format, '--pan', '4012345678909', '--key', key];
      const encoded = await run(['pinblock', 'encode', '--pin', '98765', ...common]);
      expect(encoded.code).toBe(EXIT_OK);
      const decoded = await run(['pinblock', 'decode', '--show-pin', ...common, str(encoded.json().block)]);
      expect(decoded.json()).toEqual({ format: Number(format), pinLength: 5, pin: '98765' });
    }
  });

  test('decode masks the PIN unless --show-pin (P5, P11 format 4, P8 clear format 3)', async () => {
    const p5 = vector('pin-blocks.json', 'P5');
    const args = [
      '--format',
      '0',
      '--pan',
      str(p5.inputs.pan),
      '--key',
      str(p5.inputs.key),
      str(p5.expected.block),
    ];
    const masked = await run(['pinblock', 'decode', ...args]);
    expect(masked.json()).toEqual({ format: 0, pinLength: 4, pin: '****' });
    const shown = await run(['pinblock', 'decode', '--show-pin', ...args]);
    expect(shown.json()).toEqual({ format: 0, pinLength: 4, pin: '1234' });

    const p11 = vector('pin-blocks.json', 'P11');
    const format4 = [
      '--format',
      '4',
      '--pan',
      str(p11.inputs.pan),
      '--key',
      str(p11.inputs.key),
      '--show-pin',
    ];
    expect((await run(['pinblock', 'decode', ...format4, str(p11.inputs.block)])).json().pin).toBe(
      p11.expected.pin,
    );

    const p8 = vector('pin-blocks.json', 'P8');
    const clear = ['--format', '3', '--pan', str(p8.inputs.pan), '--show-pin', str(p8.inputs.block)];
    expect((await run(['pinblock', 'decode', ...clear])).json().pin).toBe(p8.expected.pin);
  });

  test('translate: TPK → ZPK format 0 (T1, T2) and TDES format 0 → AES format 4 decodes to the PIN (T3)', async () => {
    for (const id of ['T1', 'T2']) {
      const { inputs, expected } = vector('pin-translations.json', id);
      const from = inputs.from as Record<string, string>;
      const to = inputs.to as Record<string, string>;
      const result = await run([
        'pinblock',
        'translate',
        '--from-key',
        from.key!,
        '--to-key',
        to.key!,
        '--from-format',
        '0',
        '--to-format',
        '0',
        '--pan',
        str(inputs.pan),
        from.block!,
      ]);
      expect(result.json()).toEqual({ format: 0, algorithm: 'tdes', block: expected.block });
    }
    const { inputs } = vector('pin-translations.json', 'T3');
    const from = inputs.from as Record<string, string>;
    const to = inputs.to as Record<string, string>;
    const translated = await run([
      'pinblock',
      'translate',
      '--from-key',
      from.key!,
      '--to-key',
      to.key!,
      '--from-format',
      '0',
      '--to-format',
      '4',
      '--pan',
      str(inputs.pan),
      from.block!,
    ]);
    expect(translated.json()).toMatchObject({ format: 4, algorithm: 'aes' });
    const decoded = await run([
      'pinblock',
      'decode',
      '--format',
      '4',
      '--key',
      to.key!,
      '--pan',
      str(inputs.pan),
      '--show-pin',
      str(translated.json().block),
    ]);
    expect(decoded.json().pin).toBe(inputs.pin);
  });

  test('bad input: wrong PIN, wrong key, odd hex key, format 0 → 1, --alg alone; no key or PIN in errors', async () => {
    const key = '12345678123456781234567812345678';
    const badPin = await fails(
      ['pinblock', 'encode', '--format', '0', '--pin', '12a4', '--pan', '4012345678909'],
      'CRYPTO_INVALID_PIN',
    );
    expect(badPin.err).not.toContain('12a4');

    const p5 = vector('pin-blocks.json', 'P5');
    const wrongKey = '0123456789ABCDEFFEDCBA9876543210';
    await fails(
      [
        'pinblock',
        'decode',
        '--format',
        '0',
        '--pan',
        str(p5.inputs.pan),
        '--key',
        wrongKey,
        str(p5.expected.block),
      ],
      'CRYPTO_PIN_BLOCK_INVALID',
    );

    const oddKey = await fails(
      [
        'pinblock',
        'encode',
        '--format',
        '0',
        '--pin',
        '1234',
        '--pan',
        '4012345678909',
        '--key',
        key.slice(1),
      ],
      'CLI_INVALID_HEX',
    );
    expect(oddKey.error).toMatchObject({ option: '--key', digits: 31 });
    const badChar = await fails(
      [
        'pinblock',
        'encode',
        '--format',
        '0',
        '--pin',
        '1234',
        '--pan',
        '4012345678909',
        '--key',
        `${key.slice(0, 31)}Z`,
      ],
      'CLI_INVALID_HEX',
    );
    expect(badChar.err).not.toContain('Z');
    expect(badChar.err).not.toContain(key.slice(0, 16));

    const shortKey = await fails(
      [
        'pinblock',
        'encode',
        '--format',
        '0',
        '--pin',
        '1234',
        '--pan',
        '4012345678909',
        '--key',
        key.slice(0, 30),
      ],
      'CRYPTO_INVALID_KEY_LENGTH',
    );
    expect(shortKey.err).not.toContain(key.slice(0, 30));

    await fails(
      [
        'pinblock',
        'translate',
        '--from-key',
        key,
        '--to-key',
        key,
        '--from-format',
        '0',
        '--to-format',
        '1',
        '--pan',
        str(p5.inputs.pan),
        str(p5.expected.block),
      ],
      'CRYPTO_PIN_TRANSLATION_FORBIDDEN',
    );
    await fails(
      ['pinblock', 'encode', '--format', '0', '--pin', '1234', '--pan', '4012345678909', '--alg', 'aes'],
      'CLI_INVALID_OPTION',
    );
    await fails(
      ['pinblock', 'encode', '--format', '4', '--pin', '1234', '--pan', '4012345678909'],
      'CLI_INVALID_OPTION',
    );
    await fails(
      ['pinblock', 'encode', '--format', '2', '--pin', '1234', '--pan', '4012345678909'],
      'CLI_USAGE',
    );
    await fails(
      ['pinblock', 'decode', '--format', '0', '--pan', '4012345678909', '0412'],
      'CRYPTO_PIN_BLOCK_INVALID',
    );
  });
});

describe('payterm tools kcv', () => {
  test('TDES encrypt-zeros (K1, K3), AES CMAC with --length 5 (K4)', async () => {
    const k1 = vector('kcv.json', 'K1');
    expect((await run(['kcv', '--alg', 'tdes', str(k1.inputs.key)])).json()).toEqual({
      algorithm: 'tdes',
      method: 'encrypt-zeros',
      kcv: k1.expected.kcv3,
    });
    expect((await run(['kcv', '--alg', 'tdes', '--length', '2', str(k1.inputs.key)])).json().kcv).toBe(
      k1.expected.kcv2,
    );
    const k3 = vector('kcv.json', 'K3');
    expect((await run(['kcv', '--alg', 'tdes', str(k3.inputs.key)])).json().kcv).toBe(k3.expected.kcv3);
    const k4 = vector('kcv.json', 'K4');
    expect((await run(['kcv', '--alg', 'aes', '--length', '5', str(k4.inputs.key)])).json()).toEqual({
      algorithm: 'aes',
      method: 'cmac',
      kcv: k4.expected.kcv5,
    });
    const k5 = vector('kcv.json', 'K5');
    expect(
      (await run(['kcv', '--alg', 'aes', '--method', 'encrypt-zeros', str(k5.inputs.key)])).json().kcv,
    ).toBe(k5.expected.kcv3);
  });

  test('bad input: wrong key length, odd hex, unknown alg, bad length', async () => {
    const key = '0123456789ABCDEFFEDCBA9876543210';
    const wrong = await fails(['kcv', '--alg', 'des', key], 'CRYPTO_INVALID_KEY_LENGTH');
    expect(wrong.err).not.toContain(key);
    await fails(['kcv', '--alg', 'tdes', key.slice(1)], 'CLI_INVALID_HEX');
    await fails(['kcv', '--alg', 'rsa', key], 'CLI_USAGE');
    await fails(['kcv', '--alg', 'tdes', '--length', '9', key], 'CRYPTO_INVALID_KCV_LENGTH');
    await fails(['kcv', '--alg', 'tdes', '--length', 'x', key], 'CLI_INVALID_OPTION');
  });
});

describe('payterm tools mac', () => {
  const cases: readonly [string, string, string[]][] = [
    ['U1', 'pos-ecb', []],
    ['U2', 'pos-ecb', []],
    ['M1', 'x919', []],
    ['M2', 'x919', ['--padding', '2']],
    ['M5', 'x919', []],
    ['M3', 'iso9797-1', ['--padding', '1']],
    ['M4', 'iso9797-1', ['--padding', '2']],
    ['SP800-38B-TDES2-20', 'tdes-cmac', []],
    ['SP800-38B-TDES3-32', 'tdes-cmac', []],
    ['RFC4493-40', 'aes-cmac', []],
    ['RFC4493-0', 'aes-cmac', []],
  ];
  test.each(cases)('%s with --alg %s', async (id, alg, extra) => {
    const { inputs, expected } = vector('macs.json', id);
    // Empty data can only come through standard input.
    const data = str(inputs.data);
    const result = await run(
      ['mac', '--alg', alg, '--key', str(inputs.key), ...extra, data === '' ? '-' : data],
      data === '' ? '\n' : '',
    );
    expect(result.code).toBe(EXIT_OK);
    expect(result.json()).toMatchObject({ algorithm: alg, mac: expected.mac });
    if (alg === 'pos-ecb') expect(result.json().text).toBe(expected.macText);
  });

  test('reads the data from standard input with -', async () => {
    const { inputs, expected } = vector('macs.json', 'U1');
    const result = await run(
      ['mac', '--alg', 'pos-ecb', '--key', str(inputs.key), '-'],
      `${str(inputs.data)}\n`,
    );
    expect(result.json().mac).toBe(expected.mac);
  });

  test('bad input: odd hex data, wrong key length, unknown alg, --padding with CMAC', async () => {
    const key = 'C24A8FB57AA20123';
    const odd = await fails(['mac', '--alg', 'pos-ecb', '--key', key, '02003'], 'CLI_INVALID_HEX');
    expect(odd.error).toMatchObject({ digits: 5 });
    const short = await fails(
      ['mac', '--alg', 'pos-ecb', '--key', key.slice(0, 14), '0200'],
      'CRYPTO_INVALID_KEY_LENGTH',
    );
    expect(short.err).not.toContain(key.slice(0, 14));
    await fails(['mac', '--alg', 'x919', '--key', key, '0200'], 'CRYPTO_INVALID_KEY_LENGTH');
    await fails(['mac', '--alg', 'x9.9', '--key', key, '0200'], 'CLI_USAGE');
    await fails(
      ['mac', '--alg', 'aes-cmac', '--key', `${key}${key}`, '--padding', '2', '0200'],
      'CLI_INVALID_OPTION',
    );
    await fails(['mac', '--alg', 'pos-ecb', '0200'], 'CLI_USAGE');
  });
});

interface TlvJson {
  tag: string;
  name: string | null;
  value?: string;
  masked?: boolean;
  children?: TlvJson[];
}

function paths(nodes: readonly TlvJson[], parent = ''): string[] {
  return nodes.flatMap((node) => {
    const path = parent === '' ? node.tag : `${parent}.${node.tag}`;
    return [path, ...paths(node.children ?? [], path)];
  });
}

describe('payterm tools tlv decode', () => {
  test.each(TLV_SAMPLES.map((sample) => [sample.id, sample] as const))(
    '%s: every object, in order, named',
    async (_id, sample) => {
      const result = await run(['tlv', 'decode', sample.hex]);
      expect(result.code).toBe(EXIT_OK);
      const nodes = JSON.parse(result.out) as TlvJson[];
      expect(paths(nodes)).toEqual(sample.paths);
      expect(nodes.every((node) => node.name !== null)).toBe(true);
    },
  );

  test('masks the PAN unless --unmask', async () => {
    const sample = TLV_SAMPLES.find((candidate) => candidate.id === 'dspread-demo-icc-data')!;
    const masked = JSON.parse((await run(['tlv', 'decode', sample.hex])).out) as TlvJson[];
    expect(masked[0]).toMatchObject({
      tag: '5A',
      name: 'Application PAN',
      value: '621467*********0056F',
      masked: true,
    });
    expect(JSON.stringify(masked)).not.toContain('6214672500000000056');
    const clear = JSON.parse((await run(['tlv', 'decode', '--unmask', '-'], sample.hex)).out) as TlvJson[];
    expect(clear[0]).toEqual({
      tag: '5A',
      name: 'Application PAN',
      length: 10,
      value: '6214672500000000056F',
    });
  });

  test('bad input: odd hex, truncated TLV', async () => {
    await fails(['tlv', 'decode', '9F2608123'], 'CLI_INVALID_HEX');
    const truncated = await fails(['tlv', 'decode', '9F260812345678'], 'EMV_TLV_TRUNCATED');
    expect(truncated.error).toMatchObject({ path: '9F26', phase: 'value' });
  });
});

describe('payterm tools qr', () => {
  test.each(MPM_PAYLOADS.map((sample) => [sample.id, sample] as const))('decode %s', async (_id, sample) => {
    const result = await run(['qr', 'decode', sample.payload]);
    const report = result.json();
    const problems = report.problems as { code: string; path: string }[];
    expect(problems.map(({ code, path }) => ({ code, path }))).toEqual(sample.problems);
    if (sample.problems.length === 0) {
      expect(result.code).toBe(EXIT_OK);
      expect(report).toMatchObject({ valid: true, fields: { ...sample.expected, crc: sample.crc } });
    } else {
      expect(result.code).toBe(EXIT_BAD_INPUT);
      expect(JSON.parse(result.err)).toMatchObject({
        code: 'CLI_QR_INVALID',
        problems: sample.problems.length,
      });
    }
  });

  test('encode rebuilds a decoded payload, CRC included', async () => {
    for (const sample of MPM_PAYLOADS.filter((candidate) => candidate.problems.length === 0)) {
      const decoded = await run(['qr', 'decode', '-'], `${sample.payload}\n`);
      const fields = JSON.stringify(decoded.json().fields);
      const encoded = await run(['qr', 'encode', '-'], fields);
      expect(encoded.code).toBe(EXIT_OK);
      expect(encoded.json()).toEqual({ payload: sample.payload, crc: sample.crc });
    }
  });

  test('a bad CRC: exit 2, every problem listed on stdout', async () => {
    const sample = MPM_PAYLOADS.find((candidate) => candidate.id === 'phannaly-1ff2')!;
    const result = await fails(['qr', 'decode', `${sample.payload.slice(0, -4)}1FF3`], 'CLI_QR_INVALID');
    expect(result.error).toMatchObject({ problems: 2, first: 'EMV_QR_INVALID_CRC' });
    const problems = result.json().problems as { code: string; path: string }[];
    expect(problems.map((problem) => problem.code)).toEqual(['EMV_QR_INVALID_CRC', 'EMV_QR_INVALID_LENGTH']);
  });

  test('encode: bad JSON, wrong shape, fields breaking an MPM rule', async () => {
    await fails(['qr', 'encode', '-'], 'CLI_INVALID_JSON', '{');
    await fails(['qr', 'encode', '-'], 'CLI_INVALID_FIELDS', '[]');
    await fails(['qr', 'encode', '-'], 'CLI_INVALID_FIELDS', '{"merchantName": 5, "merchantAccounts": []}');
    const noCity = {
      payloadFormatIndicator: '01',
      merchantAccounts: [{ id: '15', value: '1234' }],
      merchantCategoryCode: '5411',
      transactionCurrency: '156',
      countryCode: 'CN',
      merchantName: 'Shop',
    };
    const missing = await fails(['qr', 'encode', '-'], 'EMV_QR_MISSING_OBJECT', JSON.stringify(noCity));
    expect(missing.error).toMatchObject({ path: '60' });
    await fails(['qr', 'encode', 'nowhere.json'], 'CLI_INPUT_UNREADABLE');
  });
});

describe('payterm tools dukpt', () => {
  test('IPEK with its check value (X9.24-1 A.4)', async () => {
    const { inputs, expected } = vector('dukpt-tdes.json', 'A.4-IPEK');
    const result = await run([
      'dukpt',
      '--bdk',
      str(inputs.bdk),
      '--ksn',
      str(inputs.ksn),
      '--usage',
      'ipek',
    ]);
    expect(result.json()).toEqual({
      scheme: 'tdes',
      ksn: inputs.ksn,
      counter: 0,
      usage: 'ipek',
      key: expected.ipek,
      kcv: expected.ipekKcv,
    });
  });

  test('transaction key and working keys of counters 1 and 2 (X9.24-1 A.4)', async () => {
    const e1 = vector('dukpt-tdes.json', 'A.4-E00001');
    const keys: Record<string, unknown> = {
      transaction: e1.expected.transactionKey,
      pin: e1.expected.pinKey,
      'mac-request': e1.expected.macRequestKey,
      'data-request': e1.expected.dataRequestKey,
    };
    for (const [usage, key] of Object.entries(keys)) {
      const result = await run([
        'dukpt',
        '--bdk',
        str(e1.inputs.bdk),
        '--ksn',
        str(e1.inputs.ksn),
        '--usage',
        usage,
      ]);
      expect(result.json()).toMatchObject({ counter: 1, usage, key });
    }
    const pinDefault = await run(['dukpt', '--bdk', str(e1.inputs.bdk), '--ksn', str(e1.inputs.ksn)]);
    expect(pinDefault.json()).toMatchObject({ usage: 'pin', key: e1.expected.pinKey });
    const e2 = vector('dukpt-tdes.json', 'A.4-E00002');
    const second = await run([
      'dukpt',
      '--bdk',
      str(e2.inputs.bdk),
      '--ksn',
      str(e2.inputs.ksn),
      '--usage',
      'transaction',
    ]);
    expect(second.json()).toMatchObject({ counter: 2, key: e2.expected.transactionKey });
  });

  test('AES DUKPT: initial key, transaction and working keys (X9.24-3 supplement)', async () => {
    const ik = vector('dukpt-aes.json', 'AES128-IK');
    const tc1 = vector('dukpt-aes.json', 'AES128-TC1');
    const aes = ['dukpt', '--scheme', 'aes', '--bdk', str(tc1.inputs.bdk), '--ksn', str(tc1.inputs.ksn)];
    expect((await run([...aes, '--usage', 'ipek'])).json()).toMatchObject({
      scheme: 'aes',
      counter: 1,
      key: ik.expected.initialKey,
    });
    expect((await run([...aes, '--usage', 'transaction'])).json().key).toBe(tc1.expected.transactionKey);
    expect((await run(aes)).json()).toMatchObject({
      usage: 'pin-encryption',
      keyType: 'aes128',
      key: tc1.expected.pinKey,
    });
    expect((await run([...aes, '--usage', 'mac-generation'])).json().key).toBe(tc1.expected.macGenerationKey);
    expect((await run([...aes, '--usage', 'data-encryption'])).json().key).toBe(
      tc1.expected.dataEncryptionKey,
    );
    const late = vector('dukpt-aes.json', 'AES128-TC-0001FFFE');
    const lateKey = await run([
      'dukpt',
      '--scheme',
      'aes',
      '--bdk',
      str(late.inputs.bdk),
      '--ksn',
      str(late.inputs.ksn),
      '--usage',
      'transaction',
    ]);
    expect(lateKey.json()).toMatchObject({ counter: 0x1fffe, key: late.expected.transactionKey });
    const aes256 = vector('dukpt-aes.json', 'AES256-TC1');
    const pin128 = await run([
      'dukpt',
      '--scheme',
      'aes',
      '--bdk',
      str(aes256.inputs.bdk),
      '--ksn',
      str(aes256.inputs.ksn),
      '--key-type',
      'aes128',
    ]);
    expect(pin128.json()).toMatchObject({ keyType: 'aes128', key: aes256.expected.pinKeyAes128 });
  });

  test('bad input: counter 0 for a transaction key, short KSN, wrong BDK length, odd hex, unknown usage', async () => {
    const bdk = '0123456789ABCDEFFEDCBA9876543210';
    await fails(['dukpt', '--bdk', bdk, '--ksn', 'FFFF9876543210E00000'], 'CRYPTO_INVALID_KSN');
    await fails(['dukpt', '--bdk', bdk, '--ksn', 'FFFF9876543210E000'], 'CRYPTO_INVALID_KSN');
    const short = await fails(
      ['dukpt', '--bdk', bdk.slice(0, 30), '--ksn', 'FFFF9876543210E00001'],
      'CRYPTO_INVALID_KEY_LENGTH',
    );
    expect(short.err).not.toContain(bdk.slice(0, 30));
    const odd = await fails(
      ['dukpt', '--bdk', bdk.slice(1), '--ksn', 'FFFF9876543210E00001'],
      'CLI_INVALID_HEX',
    );
    expect(odd.error).toMatchObject({ option: '--bdk' });
    expect(odd.err).not.toContain(bdk.slice(1, 17));
    await fails(
      ['dukpt', '--bdk', bdk, '--ksn', 'FFFF9876543210E00001', '--usage', 'pin-encryption'],
      'CLI_INVALID_OPTION',
    );
    await fails(
      ['dukpt', '--bdk', bdk, '--ksn', 'FFFF9876543210E00001', '--key-type', 'aes128'],
      'CLI_INVALID_OPTION',
    );
    await fails(
      ['dukpt', '--scheme', 'aes', '--bdk', bdk, '--ksn', '123456789012345600000001', '--usage', 'pin'],
      'CLI_INVALID_OPTION',
    );
    await fails(
      ['dukpt', '--scheme', 'aes', '--bdk', bdk, '--ksn', 'FFFF9876543210E00001'],
      'CRYPTO_INVALID_KSN',
    );
    await fails(['dukpt', '--scheme', 'des', '--bdk', bdk, '--ksn', 'FFFF9876543210E00001'], 'CLI_USAGE');
  });
});

describe('payterm tools tr31', () => {
  test.each(['R2', 'R3', 'R4', 'R5'])(
    'decode %s: header, length and check value; the key only with --show-key',
    async (id) => {
      const { inputs, expected } = vector('tr31.json', id);
      const args = ['tr31', 'unwrap', '--kbpk', str(inputs.kbpk), str(inputs.keyBlock)];
      const masked = await run(args);
      expect(masked.code).toBe(EXIT_OK);
      const key = str(expected.key);
      expect(masked.json()).toMatchObject({
        header: expected.header as object,
        verified: true,
        keyLength: key.length / 2,
        kcv: str(expected.kcv).slice(0, 6),
        key: '*'.repeat(key.length),
      });
      expect(masked.out).not.toContain(key);
      expect((await run([...args, '--show-key'])).json().key).toBe(key);
    },
  );

  test('decode without --kbpk prints the header only', async () => {
    const { inputs, expected } = vector('tr31.json', 'R3');
    const result = await run(['tr31', 'decode', '-'], `${str(inputs.keyBlock)}\n`);
    expect(result.json()).toEqual({
      header: { ...(expected.header as object), version: 'B', length: 104, headerLength: 40 },
      verified: false,
    });
  });

  test('encode then decode round-trips versions B and D with an optional block', async () => {
    const tdes = vector('tr31.json', 'R2');
    const aes = vector('tr31.json', 'R4');
    for (const [version, kbpk, algorithm] of [
      ['B', str(tdes.inputs.kbpk), 'T'],
      ['D', str(aes.inputs.kbpk), 'A'],
    ]) {
      const key = str(tdes.expected.key);
      const encoded = await run([
        'tr31',
        'encode',
        '--kbpk',
        kbpk!,
        '--key',
        key,
        '--block-version',
        version!,
        '--usage',
        'P0',
        '--algorithm',
        algorithm!,
        '--mode',
        'E',
        '--optional-block',
        'KS=00604B120F9292800000',
      ]);
      expect(encoded.code).toBe(EXIT_OK);
      expect(encoded.out).not.toContain(key);
      const keyBlock = str(encoded.json().keyBlock);
      expect(keyBlock.startsWith(`${version}`)).toBe(true);
      const decoded = await run(['tr31', 'decode', '--kbpk', kbpk!, '--show-key', keyBlock]);
      expect(decoded.json()).toMatchObject({
        header: {
          version,
          keyUsage: 'P0',
          algorithm,
          optionalBlocks: [{ id: 'KS', data: '00604B120F9292800000' }],
        },
        key,
        kcv: encoded.json().kcv,
      });
    }
  });

  test('bad input: wrong KBPK, version A, truncated block, --show-key alone, bad optional block', async () => {
    const r2 = vector('tr31.json', 'R2');
    const kbpk = str(r2.inputs.kbpk);
    const wrong = `${kbpk.slice(0, 30)}00`;
    const mismatch = await fails(
      ['tr31', 'decode', '--kbpk', wrong, str(r2.inputs.keyBlock)],
      'CRYPTO_KEY_BLOCK_MAC_MISMATCH',
    );
    expect(mismatch.err).not.toContain(wrong);
    expect(mismatch.out).toBe('');
    const r1 = vector('tr31.json', 'R1');
    await fails(
      ['tr31', 'decode', '--kbpk', str(r1.inputs.kbpk), str(r1.inputs.keyBlock)],
      'CRYPTO_KEY_BLOCK_UNSUPPORTED',
    );
    await fails(['tr31', 'decode', str(r2.inputs.keyBlock).slice(0, 14)], 'CRYPTO_KEY_BLOCK_MALFORMED');
    await fails(['tr31', 'decode', '--show-key', str(r2.inputs.keyBlock)], 'CLI_INVALID_OPTION');
    await fails(['tr31', 'decode', '--kbpk', kbpk.slice(1), str(r2.inputs.keyBlock)], 'CLI_INVALID_HEX');
    const common = [
      'tr31',
      'encode',
      '--kbpk',
      kbpk,
      '--key',
      str(r2.expected.key),
      '--block-version',
      'B',
      '--usage',
      'P0',
      '--algorithm',
      'T',
      '--mode',
      'E',
    ];
    await fails([...common, '--optional-block', 'KS'], 'CLI_INVALID_OPTION');
    await fails([...common, '--block-version', 'A'], 'CLI_USAGE');
    const shortArgs = common.map((arg) => (arg === kbpk ? kbpk.slice(0, 30) : arg));
    const shortKbpk = await fails(shortArgs, 'CRYPTO_KEY_BLOCK_UNSUPPORTED');
    expect(shortKbpk.err).not.toContain(kbpk.slice(0, 30));
  });
});

describe('payterm tools --help', () => {
  const commands = [
    [],
    ['pinblock'],
    ['pinblock', 'encode'],
    ['pinblock', 'decode'],
    ['pinblock', 'translate'],
    ['kcv'],
    ['mac'],
    ['tlv'],
    ['tlv', 'decode'],
    ['qr'],
    ['qr', 'decode'],
    ['qr', 'encode'],
    ['dukpt'],
    ['tr31'],
    ['tr31', 'unwrap'],
    ['tr31', 'wrap'],
    ['tr31', 'decode'],
    ['tr31', 'encode'],
  ];
  test.each(commands.map((command) => [command.join(' ') || 'tools', command] as const))(
    '%s --help',
    async (_name, command) => {
      const result = await run([...command, '--help']);
      expect(result.code).toBe(EXIT_OK);
      expect(result.out).toContain('Usage: payterm tools');
    },
  );
});
