import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROFILE_DEFAULTS, resolveProfile, type TerminalProfile } from '../src/profile.js';
import { profileWith } from '../src/tms/parameter-download.js';
import { openEngineRig, openWarmHost, type EngineRig } from './support/engine-rig.js';
import type { TcpTestHost } from './support/terminal-rig.js';

const PROFILE: TerminalProfile = resolveProfile({ tid: '10000001', mid: '898310058120001' });

describe('a parameter set applied to the profile', () => {
  it('takes every tag the host sent, seconds as milliseconds, and keeps the rest', () => {
    const profile = profileWith(PROFILE, {
      version: '7',
      merchantName: '新店名 New Name',
      primaryHost: 'tms.example.com:8583',
      secondaryHost: '[::1]:8584',
      responseTimeoutSeconds: 45,
      connectTimeoutSeconds: 8,
      language: 'en',
      saleLimitMinor: 5_000_000,
      refundLimitMinor: 200_000,
    });
    expect(profile).toEqual({
      ...PROFILE,
      merchantName: '新店名 New Name',
      primaryHost: 'tms.example.com:8583',
      secondaryHost: '[::1]:8584',
      responseTimeoutMs: 45_000,
      connectTimeoutMs: 8_000,
      language: 'en',
      saleLimitMinor: 5_000_000,
      refundLimitMinor: 200_000,
    });
    expect(profileWith(PROFILE, { version: '8' })).toEqual(PROFILE);
  });

  it('refuses the whole set when one value would break the profile, naming it', () => {
    expect(() =>
      profileWith(PROFILE, { version: '9', merchantName: 'Fine', responseTimeoutSeconds: 0 }),
    ).toThrow(
      expect.objectContaining({
        code: 'TERMINAL_PARAMETERS_INVALID',
        details: { option: 'responseTimeoutMs', version: '9' },
      }),
    );
    expect(() => profileWith(PROFILE, { version: '9', merchantName: '   ' })).toThrow(
      expect.objectContaining({
        code: 'TERMINAL_PARAMETERS_INVALID',
        details: { option: 'merchantName', version: '9' },
      }),
    );
  });

  it('checks host addresses and limits like any profile field', () => {
    const bad = (patch: Partial<TerminalProfile>) => () => resolveProfile({ ...PROFILE, ...patch });
    expect(bad({ primaryHost: 'no-port' })).toThrow(
      expect.objectContaining({ details: { option: 'primaryHost' } }),
    );
    expect(bad({ secondaryHost: 'host:70000' })).toThrow(
      expect.objectContaining({ details: { option: 'secondaryHost' } }),
    );
    expect(bad({ saleLimitMinor: 0 })).toThrow(
      expect.objectContaining({ details: { option: 'saleLimitMinor' } }),
    );
    expect(bad({ refundLimitMinor: 1.5 })).toThrow(
      expect.objectContaining({ details: { option: 'refundLimitMinor' } }),
    );
    expect(resolveProfile({ ...PROFILE, primaryHost: '10.0.0.7:8583' }).primaryHost).toBe('10.0.0.7:8583');
    expect(PROFILE_DEFAULTS).not.toHaveProperty('saleLimitMinor');
  });
});

describe('the TMS limits on transactions', () => {
  let host: TcpTestHost;
  let rig: EngineRig;

  beforeAll(async () => {
    host = await openWarmHost();
    rig = await openEngineRig({
      port: host.port,
      profile: { saleLimitMinor: 10_000, refundLimitMinor: 2_000 },
    });
    await rig.start();
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('refuses a sale or pre-authorisation above the single-transaction limit before sending anything', async () => {
    const sent = rig.faults.requests().length;
    await expect(rig.terminal.sale(10_001)).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
      details: { option: 'amount', limitMinor: 10_000 },
    });
    await expect(rig.terminal.preauth(20_000)).rejects.toMatchObject({ code: 'TERMINAL_INVALID_INPUT' });
    expect(rig.faults.requests()).toHaveLength(sent);
    expect((await rig.terminal.sale(10_000)).approved).toBe(true);
  });

  it('refuses a refund above the refund limit', async () => {
    await rig.terminal.login('00', '123456');
    await expect(
      rig.terminal.refund({
        rrn: '000000000001',
        date: '1120',
        amountMinor: 2_001,
        supervisorPassword: '123456',
      }),
    ).rejects.toMatchObject({
      code: 'TERMINAL_INVALID_INPUT',
      details: { option: 'amount', limitMinor: 2_000 },
    });
  });
});
