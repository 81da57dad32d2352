import { useEffect, useRef, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { capturePointer } from './pointer-capture.js';

export interface LongPressHandlers {
  readonly onPointerDown: (event: PointerEvent<HTMLElement>) => void;
  readonly onPointerUp: () => void;
  readonly onPointerCancel: () => void;
  readonly onKeyDown: (event: KeyboardEvent<HTMLElement>) => void;
  readonly onKeyUp: (event: KeyboardEvent<HTMLElement>) => void;
  readonly onContextMenu: (event: { preventDefault(): void }) => void;
}

/**
 * A key that acts only when held (the power key): `onLong` fires once the press has lasted `ms`,
 * while still held; releasing earlier is `onShort`. Works with a mouse, a finger (pointer capture keeps
 * the press when the finger slides off) and the keyboard (Enter or Space held on the focused key).
 */
export function useLongPress(
  ms: number,
  onLong: () => void,
  onShort: () => void,
): { holding: boolean; handlers: LongPressHandlers } {
  const [holding, setHolding] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const callbacks = useRef({ onLong, onShort });
  callbacks.current = { onLong, onShort };

  useEffect(() => () => clearTimeout(timer.current), []);

  const start = () => {
    if (timer.current !== undefined) return;
    setHolding(true);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      setHolding(false);
      callbacks.current.onLong();
    }, ms);
  };
  const end = () => {
    if (timer.current === undefined) return;
    clearTimeout(timer.current);
    timer.current = undefined;
    setHolding(false);
    callbacks.current.onShort();
  };
  const isPressKey = (key: string) => key === 'Enter' || key === ' ';

  return {
    holding,
    handlers: {
      onPointerDown: (event) => {
        if (event.button !== 0) return;
        capturePointer(event);
        start();
      },
      onPointerUp: end,
      onPointerCancel: end,
      onKeyDown: (event) => {
        if (!isPressKey(event.key)) return;
        event.preventDefault();
        if (!event.repeat) start();
      },
      onKeyUp: (event) => {
        if (!isPressKey(event.key)) return;
        event.preventDefault();
        end();
      },
      onContextMenu: (event) => event.preventDefault(),
    },
  };
}
