import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_START_MS } from '../../host/test/support/runtime.js';
import { localTime } from '../src/engine/terminal-time.js';
import { openTcpTestHost, type TcpTestHost } from './support/terminal-rig.js';
import { openUiRig, type UiRig } from './support/ui-rig.js';

/** `2026-11-26 10:10:00`: the terminal's local time (UTC+8) of an instant. */
function local(epochMs: number): string {
  const time = localTime(epochMs, 480);
  const hhmmss = time.hhmmss;
  return `${time.date} ${hhmmss.slice(0, 2)}:${hhmmss.slice(2, 4)}:${hhmmss.slice(4, 6)}`;
}

describe('the device UI login screen', () => {
  let host: TcpTestHost;

  beforeAll(async () => {
    host = await openTcpTestHost('sqlite');
  });

  afterAll(async () => {
    await host.cleanup();
  });

  describe('three wrong passwords', () => {
    let rig: UiRig;
    beforeAll(async () => {
      rig = await openUiRig({ port: host.port });
    });
    afterAll(async () => {
      await rig.close();
    });

    it('counts down the tries left on the login screen', async () => {
      let screen = await rig.press('01', 'enter', '1111', 'enter');
      expect(screen.id).toBe('login.operator');
      expect(screen.notice).toMatchObject({
        tone: 'alert',
        en: 'Wrong password for operator 01: 2 tries left',
      });
      screen = await rig.press('01', 'enter', '2222', 'enter');
      expect(screen.notice?.en).toBe('Wrong password for operator 01: 1 tries left');
    });

    it('locks the cashier at the third and says until when, in the terminal time', async () => {
      let screen = await rig.press('01', 'enter', '3333', 'enter');
      expect(screen.id).toBe('login.locked');
      expect(screen.tone).toBe('alert');
      const until = local(TEST_START_MS + 10 * 60_000);
      expect(screen.body).toEqual([`Operator 01 is locked until ${until}`]);
      expect(until).toBe('2026-11-26 10:10:00');
      screen = await rig.press('enter');
      expect(screen.id).toBe('login.operator');
    });

    it('keeps the cashier out with the right password while locked', async () => {
      const screen = await rig.press('01', 'enter', '0000', 'enter');
      expect(screen.id).toBe('login.locked');
      expect(screen.body[0]).toContain('locked until 2026-11-26 10:10:00');
      await rig.press('enter');
    });

    it('lets the supervisor unlock the cashier from the operators menu', async () => {
      await rig.press('00', 'enter', '123456', 'enter');
      let screen = await rig.press('9', '4', '1');
      expect(screen.id).toBe('operators.list');
      expect(screen.body).toContain('01 cashier, locked until 2026-11-26 10:10:00');
      await rig.press('enter');
      screen = await rig.press('5', '01', 'enter');
      expect(screen.id).toBe('operators.done');
      expect(screen.body).toEqual(['Operator 01 unlocked']);
      await rig.press('enter', 'cancel', 'cancel', '9', '8');
      screen = await rig.press('01', 'enter', '0000', 'enter');
      expect(screen.id).toBe('menu.main');
      expect(screen.status?.operator).toEqual({ number: '01', role: 'cashier' });
    });
  });

  describe('a default password', () => {
    let rig: UiRig;
    beforeAll(async () => {
      rig = await openUiRig({ port: host.port, tid: '10000002', profile: { demo: false } });
    });
    afterAll(async () => {
      await rig.close();
    });

    it('must be changed at first login; a published default is refused, a mismatch retyped', async () => {
      let screen = await rig.press('01', 'enter', '0000', 'enter');
      expect(screen.id).toBe('login.change.new-password');
      expect(screen.notice?.en).toBe('The password must be changed before first use');
      screen = await rig.press('123', 'enter');
      expect(screen.notice?.en).toBe('The password is 4 to 6 digits');
      screen = await rig.press('4', 'enter', '4321', 'enter');
      expect(screen.id).toBe('login.change.new-password');
      expect(screen.notice?.en).toBe('The two passwords differ');
      screen = await rig.press('123456', 'enter', '123456', 'enter');
      expect(screen.id).toBe('login.change.new-password');
      expect(screen.notice?.en).toBe('The new password may not be a published default');
      screen = await rig.press('2468', 'enter', '2468', 'enter');
      expect(screen.id).toBe('menu.main');
      expect(rig.terminal.operator).toMatchObject({ number: '01', mustChangePassword: false });
    });

    it('is gone: the next login takes the new password at once', async () => {
      let screen = await rig.press('9', '8');
      expect(screen.id).toBe('login.operator');
      screen = await rig.press('01', 'enter', '2468', 'enter');
      expect(screen.id).toBe('menu.main');
    });

    it('gives up the forced change with Cancel: back to the login screen, logged out', async () => {
      let screen = await rig.press('9', '8', '00', 'enter', '123456', 'enter');
      expect(screen.id).toBe('login.change.new-password');
      screen = await rig.press('cancel');
      expect(screen.id).toBe('login.operator');
      expect(rig.terminal.operator).toBeUndefined();
    });
  });
});
