import { describe, expect, it } from 'vitest';
import { resolveHostConfig } from '../../src/config/host-config.js';
import { HostError } from '../../src/errors.js';

describe('resolveHostConfig', () => {
  it('defaults to 127.0.0.1, ports 8583 / 8080 and SQLite in ./data', () => {
    const config = resolveHostConfig({}, {});
    expect(config).toMatchObject({
      host: '127.0.0.1',
      isoPort: 8583,
      httpPort: 8080,
      dataDir: './data',
      databaseUrl: 'sqlite:data/payterm.db',
      lmkFile: 'data/hsm-lmk.hex',
      logLevel: 'info',
      qrOrderTtlMs: 300_000,
    });
  });

  it('takes the QR order lifetime from PAYTERM_QR_ORDER_TTL_MS', () => {
    expect(resolveHostConfig({}, { PAYTERM_QR_ORDER_TTL_MS: '60000' }).qrOrderTtlMs).toBe(60_000);
    expect(() => resolveHostConfig({}, { PAYTERM_QR_ORDER_TTL_MS: '5' })).toThrow(HostError);
  });

  it('takes environment variables, and flags over them', () => {
    const environment = {
      PAYTERM_ISO_PORT: '9583',
      PAYTERM_HTTP_PORT: '9080',
      PAYTERM_DATA: '/var/payterm',
      DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/test',
      PAYTERM_LOG_LEVEL: 'warn',
    };
    expect(resolveHostConfig({}, environment)).toMatchObject({
      isoPort: 9583,
      httpPort: 9080,
      dataDir: '/var/payterm',
      databaseUrl: 'postgres://postgres@127.0.0.1:5432/test',
      lmkFile: '/var/payterm/hsm-lmk.hex',
      logLevel: 'warn',
    });
    const flagged = resolveHostConfig({ isoPort: '0', db: 'sqlite::memory:', host: '0.0.0.0' }, environment);
    expect(flagged).toMatchObject({ isoPort: 0, databaseUrl: 'sqlite::memory:', host: '0.0.0.0' });
  });

  it('names the setting that is wrong', () => {
    const cases: [Parameters<typeof resolveHostConfig>[0], string][] = [
      [{ isoPort: '70000' }, '--iso-port'],
      [{ httpPort: 'http' }, '--http-port'],
      [{ db: 'mysql://localhost/payterm' }, '--db'],
      [{ logLevel: 'loud' }, '--log-level'],
    ];
    for (const [flags, setting] of cases) {
      let thrown: unknown;
      try {
        resolveHostConfig(flags, {});
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(HostError);
      expect((thrown as HostError).code).toBe('HOST_CONFIG_INVALID');
      expect((thrown as HostError).details).toEqual({ setting });
    }
  });
});
