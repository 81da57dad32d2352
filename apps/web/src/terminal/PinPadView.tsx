import type { Screen, UiKey } from '@payterm/terminal';
import { DIGIT_KEYS } from '@payterm/terminal';
import { keepFocus } from './keep-focus.js';
import { pinDots } from './screen-view.js';

interface PinPadViewProps {
  readonly screen: Screen;
  readonly onKey: (key: UiKey) => void;
}

/** The maximum a PIN has (ISO 9564): the dots line keeps its length. */
const PIN_MAX = 12;
/** Dots drawn before the first digit: most PINs have six. */
const PIN_SHOWN = 6;

/**
 * The customer's PIN pad, shown while the screen asks for the PIN: amount and masked card from the
 * screen, one dot per digit, its own keys (named `PIN 0`…`PIN 9`, `密码确认 PIN Enter` …, apart from the
 * operator's keypad).
 */
export function PinPadView({ screen, onKey }: PinPadViewProps) {
  const dots = pinDots(screen);
  const digits: readonly UiKey[] = DIGIT_KEYS.slice(1);
  const digitKey = (key: UiKey) => (
    <button
      key={key}
      type="button"
      onMouseDown={keepFocus}
      className="key key-digit"
      aria-label={`PIN ${key}`}
      onClick={() => onKey(key)}
    >
      {key}
    </button>
  );
  return (
    <section className="pin-pad" aria-label="密码键盘 PIN pad">
      <h3>
        请输入密码 <span lang="en">Enter your PIN</span>
      </h3>
      {screen.body.map((line, index) => (
        <p key={index} className="pin-pad-line">
          {line}
        </p>
      ))}
      <p className="pin-dots" aria-label={`已输入 ${dots} 位 ${dots} digits entered`}>
        {Array.from({ length: Math.min(PIN_MAX, Math.max(dots, PIN_SHOWN)) }, (_, index) => (
          <span key={index} className={index < dots ? 'dot on' : 'dot'} />
        ))}
      </p>
      {screen.notice !== undefined && (
        <p className={`notice tone-${screen.notice.tone}`}>{screen.notice[screen.language]}</p>
      )}
      <div className="pin-keys">
        {digits.map(digitKey)}
        <button
          type="button"
          onMouseDown={keepFocus}
          className="key key-cancel"
          aria-label="密码取消 PIN Cancel"
          onClick={() => onKey('cancel')}
        >
          取消
        </button>
        {digitKey('0')}
        <button
          type="button"
          onMouseDown={keepFocus}
          className="key key-clear"
          aria-label="密码清除 PIN Clear"
          onClick={() => onKey('clear')}
        >
          清除
        </button>
        <button
          type="button"
          onMouseDown={keepFocus}
          className="key key-enter"
          aria-label="密码确认 PIN Enter"
          onClick={() => onKey('enter')}
        >
          确认
        </button>
      </div>
    </section>
  );
}
