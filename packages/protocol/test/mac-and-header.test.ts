import { describe, expect, it } from 'vitest';
import {
  encodePosRequest,
  macRequired,
  processingRequirement,
  swapTpdu,
  withProcessingRequirement,
} from '@payterm/protocol';
import { SAMPLE_REQUESTS } from './support/sample-requests.js';

describe('macRequired', () => {
  it('is true for financial requests and responses, false for management', () => {
    for (const mti of ['0100', '0110', '0200', '0210', '0220', '0230', '0400', '0410']) {
      expect(macRequired(mti)).toBe(true);
    }
    for (const mti of ['0800', '0810', '0820', '0830', '0500', '0510', '0320', '0330']) {
      expect(macRequired(mti)).toBe(false);
    }
  });

  it('tells the IC batch upload from the magstripe one, typed or as a message', () => {
    const uploads = SAMPLE_REQUESTS.filter((request) => request.kind === 'batch-upload');
    const expected = uploads.map((request) => request.upload.type === 'ic');
    expect(uploads.map((request) => macRequired('0320', request))).toEqual(expected);
    expect(uploads.map((request) => macRequired('0330', encodePosRequest(request)))).toEqual(expected);
    expect(expected).toContain(true);
  });
});

describe('header and TPDU', () => {
  it('reads and sets the processing-requirement digit', () => {
    expect(processingRequirement('603100000000')).toBe('0');
    expect(withProcessingRequirement('603100000000', '3')).toBe('603103000000');
    expect(withProcessingRequirement('60310031110E', '6')).toBe('60310631110E');
    expect(processingRequirement('60310631110E')).toBe('6');
    expect(processingRequirement('6031')).toBeUndefined();
    expect(() => withProcessingRequirement('6031', '3')).toThrow(
      expect.objectContaining({ field: 'header' }),
    );
  });

  it('swaps destination and source', () => {
    expect(swapTpdu('6005010000')).toBe('6000000501');
    expect(() => swapTpdu('60')).toThrow(expect.objectContaining({ code: 'PROTOCOL_INVALID_VALUE' }));
  });
});
