import type { Language, OperatorText } from '@payterm/terminal';
import type { PowerState } from './device-controller.js';
import { keepFocus } from './keep-focus.js';
import { useLongPress } from './use-long-press.js';

/** As on the real device: the power key acts only when held this long. */
export const POWER_HOLD_MS = 3000;

interface PowerKeyProps {
  readonly power: PowerState;
  readonly hint: OperatorText | undefined;
  readonly language: Language;
  readonly onHold: () => void;
  readonly onTap: () => void;
}

/** The red power key: hold 3 s to switch on or off; a short press only says so. */
export function PowerKey({ power, hint, language, onHold, onTap }: PowerKeyProps) {
  const { holding, handlers } = useLongPress(POWER_HOLD_MS, onHold, onTap);
  return (
    <div className="power">
      <button
        type="button"
        className={`power-key${holding ? ' holding' : ''}${power === 'off' ? '' : ' on'}`}
        aria-label="电源 Power"
        aria-describedby="power-help"
        style={{ ['--hold-ms' as string]: `${POWER_HOLD_MS}ms` }}
        onMouseDown={keepFocus}
        {...handlers}
      >
        <svg viewBox="0 0 24 24" aria-hidden="true">
          <path d="M12 3v8M7 6.5a7 7 0 1 0 10 0" />
        </svg>
      </button>
      <span id="power-help" className="power-help">
        {hint === undefined ? '长按 3 秒开/关机 · Hold 3 s' : `${hint.zh} · ${hint.en}`}
      </span>
      <span className="visually-hidden" aria-live="polite">
        {hint?.[language] ?? ''}
      </span>
    </div>
  );
}
