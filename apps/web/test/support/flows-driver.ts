import type { Locator, Page } from 'playwright-core';

/** Keys of the device keypad by the names apps/web/README.md documents. */
const KEY_NAMES: Readonly<Record<string, string>> = {
  enter: '确认 Enter',
  cancel: '取消 Cancel',
  clear: '清除 Clear',
  menu: '菜单 Menu',
  up: '上 Up',
  down: '下 Down',
};

/**
 * Drives the web terminal as a person does: the power key held, keypad buttons clicked (or the
 * physical keyboard), the card panel and the customer PIN pad; reads the display and printer slot.
 */
export class DeviceDriver {
  constructor(readonly page: Page) {}

  get display(): Locator {
    return this.page.getByRole('status', { name: '显示屏 Display' });
  }

  get printer(): Locator {
    return this.page.getByRole('region', { name: '打印机 Printer' });
  }

  async open(baseUrl: string, tid = '10000001'): Promise<void> {
    await this.page.goto(`${baseUrl}/terminal?tid=${tid}&lang=en`);
    const power = this.page.getByRole('button', { name: '电源 Power' });
    await power.hover();
    await this.page.mouse.down();
    await this.page.waitForTimeout(3_200);
    await this.page.mouse.up();
    await this.waitFor('login.operator', 20_000);
  }

  /** Waits until the display shows the screen `id`. */
  async waitFor(id: string, timeoutMs = 15_000): Promise<void> {
    try {
      await this.page
        .locator(`[data-screen-id="${id}"]`)
        .and(this.display)
        .waitFor({ state: 'attached', timeout: timeoutMs });
    } catch (error) {
      const shown = await this.screenId();
      throw new Error(`the display did not show ${id} within ${timeoutMs} ms (it shows ${String(shown)})`, {
        cause: error,
      });
    }
  }

  async screenId(): Promise<string | null> {
    return this.display.getAttribute('data-screen-id');
  }

  /** Clicks keypad keys: digits of each string one by one, or a named key (`enter`, `cancel` …). */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) {
      const named = KEY_NAMES[key];
      if (named !== undefined) {
        await this.page.getByRole('button', { name: named, exact: true }).click();
        continue;
      }
      for (const digit of key) {
        await this.page.getByRole('button', { name: digit, exact: true }).click();
      }
    }
  }

  /** Types on the physical keyboard (digits, Enter, Escape …). */
  async type(...keys: string[]): Promise<void> {
    for (const key of keys) {
      if (/^\d+$/.test(key)) await this.page.keyboard.type(key);
      else await this.page.keyboard.press(key);
    }
  }

  /** Picks a test card in the card panel and presents it. */
  async presentCard(name: string, entry: '刷卡 Swipe' | '插卡 Insert' | '挥卡 Tap'): Promise<void> {
    await this.page.getByRole('radio', { name }).check();
    await this.page.getByRole('button', { name: entry }).click();
  }

  /** The customer types a PIN on the PIN pad and confirms. */
  async enterPin(pin: string): Promise<void> {
    await this.waitFor('customer.pin');
    for (const digit of pin)
      await this.page.getByRole('button', { name: `PIN ${digit}`, exact: true }).click();
    await this.page.getByRole('button', { name: '密码确认 PIN Enter' }).click();
  }

  /** Logs in; a default password is changed to `newPassword` on the way. */
  async login(operator: string, password: string, newPassword?: string): Promise<void> {
    await this.waitFor('login.operator');
    await this.press(operator, 'enter');
    await this.waitFor('login.password');
    await this.press(password, 'enter');
    if (newPassword !== undefined) {
      await this.waitFor('login.change.new-password');
      await this.press(newPassword, 'enter');
      await this.waitFor('login.change.confirm-password');
      await this.press(newPassword, 'enter');
    }
    await this.waitFor('menu.main');
  }
}
