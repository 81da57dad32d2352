import { displayWidth, type Language, type Role, type Screen, type StatusTone } from '@payterm/terminal';

/** Inner width of the device display box, in terminal columns (a CJK character takes 2). */
export const DISPLAY_COLUMNS = 40;

/** One line of a frame and how to draw it. */
export interface FrameLine {
  readonly text: string;
  readonly tone?: StatusTone;
  /** Drawn in reverse video (the menu item or list line under the cursor). */
  readonly selected?: boolean;
  /** Inside the display box: `text` is the padded inside, the renderer draws the sides. */
  readonly boxed?: boolean;
}

/** Columns of the whole box, sides included. */
export const BOX_COLUMNS = DISPLAY_COLUMNS + 2;

/** Splits a word longer than a line into pieces of at most `columns`. */
function splitWord(word: string, columns: number): string[] {
  const pieces: string[] = [];
  let current = '';
  for (const character of word) {
    if (displayWidth(current + character) > columns) {
      pieces.push(current);
      current = '';
    }
    current += character;
  }
  return [...pieces, current];
}

/** Wraps text at spaces into lines of at most `columns` display columns (a CJK character takes 2). */
export function wrapColumns(text: string, columns: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(' ')) {
    const candidate = current === '' ? word : `${current} ${word}`;
    if (displayWidth(candidate) <= columns) {
      current = candidate;
      continue;
    }
    if (current !== '') lines.push(current);
    const pieces = splitWord(word, columns);
    lines.push(...pieces.slice(0, -1));
    current = pieces.at(-1) ?? '';
  }
  lines.push(current);
  return lines;
}

export function padColumns(text: string, columns: number): string {
  return text + ' '.repeat(Math.max(0, columns - displayWidth(text)));
}

function titleText(screen: Screen): string {
  const { zh, en } = screen.title;
  return zh === en ? zh : `${zh} ${en}`;
}

function contentLines(screen: Screen): FrameLine[] {
  const lines: FrameLine[] = screen.body.map((text, index) => ({
    text,
    ...(index === screen.highlight ? { selected: true } : {}),
  }));
  screen.menu?.forEach((item, index) => {
    const label = item.zh === item.en ? item.zh : `${item.zh} ${item.en}`;
    lines.push({ text: `${item.key} ${label}`, ...(index === screen.selected ? { selected: true } : {}) });
  });
  if (screen.input !== undefined) lines.push({ text: `${screen.input.label}: ${screen.input.value}_` });
  const notice = screen.notice;
  if (notice !== undefined) lines.push({ text: `! ${notice[screen.language]}`, tone: notice.tone });
  return lines;
}

const ROLE_NAMES: Readonly<Record<Role, Readonly<Record<Language, string>>>> = {
  administrator: { zh: '系统管理员', en: 'administrator' },
  supervisor: { zh: '主管', en: 'supervisor' },
  cashier: { zh: '收银员', en: 'cashier' },
};

function statusLines(screen: Screen): FrameLine[] {
  const status = screen.status;
  if (status === null) return [];
  const operator =
    status.operator === null
      ? '—'
      : `${status.operator.number} ${ROLE_NAMES[status.operator.role][screen.language]}`;
  return [
    { text: `TID ${status.tid} · ${screen.language === 'zh' ? '操作员' : 'Operator'} ${operator}` },
    ...status.items.map((item) => ({ text: item[screen.language], tone: item.tone })),
  ];
}

function boxed(lines: readonly FrameLine[]): FrameLine[] {
  return lines.flatMap((line) =>
    wrapColumns(line.text, DISPLAY_COLUMNS - 2).map((piece) => ({
      ...line,
      text: padColumns(piece, DISPLAY_COLUMNS - 2),
      boxed: true,
    })),
  );
}

/** A frame line as plain text; `marker` goes before a selected line's text. */
export function plainLine(line: FrameLine, marker = ' '): string {
  if (line.boxed !== true) return line.text;
  return `│${line.selected === true ? marker : ' '}${line.text} │`;
}

/**
 * The device display as a box of text lines: title, body, menu, input, notice; then the status bar;
 * then the hint under the box. Renderers add colour and placement, never content.
 */
export function deviceFrame(screen: Screen): FrameLine[] {
  const rule = '─'.repeat(DISPLAY_COLUMNS);
  const tone = screen.tone === undefined ? {} : { tone: screen.tone };
  return [
    { text: `┌${rule}┐` },
    ...boxed([{ text: titleText(screen), ...tone }]),
    { text: `├${rule}┤` },
    ...boxed(contentLines(screen)),
    { text: `├${rule}┤` },
    ...boxed(statusLines(screen)),
    { text: `└${rule}┘` },
    ...wrapColumns(screen.hint, DISPLAY_COLUMNS + 2).map((text) => ({ text })),
  ];
}

/** The last slip, framed as paper: its lines and a marker when the printer had no paper. */
export function slipFrame(screen: Screen): string[] {
  const slip = screen.slip;
  if (slip === null) return [];
  const marker = slip.paperOut
    ? [screen.language === 'zh' ? '（缺纸，未打印）' : '(paper out: not printed)']
    : [];
  return ['- - - - - - - - - - - - - - - -', ...slip.lines, '- - - - - - - - - - - - - - - -', ...marker];
}
