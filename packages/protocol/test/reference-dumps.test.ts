/** The reference's parsed dumps (§10, and U1/U2 of the crypto reference), read from iso8583's fixtures. */
import { describe, expect, it } from 'vitest';
import { createCipher, createCupEcbMac, hexToBytes } from '@payterm/crypto';
import { checkMac, decodePosRequest, decodePosResponse, packWithMac } from '@payterm/protocol';
import { codecFor, dumpById, dumpBytes } from '../../iso8583/test/support/cup-pos-dumps.js';

function unpackDump(id: string) {
  const dump = dumpById(id);
  const { message: bytes } = dumpBytes(dump);
  return { bytes, codec: codecFor(dump), ...codecFor(dump).unpackWithLayout(bytes) };
}

describe('reference dumps decode to the right kind', () => {
  it('TV1 request is a sign-in with double-length keys (60.3 003)', () => {
    const { message } = unpackDump('TV1-request');
    const result = decodePosRequest(message);
    expect(result).toEqual({
      ok: true,
      value: {
        kind: 'sign-in',
        tpdu: '6005010000',
        header: '613100311108',
        tid: '99999906',
        mid: '001430170119999',
        stan: '000001',
        batch: '000000',
        keyLayout: '003',
        operator: '001',
        terminalInfo: new TextEncoder().encode('Sequence No12306099999906'),
      },
    });
  });

  it('TV1 response answers it with the 40-byte key block, batch 000519 and the host clock', () => {
    const request = decodePosRequest(unpackDump('TV1-request').message);
    if (!request.ok) throw request.error;
    const response = decodePosResponse(request.value, unpackDump('TV1-response').message);
    if (!response.ok) throw response.error;
    expect(response.value).toMatchObject({
      kind: 'sign-in',
      responseCode: '00',
      processingRequirement: '0',
      rrn: '221301491329',
      localTime: '221301',
      localDate: '0720',
      acquirerId: '00085500',
      batch: '000519',
    });
    expect(response.value.kind === 'sign-in' ? response.value.workingKeys?.length : 0).toBe(40);
  });

  it('U1 (no TPDU or header) is a swiped sale with PIN; the PAN comes from track 2', () => {
    const { message } = unpackDump('U1-sale');
    const result = decodePosRequest(message);
    if (!result.ok) throw result.error;
    expect(result.value).toEqual({
      kind: 'sale',
      tid: '16688014',
      mid: '000000000000001',
      stan: '001834',
      batch: '000001',
      card: {
        pan: '4392260009942820',
        panFromTrack2: true,
        entryMode: '021',
        track2: '4392260009942820=131210112008439',
        pinCaptureCode: '06',
        pinBlock: hexToBytes('ACF46E73838A82F9'),
        securityControl: '2600000000000000',
      },
      amount: { amountMinor: 51, currency: '156' },
    });
  });

  it('U2 (an acquirer-private 60.1 26 with 25 = 99) is refused as not supported (40)', () => {
    const result = decodePosRequest(unpackDump('U2-sale').message);
    expect(
      result.ok ? undefined : [result.error.code, result.error.field, result.error.responseCode],
    ).toEqual(['PROTOCOL_UNSUPPORTED_TRANSACTION', '60.1', '40']);
  });
});

describe('MAC with the reference POS ECB vectors', () => {
  const cases = [
    { id: 'U2-sale', mak: '0723C80DB5F4CD3D0723C80DB5F4CD3D', text: 'B3A092AE' },
    { id: 'U1-sale', mak: 'C24A8FB57AA20123', text: '8A9E91B8' },
  ];
  for (const { id, mak, text } of cases) {
    const mac = createCupEcbMac(createCipher, hexToBytes(mak));

    it(`${id}: checkMac accepts the published ${text}, packWithMac writes it back byte for byte`, async () => {
      const { bytes, layout, message, codec } = unpackDump(id);
      expect(await checkMac(bytes, layout, (input, presented) => mac.verify(input, presented))).toEqual({
        ok: true,
        value: undefined,
      });
      const withoutMac = { ...message, fields: { ...message.fields, 64: undefined } };
      const repacked = await packWithMac(codec, withoutMac, (input) => mac.compute(input).slice());
      expect(repacked).toEqual(bytes);
      expect(new TextDecoder().decode(repacked.subarray(repacked.length - 8))).toBe(text);
    });

    it(`${id}: a changed byte or a missing field 64 fails with A0`, async () => {
      const { bytes, layout, codec, message } = unpackDump(id);
      const tampered = bytes.slice();
      const amountOffset = layout.field(4)!.dataStart;
      tampered[amountOffset + 5] = tampered[amountOffset + 5]! ^ 0x01;
      const mismatch = await checkMac(tampered, layout, (input, presented) => mac.verify(input, presented));
      expect(mismatch.ok ? undefined : [mismatch.error.code, mismatch.error.responseCode]).toEqual([
        'PROTOCOL_MAC_MISMATCH',
        'A0',
      ]);
      const bare = codec.packWithLayout({ ...message, fields: { ...message.fields, 64: undefined } });
      const missing = await checkMac(bare.bytes, bare.layout, () => true);
      expect(missing.ok ? undefined : [missing.error.code, missing.error.field]).toEqual([
        'PROTOCOL_MAC_MISSING',
        '64',
      ]);
    });
  }

  it('refuses a MAC function that does not return 8 bytes', async () => {
    const { message, codec } = unpackDump('U2-sale');
    await expect(packWithMac(codec, message, () => new Uint8Array(4))).rejects.toMatchObject({
      code: 'PROTOCOL_MAC_INVALID_LENGTH',
    });
  });
});
