import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTcpTestHost, type TcpTestHost } from './support/terminal-rig.js';
import { openUiRig, type UiRig } from './support/ui-rig.js';

describe('the device UI when the host never answers (amount ending 9198)', () => {
  let host: TcpTestHost;
  let rig: UiRig;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
    rig = await openUiRig({ port: host.port, tid: '10000002', profile: { responseTimeoutMs: 400 } });
    await rig.press('01', 'enter', '0000', 'enter', '9', '1');
    expect(rig.ui.screen.id).toBe('sign-in.result');
    await rig.press('enter', 'cancel');
  });

  afterAll(async () => {
    await rig.close();
    await host.cleanup();
  });

  it('shows the unknown outcome and that the terminal reversed it, on the result and the status bar', async () => {
    await rig.press('1', '19198', 'enter', '1', 'enter', '2', '123456');
    const screen = await rig.press('enter');
    expect(screen.id).toBe('result');
    expect(screen.tone).toBe('alert');
    expect(screen.body[0]).toBe('Outcome unknown');
    expect(screen.body[2]).toContain('reversed');
    expect(screen.body).toContain('Response code: none (no answer)');
    expect(screen.body).toContain('Reversed: no money moved');
    expect(screen.slip).toBeNull();
    const voucher = rig.terminal.today().at(-1)?.stan;
    expect(rig.terminal.today().at(-1)?.status).toBe('reversed');
    expect(screen.status?.items).toContainEqual({
      kind: 'recovered',
      tone: 'info',
      zh: `凭证 ${voucher} 已冲正`,
      en: `Voucher ${voucher} reversed`,
    });
    const menu = await rig.press('enter');
    expect(menu.id).toBe('menu.main');
    expect(menu.status?.items.map((item) => item.kind)).toEqual(['signed-in', 'recovered']);
  });

  it('clears the notice with the next transaction', async () => {
    await rig.press('1', '100', 'enter', '1', 'enter', '2', '123456');
    const screen = await rig.press('enter');
    expect(screen.body[0]).toBe('Approved');
    expect(screen.status?.items.map((item) => item.kind)).toEqual(['signed-in']);
    await rig.press('enter');
  });
});
