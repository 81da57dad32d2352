import { emitKeypressEvents } from 'node:readline';
import { mapKeypress, type KeyAction, type Keypress } from './key-map.js';

/** Where keys come from: a terminal (raw mode) or any stream of bytes (a pipe, a test). */
export interface KeyboardInput extends NodeJS.ReadableStream {
  readonly isTTY?: boolean;
  setRawMode?(mode: boolean): unknown;
}

/**
 * Reads keys until `q`, Ctrl-C or the end of the input, handing every other mapped key to `onAction`.
 * A terminal is put in raw mode for the time and restored before this resolves.
 */
export function readKeys(
  input: KeyboardInput,
  onAction: (action: Exclude<KeyAction, { type: 'quit' }>) => void,
): Promise<void> {
  return new Promise((resolve) => {
    const raw = input.isTTY === true && typeof input.setRawMode === 'function';
    let finished = false;
    const finish = (): void => {
      if (finished) return;
      finished = true;
      input.off('keypress', onKeypress);
      input.off('end', finish);
      input.off('close', finish);
      if (raw) input.setRawMode?.(false);
      input.pause();
      resolve();
    };
    const onKeypress = (text: string | undefined, key: Keypress | undefined): void => {
      const action = mapKeypress(text, key);
      if (action === undefined) return;
      if (action.type === 'quit') finish();
      else onAction(action);
    };
    emitKeypressEvents(input);
    if (raw) input.setRawMode?.(true);
    input.on('keypress', onKeypress);
    input.once('end', finish);
    input.once('close', finish);
    input.resume();
  });
}
