export type SlipKind = 'transaction' | 'settlement' | 'detail-list' | 'totals' | 'operators' | 'diagnostics';

/** Who keeps a transaction slip copy. */
export type SlipCopy = 'merchant' | 'customer' | 'bank';

/** A rendered slip: lines of at most 32 display columns (a CJK character counts 2). */
export interface Slip {
  readonly kind: SlipKind;
  readonly lines: readonly string[];
  readonly copy?: SlipCopy;
  readonly reprint: boolean;
}

export type PrintOutcome = 'printed' | 'paper-out';

/** The thermal printer (58 mm, 32 columns): console or file in Node, the printer slot in the browser. */
export interface Printer {
  print(slip: Slip): Promise<PrintOutcome>;
}
