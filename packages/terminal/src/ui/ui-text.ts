import type { OperatorText } from '../engine/outcome.js';
import type { Language } from '../profile.js';

/** What the device shows: one text in both languages, or a value that reads the same in both (`000012`). */
export type UiText = OperatorText | string;

export function bilingual(zh: string, en: string): OperatorText {
  return { zh, en };
}

/** The text in `language`. */
export function pick(text: UiText, language: Language): string {
  return typeof text === 'string' ? text : text[language];
}

/** `label value` in each language: `凭证号 000012` / `Voucher 000012`. */
export function labelled(label: OperatorText, value: string): OperatorText {
  return { zh: `${label.zh} ${value}`, en: `${label.en} ${value}` };
}

/** Both languages on one line, Chinese first, as bilingual terminals print them: `消费 Sale`. */
export function bothLanguages(text: UiText): string {
  if (typeof text === 'string') return text;
  return text.zh === text.en ? text.zh : `${text.zh} ${text.en}`;
}
