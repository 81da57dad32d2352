import { assertInvariant } from '@payterm/kernel';
import { displayWidth } from './display-width.js';
import {
  centerToWidth,
  padStartToWidth,
  sanitizeSlipText,
  SLIP_COLUMNS,
  spreadToWidth,
  wrapToWidth,
} from './slip-text.js';

/** How far a value that does not fit beside its label is indented on the lines below it. */
const VALUE_INDENT = 2;

/**
 * Collects the lines of one slip. Every method wraps what it is given to the slip's 32 columns, so a
 * long merchant name or amount moves to the next line instead of running off the paper.
 */
export class SlipBuilder {
  private readonly collected: string[] = [];

  /** `text` wrapped, each line indented by `indent` spaces. */
  text(text: string, indent = 0): this {
    const lines = wrapToWidth(sanitizeSlipText(text), SLIP_COLUMNS - indent);
    for (const line of lines) this.push(' '.repeat(indent) + line);
    return this;
  }

  /** `text` wrapped and each line centred. */
  center(text: string): this {
    for (const line of wrapToWidth(sanitizeSlipText(text))) this.push(centerToWidth(line));
    return this;
  }

  /** A full-width line of `character` (a single-column character). */
  rule(character = '-'): this {
    this.push(character.repeat(SLIP_COLUMNS));
    return this;
  }

  blank(count = 1): this {
    for (let index = 0; index < count; index += 1) this.push('');
    return this;
  }

  /** `left` and `right` flush to the two edges; when they do not fit together, `right` goes below, flush right. */
  spread(left: string, right: string): this {
    const leftText = sanitizeSlipText(left);
    const rightText = sanitizeSlipText(right);
    const line = spreadToWidth(leftText, rightText);
    if (line !== undefined) {
      this.push(line);
      return this;
    }
    const indent = leftText.length - leftText.trimStart().length;
    this.text(leftText.trimStart(), indent);
    for (const rightLine of wrapToWidth(rightText)) this.push(padStartToWidth(rightLine, SLIP_COLUMNS));
    return this;
  }

  /** `label:` with its value flush right on the same line, or on the lines below it, indented, when too long. */
  field(label: string, value: string): this {
    const labelText = `${sanitizeSlipText(label)}:`;
    const valueText = sanitizeSlipText(value);
    const line = spreadToWidth(labelText, valueText);
    if (line !== undefined) {
      this.push(line);
      return this;
    }
    return this.text(labelText).text(valueText, VALUE_INDENT);
  }

  /** Lines laid out by the caller; each must already fit. */
  lines(lines: readonly string[]): this {
    this.push(...lines);
    return this;
  }

  private push(...lines: string[]): void {
    // Trailing spaces carry nothing on paper and would make golden files fragile.
    for (const line of lines) this.collected.push(line.trimEnd());
  }

  /** The finished lines; a line wider than the paper is a bug in the layout, not a printable slip. */
  build(): readonly string[] {
    for (const [index, line] of this.collected.entries()) {
      assertInvariant(displayWidth(line) <= SLIP_COLUMNS, 'A slip line is wider than the paper', {
        line: index,
        width: displayWidth(line),
      });
    }
    return [...this.collected];
  }
}
