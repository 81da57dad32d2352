import { useEffect } from 'react';
import type { UiKey } from '@payterm/terminal';
import { focusKind, keypadKeyFor } from './keyboard-map.js';

/** Sends the computer keyboard's keys to the device keypad while `enabled`. */
export function usePhysicalKeyboard(enabled: boolean, onKey: (key: UiKey) => void): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      const target = event.target instanceof Element ? event.target : null;
      const key = keypadKeyFor(event, focusKind(target as HTMLInputElement | null));
      if (key === undefined) return;
      // Backspace and arrows would otherwise scroll or navigate the page.
      event.preventDefault();
      onKey(key);
    };
    document.addEventListener('keydown', listener);
    return () => document.removeEventListener('keydown', listener);
  }, [enabled, onKey]);
}
