export { PaytermError, isPaytermError, type ErrorDetails } from './errors/payterm-error.js';
