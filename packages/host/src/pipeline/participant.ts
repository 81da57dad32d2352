/**
 * A step of a transaction flow, after jPOS's TransactionManager but typed per flow: `prepare` checks or
 * acts and votes; when every participant has prepared, `commit` runs on each in order, otherwise `abort`
 * runs on those that had prepared, in reverse order. Durable writes happen in a `prepare` (so a failed
 * write aborts the flow and undoes what came before); `commit` and `abort` must not fail.
 */
export interface Participant<C> {
  readonly name: string;
  prepare(context: C): Vote | Promise<Vote>;
  commit?(context: C): void | Promise<void>;
  abort?(context: C): void | Promise<void>;
}

/** `prepared`: joins the transaction; `no-join`: nothing to undo; `aborted`: stop with this response code. */
export type Vote =
  | { readonly outcome: 'prepared' }
  | { readonly outcome: 'no-join' }
  | { readonly outcome: 'aborted'; readonly responseCode: string; readonly reason: string };

export const PREPARED: Vote = Object.freeze({ outcome: 'prepared' });
export const NO_JOIN: Vote = Object.freeze({ outcome: 'no-join' });

export function abortWith(responseCode: string, reason: string): Vote {
  return { outcome: 'aborted', responseCode, reason };
}
