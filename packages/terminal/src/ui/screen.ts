import type { OperatorText } from '../engine/outcome.js';
import type { Role } from '../operators/roles.js';
import type { SlipCopy, SlipKind } from '../ports/printer.js';
import type { Language } from '../profile.js';

/**
 * What an input field holds: an amount typed as on a POS (digits shift in from the right), digits
 * (voucher, RRN, date, operator number), a password or PIN (shown as `*`), or free text.
 */
export type InputKind = 'amount' | 'digits' | 'password' | 'pin' | 'text';

export interface ScreenInput {
  readonly label: string;
  /** As shown: the formatted amount (`1.23`), the digits, or one `*` per character typed. */
  readonly value: string;
  readonly kind: InputKind;
  readonly maxLength: number;
}

export interface ScreenMenuItem {
  /** The key that chooses it (`1`…`9`). */
  readonly key: string;
  readonly zh: string;
  readonly en: string;
}

export type StatusTone = 'ok' | 'info' | 'warning' | 'alert';

export type StatusItemKind =
  | 'signed-in'
  | 'not-signed-in'
  | 'reversal-pending'
  | 'reversal-failed'
  | 'unknown-outcome'
  | 'recovered'
  | 'offline'
  | 'locked'
  | 'settlement-required'
  | 'upgrade';

export interface StatusItem extends OperatorText {
  readonly kind: StatusItemKind;
  readonly tone: StatusTone;
}

/** Everything the operator must always see (product.md "States"), from `PosTerminal.status()`. */
export interface StatusBar {
  readonly tid: string;
  readonly merchantName: string;
  readonly operator: { readonly number: string; readonly role: Role } | null;
  readonly items: readonly StatusItem[];
}

/** The last slip the printer printed, as the screen shows it. */
export interface ScreenSlip {
  readonly kind: SlipKind;
  readonly copy?: SlipCopy;
  readonly reprint: boolean;
  readonly lines: readonly string[];
  /** The printer had no paper: the slip was not printed (reprint it). */
  readonly paperOut: boolean;
}

export interface ScreenNotice extends OperatorText {
  readonly tone: StatusTone;
}

/** What kind of screen it is: it says which keys do something. */
export type ScreenKind =
  'starting' | 'busy' | 'input' | 'menu' | 'list' | 'message' | 'confirm' | 'keys' | 'closed';

/**
 * One frame of the device display, as data: renderers (the CLI's ANSI screen, the web terminal's DOM)
 * draw it and nothing else. Body, label and hint are in the display language; title and menu items
 * carry both, as bilingual terminals show them.
 */
export interface Screen {
  /** Stable name of the screen (`login.operator`, `sale.amount`, `customer.pin`, `result` …). */
  readonly id: string;
  readonly kind: ScreenKind;
  readonly language: Language;
  readonly title: OperatorText;
  readonly body: readonly string[];
  /** The body line the cursor is on (lists). */
  readonly highlight?: number;
  readonly input?: ScreenInput;
  readonly menu?: readonly ScreenMenuItem[];
  /** The menu item the cursor is on (index into `menu`). */
  readonly selected?: number;
  /** How the screen reads as a whole: an error screen is `alert`. */
  readonly tone?: StatusTone;
  /** A one-line message: an input error, or what the last action did. */
  readonly notice?: ScreenNotice;
  readonly status: StatusBar | null;
  readonly slip: ScreenSlip | null;
  /** The keys that work here. */
  readonly hint: string;
  /** A QR code to draw (the merchant-presented order's EMVCo payload) and when it stops being valid. */
  readonly qr?: ScreenQr;
  /** The scanner (a camera) may answer this screen: a `scan` event with the code's text. */
  readonly acceptsScan?: boolean;
}

export interface ScreenQr {
  readonly payload: string;
  /** ISO 8601. */
  readonly expiresAt: string;
}
