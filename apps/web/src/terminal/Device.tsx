import type { CardEntry, Language, TestCard, UiKey } from '@payterm/terminal';
import { useCallback, useEffect, useRef, useState } from 'react';
import { CardPanel } from './CardPanel.js';
import type { DeviceController } from './device-controller.js';
import { BatteryControl, ChargerControl, LanguageSwitch } from './DeviceControls.js';
import { Display } from './Display.js';
import { Keypad } from './Keypad.js';
import { PinPadView } from './PinPadView.js';
import { PowerKey } from './PowerKey.js';
import { PrinterSlot } from './PrinterSlot.js';
import { ScannerPanel } from './ScannerPanel.js';
import { acceptsCard, customerDevice } from './screen-view.js';
import { SignaturePad } from './SignaturePad.js';
import { StatusLine } from './StatusLine.js';
import { useDevice } from './use-device.js';
import { usePhysicalKeyboard } from './use-physical-keyboard.js';

interface DeviceProps {
  readonly controller: DeviceController;
  readonly tid: string;
  readonly cards: readonly TestCard[];
}

/** How long a key pressed on the computer keyboard stays lit on the keypad. */
const LIT_MS = 140;

/** The web terminal: the POS device, the customer's card, PIN pad and signature pad, the printer slot. */
export function Device({ controller, tid, cards }: DeviceProps) {
  const device = useDevice(controller);
  const { power, screen, language } = device;
  const [lit, setLit] = useState<UiKey | undefined>(undefined);
  const litTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const customer = power === 'on' ? customerDevice(screen) : undefined;
  const scanning = power === 'on' && screen?.acceptsScan === true;
  const customerPanel = useRef<HTMLDivElement>(null);

  const press = useCallback((key: UiKey) => controller.dispatch({ type: 'key', key }), [controller]);
  const pressFromKeyboard = useCallback(
    (key: UiKey) => {
      press(key);
      setLit(key);
      clearTimeout(litTimer.current);
      litTimer.current = setTimeout(() => setLit(undefined), LIT_MS);
    },
    [press],
  );
  // A boot that rolled a version back waits for Enter: the keypad works for that too.
  const keysWork = power === 'on' || device.bootNotice !== undefined;
  usePhysicalKeyboard(keysWork, pressFromKeyboard);

  useEffect(() => {
    document.documentElement.lang = language === 'zh' ? 'zh-CN' : 'en';
  }, [language]);

  // On a phone the customer's pad is below the keypad: bring it into view when it is needed.
  useEffect(() => {
    if (customer === 'pin' || customer === 'signature' || scanning) {
      customerPanel.current?.scrollIntoView?.({ block: 'nearest', behavior: 'smooth' });
    }
  }, [customer, scanning]);

  const setLanguage = (next: Language) => controller.setLanguage(next);
  const present = (pan: string, entry: Exclude<CardEntry, 'keyed'>) =>
    controller.dispatch({ type: 'card', pan, entry });

  return (
    <div className="page">
      <header className="page-bar">
        <a className="page-home" href="/">
          PayTerm
        </a>
        <h1>
          POS 终端 <span lang="en">terminal</span> {tid}
        </h1>
        <LanguageSwitch language={language} onChange={setLanguage} />
      </header>
      <main className="bench">
        <section className="device" aria-label={`POS 终端 POS terminal ${tid}`}>
          <div className="device-top">
            <span className="device-brand" aria-hidden="true">
              PayTerm
            </span>
            <PowerKey
              power={power}
              hint={device.powerHint}
              language={language}
              onHold={() => void controller.holdPower()}
              onTap={() => controller.tapPower()}
            />
          </div>
          <div className={`screen-bezel power-${power}`}>
            <StatusLine
              power={power}
              screen={screen}
              language={language}
              battery={device.battery}
              paperOut={device.paperOut}
            />
            <Display
              power={power}
              screen={screen}
              steps={device.steps}
              failure={device.failure}
              bootNotice={device.bootNotice}
              language={language}
              tid={tid}
            />
          </div>
          <Keypad onKey={press} lit={lit} disabled={!keysWork} />
        </section>
        <div className="accessories">
          <div ref={customerPanel}>
            {customer === 'pin' && screen !== null && <PinPadView screen={screen} onKey={press} />}
            {customer === 'signature' && screen !== null && (
              <SignaturePad
                screen={screen}
                onDone={(data) => controller.dispatch({ type: 'signature', data })}
              />
            )}
            {scanning && screen !== null && (
              <ScannerPanel screen={screen} onScan={(text) => controller.dispatch({ type: 'scan', text })} />
            )}
          </div>
          <details className="panel" open>
            <summary>卡片 Cards</summary>
            <CardPanel cards={cards} enabled={power === 'on' && acceptsCard(screen)} onPresent={present} />
          </details>
          <details className="panel" open>
            <summary>打印机 Printer</summary>
            <PrinterSlot
              slips={device.slips}
              paperOut={device.paperOut}
              onPaperOut={(paperOut) => controller.setPaperOut(paperOut)}
              onTake={() => controller.takeSlips()}
            />
          </details>
          <details className="panel">
            <summary>测试设置 Test settings</summary>
            <BatteryControl level={device.battery} onChange={(level) => controller.setBattery(level)} />
            <ChargerControl
              charging={device.charging}
              onChange={(charging) => controller.setCharging(charging)}
            />
            <p className="panel-note">
              键盘：数字、Enter 确认、Esc 取消、Backspace 退格、Delete 清除、↑ ↓、Home 菜单 · Keyboard:
              digits, Enter, Esc = Cancel, Backspace, Delete = Clear, ↑ ↓, Home = Menu
            </p>
          </details>
        </div>
      </main>
    </div>
  );
}
