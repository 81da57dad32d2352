export { DeviceUi, type DeviceUiOptions } from './device-ui.js';
export {
  DIGIT_KEYS,
  UI_KEYS,
  isDigitKey,
  isUiKey,
  type DigitKey,
  type UiEvent,
  type UiKey,
} from './ui-event.js';
export type {
  InputKind,
  Screen,
  ScreenInput,
  ScreenKind,
  ScreenMenuItem,
  ScreenNotice,
  ScreenQr,
  ScreenSlip,
  StatusBar,
  StatusItem,
  StatusItemKind,
  StatusTone,
} from './screen.js';
export { buildStatusBar, type ResolvedOutcome } from './status-bar.js';
export { formatAmountEntry, editInput, AMOUNT_MAX_DIGITS } from './input-editor.js';
export { KEYPAD_SIGNATURE } from './customer-ports.js';
export { bothLanguages, type UiText } from './ui-text.js';
export { progressBar } from './flows/software-flows.js';
