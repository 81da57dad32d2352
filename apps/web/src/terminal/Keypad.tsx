import type { UiKey } from '@payterm/terminal';
import { keepFocus } from './keep-focus.js';

interface KeyDef {
  readonly key: UiKey;
  /** What the key shows. */
  readonly face: string;
  /** The small second label (English). */
  readonly sub?: string;
  /** Accessible name when the face alone does not say it. */
  readonly name?: string;
  readonly kind: 'digit' | 'function' | 'cancel' | 'clear' | 'enter';
}

/** The POS keypad, row by row: digits, the coloured keys on the right, function keys at the bottom. */
export const KEYPAD_LAYOUT: readonly KeyDef[] = [
  { key: '1', face: '1', kind: 'digit' },
  { key: '2', face: '2', kind: 'digit' },
  { key: '3', face: '3', kind: 'digit' },
  { key: 'cancel', face: '取消', sub: 'Cancel', name: '取消 Cancel', kind: 'cancel' },
  { key: '4', face: '4', kind: 'digit' },
  { key: '5', face: '5', kind: 'digit' },
  { key: '6', face: '6', kind: 'digit' },
  { key: 'clear', face: '清除', sub: 'Clear', name: '清除 Clear', kind: 'clear' },
  { key: '7', face: '7', kind: 'digit' },
  { key: '8', face: '8', kind: 'digit' },
  { key: '9', face: '9', kind: 'digit' },
  { key: 'enter', face: '确认', sub: 'Enter', name: '确认 Enter', kind: 'enter' },
  { key: 'menu', face: '菜单', sub: 'Menu', name: '菜单 Menu', kind: 'function' },
  { key: '0', face: '0', kind: 'digit' },
  { key: 'up', face: '↑', sub: '上 Up', name: '上 Up', kind: 'function' },
  { key: 'down', face: '↓', sub: '下 Down', name: '下 Down', kind: 'function' },
];

interface KeypadProps {
  readonly onKey: (key: UiKey) => void;
  /** The key the physical keyboard pressed last, lit for a moment. */
  readonly lit: UiKey | undefined;
  readonly disabled: boolean;
}

/** The operator's keypad: 0–9, 取消 Cancel (red), 清除 Clear (yellow), 确认 Enter (green), menu, ↑ ↓. */
export function Keypad({ onKey, lit, disabled }: KeypadProps) {
  return (
    <div className="keypad" role="group" aria-label="键盘 Keypad">
      {KEYPAD_LAYOUT.map((def) => (
        <button
          key={def.key}
          type="button"
          className={`key key-${def.kind}${lit === def.key ? ' lit' : ''}`}
          aria-label={def.name}
          disabled={disabled}
          onMouseDown={keepFocus}
          onClick={() => onKey(def.key)}
        >
          <span className="key-face">{def.face}</span>
          {def.sub !== undefined && (
            <span className="key-sub" aria-hidden="true">
              {def.sub}
            </span>
          )}
        </button>
      ))}
    </div>
  );
}
