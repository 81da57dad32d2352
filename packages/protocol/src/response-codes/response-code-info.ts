/** A terminal's reaction to a response code: A success, B may retry, C do not retry, D retain card, E system fault. */
export type ActionClass = 'A' | 'B' | 'C' | 'D' | 'E';

/** What the terminal does next; `re-sign-in` means sign in again, then the operator may retry. */
export type ResponseAction =
  'approved' | 'retry' | 'do-not-retry' | 'call-issuer' | 'retain-card' | 're-sign-in' | 'system-fault';

export const RESPONSE_ACTIONS: readonly ResponseAction[] = [
  'approved',
  'retry',
  'do-not-retry',
  'call-issuer',
  'retain-card',
  're-sign-in',
  'system-fault',
];

export interface ResponseCodeInfo {
  /** Field 39, two characters. */
  readonly code: string;
  /** Operator text in English. */
  readonly en: string;
  /** Operator text in Chinese (what a UnionPay terminal shows). */
  readonly zh: string;
  readonly actionClass: ActionClass;
  readonly action: ResponseAction;
  /** The terminal must sign in again before its next transaction. */
  readonly resignIn: boolean;
  readonly approved: boolean;
  /** False for the generic entry returned for a code the catalogue does not hold. */
  readonly known: boolean;
}
