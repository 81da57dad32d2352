/**
 * A value that is ready now (a key in the HSM's cache) or later (a key read from the store, a DUKPT
 * key after its replay check). The software HSM's operations chain these without `await`, so that a
 * cached key costs no promise and no microtask per key: the host makes several HSM calls per sale.
 * The Hsm port still answers every call with a promise.
 */
export type MaybePromise<T> = T | Promise<T>;

/** `action(value)`: now, or once `value` has settled. */
export function andThen<T, U>(
  value: MaybePromise<T>,
  action: (value: T) => MaybePromise<U>,
): MaybePromise<U> {
  return value instanceof Promise ? value.then(action) : action(value);
}

/**
 * `action(key)`, then `key.key` (if the key came in clear) zeroed: when `action` returns or throws, or
 * when the promise it returns settles (a second key may still be on its way).
 */
export function withKey<K extends { readonly key: Uint8Array | undefined }, T>(
  key: MaybePromise<K>,
  action: (key: K) => MaybePromise<T>,
): MaybePromise<T> {
  // A key at hand runs without the closure andThen would need.
  return key instanceof Promise
    ? key.then((resolved) => runWithKey(resolved, action))
    : runWithKey(key, action);
}

function runWithKey<K extends { readonly key: Uint8Array | undefined }, T>(
  resolved: K,
  action: (key: K) => MaybePromise<T>,
): MaybePromise<T> {
  let result: MaybePromise<T>;
  try {
    result = action(resolved);
  } catch (error) {
    resolved.key?.fill(0);
    throw error;
  }
  if (result instanceof Promise) return result.finally(() => resolved.key?.fill(0));
  resolved.key?.fill(0);
  return result;
}
