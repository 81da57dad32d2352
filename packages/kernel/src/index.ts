export { PaytermError, isBranded, isPaytermError, type ErrorDetails } from './errors/payterm-error.js';
export { InvariantError, assertInvariant } from './errors/invariant.js';
export { ok, err, unwrap, type Ok, type Err, type Result } from './result/result.js';

export { type Currency, currencyByAlpha, currencyByNumeric } from './money/currency.js';
export { ISO_4217_CURRENCIES } from './money/iso-4217-currencies.js';
export { Money, type CurrencyInput, type MoneyJson } from './money/money.js';
export { MoneyError, MONEY_ERROR_CODES, type MoneyErrorCode } from './money/money-error.js';
export { divideRounded, ROUNDING_MODES, type RoundingMode } from './money/rounding.js';
export { ISO_AMOUNT_DIGITS, MAX_ISO_AMOUNT_MINOR } from './money/iso-amount.js';

export { type Clock } from './clock/clock.js';
export { systemClock } from './clock/system-clock.js';
export { SimulatedClock } from './clock/simulated-clock.js';

export { type RandomSource } from './random/random-source.js';
export { systemRandom } from './random/system-random.js';
export { SeededRandom, type XoshiroState } from './random/seeded-random.js';
export { uniformIntBelow } from './random/uniform-int.js';

export { StanSequence } from './ids/stan-sequence.js';
export { RrnGenerator, type RrnGeneratorOptions } from './ids/rrn-generator.js';
export { IdSourceError, ID_SOURCE_ERROR_CODES, type IdSourceErrorCode } from './ids/id-source-error.js';

export { Pan } from './pan/pan.js';
export { PanError, PAN_ERROR_CODES, type PanErrorCode } from './pan/pan-error.js';
export { isLuhnValid, luhnCheckDigit } from './pan/luhn.js';
export { maskPan } from './pan/mask-pan.js';
export { maskTrackData } from './pan/mask-track.js';

export { Secret } from './secret/secret.js';
export { nodeInspectSymbol } from './masking/node-inspect-symbol.js';
export { concatBytes } from './bytes/concat-bytes.js';
