import { describe, expect, it } from 'vitest';
import { DEFAULT_TID, deviceParams, hostSocketUrl } from '../src/terminal/device-params.js';

describe('deviceParams: what the address of the device page asks for', () => {
  it('opens the demo terminal 10000001 when the address names none, in Chinese, waiting for the power key', () => {
    expect(deviceParams('')).toEqual({
      ok: true,
      tid: DEFAULT_TID,
      provision: { tid: '10000001', mid: '898310058120001', merchantName: 'PayTerm Demo Store', demo: false },
      demo: true,
      powerOn: false,
      language: 'zh',
    });
  });

  it('provisions the second demo terminal with the demo merchant, and keeps the forced password change', () => {
    const params = deviceParams('?tid=10000002&lang=en&power=on');
    expect(params).toMatchObject({
      ok: true,
      tid: '10000002',
      provision: { mid: '898310058120001', demo: false },
      powerOn: true,
      language: 'en',
    });
  });

  it('takes the merchant ID from the address for a terminal that is not a demo one', () => {
    const params = deviceParams('?tid=20000009&mid=123456789012345');
    expect(params).toEqual({
      ok: true,
      tid: '20000009',
      provision: { tid: '20000009', mid: '123456789012345', demo: false },
      demo: false,
      powerOn: false,
      language: 'zh',
    });
  });

  it('refuses a TID that is not 8 letters or digits, and a non-demo TID without a 15-character MID', () => {
    expect(deviceParams('?tid=123')).toMatchObject({ ok: false, tid: '123' });
    expect(deviceParams('?tid=1000000%3Cb')).toMatchObject({ ok: false });
    const noMid = deviceParams('?tid=20000009');
    expect(noMid).toMatchObject({ ok: false, tid: '20000009' });
    expect(noMid.ok ? '' : noMid.reason.en).toContain('mid=');
    expect(deviceParams('?tid=20000009&mid=12345')).toMatchObject({ ok: false });
  });

  it('ignores languages and power values it does not know', () => {
    expect(deviceParams('?lang=fr&power=yes')).toMatchObject({ ok: true, language: 'zh', powerOn: false });
  });
});

describe('hostSocketUrl: the host WebSocket channel on the page origin', () => {
  it('is ws:// for an http page and wss:// for an https page, with the port kept', () => {
    expect(hostSocketUrl({ protocol: 'http:', host: '127.0.0.1:8080' })).toBe('ws://127.0.0.1:8080/iso8583');
    expect(hostSocketUrl({ protocol: 'https:', host: 'pos.example.com' })).toBe(
      'wss://pos.example.com/iso8583',
    );
  });
});
