/** A data object of a QR payload as parsed: `children` is set on templates (26–51, 62, 64, 80–99). */
export interface QrObject {
  readonly id: string;
  /** The value as it appears in the payload (for a template: its sub-objects, encoded). */
  readonly value: string;
  readonly children?: readonly QrObject[];
}

/** A data object to build: a template is given by `children` (which win over `value`). */
export interface QrObjectInput {
  readonly id: string;
  readonly value?: string;
  readonly children?: readonly QrObjectInput[];
}

/** Top-level IDs whose value is itself a list of data objects. */
export function isTemplateId(id: string): boolean {
  const n = Number(id);
  return (n >= 26 && n <= 51) || n === 62 || n === 64 || n >= 80;
}

/** Lengths count characters (Unicode code points), not bytes and not UTF-16 units. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}
