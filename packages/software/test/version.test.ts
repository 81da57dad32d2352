import { describe, expect, it } from 'vitest';
import {
  compareVersions,
  highestVersion,
  parseVersion,
  SoftwareError,
  subVersionDigits,
  versionFromSubVersion,
} from '@payterm/software';

describe('versions', () => {
  it('parses MAJOR.MINOR.PATCH with parts 0-99', () => {
    expect(parseVersion('1.2.3')).toEqual({ major: 1, minor: 2, patch: 3 });
    expect(parseVersion('99.0.99')).toEqual({ major: 99, minor: 0, patch: 99 });
  });

  it.each(['1.2', '1.2.3.4', '100.0.0', '01.2.3', '1.2.-3', 'v1.2.3', '', ' 1.2.3', '1.2.3-beta'])(
    'refuses %j with SOFTWARE_MALFORMED',
    (text) => {
      expect(() => parseVersion(text)).toThrow(SoftwareError);
      expect(() => parseVersion(text)).toThrow(expect.objectContaining({ code: 'SOFTWARE_MALFORMED' }));
    },
  );

  it('compares numerically, part by part', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('1.2.3', '1.2.3')).toBe(0);
    expect(compareVersions('0.9.99', '1.0.0')).toBeLessThan(0);
    expect(highestVersion(['1.0.0', '1.10.0', '1.9.0'])).toBe('1.10.0');
    expect(highestVersion([])).toBeUndefined();
  });

  it('maps to the header sub-version MMmmpp and back', () => {
    expect(subVersionDigits('1.2.3')).toBe('010203');
    expect(subVersionDigits('99.99.99')).toBe('999999');
    expect(versionFromSubVersion('010203')).toBe('1.2.3');
    expect(versionFromSubVersion('000000')).toBe('0.0.0');
    expect(() => versionFromSubVersion('01020')).toThrow(
      expect.objectContaining({ code: 'SOFTWARE_MALFORMED' }),
    );
  });
});
