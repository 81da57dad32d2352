export { PaytermError, isPaytermError, type ErrorDetails } from './errors/payterm-error.js';
export { InvariantError, assertInvariant } from './errors/invariant.js';
export { ok, err, unwrap, type Ok, type Err, type Result } from './result/result.js';
