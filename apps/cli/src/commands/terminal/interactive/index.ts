export { runInteractiveTerminal, type InteractiveTerminalOptions } from './run-interactive-terminal.js';
export type { KeyboardInput } from './keyboard.js';
export type { ScreenOutput } from './screen-writer.js';
export { mapKeypress, type KeyAction, type Keypress } from './key-map.js';
export { plainFrame, FRAME_SEPARATOR } from './plain-renderer.js';
export { ansiFrame, ANSI } from './ansi-renderer.js';
