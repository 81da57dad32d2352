import type { FieldValue } from '@payterm/iso8583';
import { protocolError } from '../errors.js';
import { decodeField62Tlv, encodeField62Tlv } from './field-62.js';
import type { Field60 } from './field-60.js';
import type { FieldReader } from './field-reader.js';
import type {
  ParameterDownloadRequest,
  ParametersAppliedRequest,
  SoftwareChunkRequest,
  StatusUploadRequest,
} from './pos-request.js';
import { readEnvelope } from './read-parts.js';
import {
  readSoftwareChunk,
  readSoftwareStatus,
  softwareChunkEntries,
  softwareStatusEntries,
} from './software-status.js';
import { PARAMETER_VERSION_PATTERN } from './tms-parameters.js';
import { checkValue, fixedDigits, requiredTag, tagMap } from './tms-values.js';
import { MANAGEMENT_CODES } from './transaction-table.js';

export type TmsRequest =
  ParameterDownloadRequest | ParametersAppliedRequest | StatusUploadRequest | SoftwareChunkRequest;

const TMS_CODES: Readonly<Record<string, { mti: string; kind: TmsRequest['kind'] }>> = {
  [MANAGEMENT_CODES.parameterDownload]: { mti: '0800', kind: 'parameter-download' },
  [MANAGEMENT_CODES.parameterDownloadEnd]: { mti: '0800', kind: 'parameters-applied' },
  [MANAGEMENT_CODES.statusUpload]: { mti: '0820', kind: 'status-upload' },
  [MANAGEMENT_CODES.softwareChunk]: { mti: '0800', kind: 'software-chunk' },
};

/** The 60.3 code of a TMS request kind. */
export function tmsNetworkCode(kind: TmsRequest['kind']): string {
  return Object.entries(TMS_CODES).find(([, shape]) => shape.kind === kind)![0];
}

/** The TMS request a 0800/0820 with this 60.3 is, or undefined when it is another message. */
export function tmsKindOf(mti: string, networkCode: string): TmsRequest['kind'] | undefined {
  const shape = TMS_CODES[networkCode];
  return shape?.mti === mti ? shape.kind : undefined;
}

/** Field 62 objects of a TMS request; absent 62 reads as no objects. */
function entriesOf(reader: FieldReader) {
  const bytes = reader.optBytes(62);
  return bytes === undefined ? [] : decodeField62Tlv(bytes);
}

export function decodeTmsRequest(
  kind: TmsRequest['kind'],
  reader: FieldReader,
  field60: Field60,
): TmsRequest {
  const envelope = readEnvelope(reader, field60, true);
  const entries = entriesOf(reader);
  switch (kind) {
    case 'parameter-download': {
      // A terminal that sends no 62 starts at the beginning (the 360 of older terminals had none).
      const start = tagMap(entries).get('01') ?? '000';
      if (!/^\d{3}$/.test(start)) {
        throw protocolError('PROTOCOL_INVALID_FIELD', '62.01 (start index) must be 3 digits', '62.01');
      }
      return { kind, ...envelope, startIndex: Number(start) };
    }
    case 'parameters-applied': {
      const version = requiredTag(
        tagMap(entries),
        '02',
        PARAMETER_VERSION_PATTERN,
        '1 to 10 digits',
        'a 361',
      );
      return { kind, ...envelope, parameterVersion: version };
    }
    case 'status-upload':
      return { kind, ...envelope, status: readSoftwareStatus(entries) };
    case 'software-chunk':
      return { kind, ...envelope, ...readSoftwareChunk(entries) };
  }
}

/** Field 62 of a TMS request. Throws PROTOCOL_INVALID_VALUE for values out of range. */
export function tmsRequestField62(request: TmsRequest): FieldValue {
  switch (request.kind) {
    case 'parameter-download':
      return encodeField62Tlv([{ tag: '01', value: fixedDigits(request.startIndex, 3, '62.01') }]);
    case 'parameters-applied':
      return encodeField62Tlv([
        {
          tag: '02',
          value: checkValue(request.parameterVersion, PARAMETER_VERSION_PATTERN, '02', '1 to 10 digits'),
        },
      ]);
    case 'status-upload':
      return encodeField62Tlv(softwareStatusEntries(request.status));
    case 'software-chunk':
      return encodeField62Tlv(softwareChunkEntries(request));
  }
}
