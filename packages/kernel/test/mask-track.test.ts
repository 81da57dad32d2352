import { describe, expect, it } from 'vitest';
import { maskTrackData } from '@payterm/kernel';

describe('maskTrackData', () => {
  it('track 2: masked PAN, separator kept, the rest hidden', () => {
    expect(maskTrackData('6200001000000011=30122010000000000')).toBe('620000******0011=*****************');
  });
  it('track 2 equivalent data in hex uses D as the separator', () => {
    expect(maskTrackData('6200001000000011D3012201F')).toBe('620000******0011D********');
  });
  it('track 1 keeps its sentinel and format code out of the PAN', () => {
    expect(maskTrackData('%B6200001000000011^ZHANG/SAN^3012201')).toBe(
      '%B620000******0011^*****************',
    );
    expect(maskTrackData('B6200001000000011^ZHANG')).toBe('B620000******0011^*****');
  });
  it('without a separator everything after the lead is hidden', () => {
    expect(maskTrackData(';6200001000000011')).toBe(';****************');
  });
});
