/**
 * Key components (split knowledge, dual control: PCI PIN, PCI DSS 3.7.6): a key is the XOR of two or
 * three components, each entered with its own check value; the combined key has one too.
 */
import type { ErrorDetails, RandomSource } from '@payterm/kernel';
import type { BlockCipher, CipherAlgorithm, CipherFactory } from '../cipher/block-cipher.js';
import { checkCipherKey } from '../cipher/cipher-checks.js';
import { createCipher } from '../cipher/create-cipher.js';
import { constantTimeEqual } from '../constant-time.js';
import { cryptoError } from '../errors.js';
import { keyCheckValue, type KcvOptions } from '../kcv.js';

export interface KeyComponent {
  readonly value: Uint8Array;
  /** The check value the custodian read out with the component; verified when present. */
  readonly kcv?: Uint8Array;
}

export interface CombineKeyComponentsInput {
  readonly algorithm: CipherAlgorithm;
  /** Two or three components of the key's length. */
  readonly components: readonly KeyComponent[];
  /** Expected check value of the combined key; verified when present. */
  readonly kcv?: Uint8Array;
  /** Method and length of every check value (defaults of keyCheckValue: 3 bytes, CMAC for AES). */
  readonly kcvOptions?: KcvOptions;
  readonly cipherFactory?: CipherFactory;
}

export interface CombinedKey {
  readonly key: Uint8Array;
  readonly kcv: Uint8Array;
  /** Check value of each component, in order. */
  readonly componentKcvs: readonly Uint8Array[];
}

function checkCount(count: number): void {
  if (count < 2 || count > 3) {
    throw cryptoError('CRYPTO_INVALID_ARGUMENT', 'A key has two or three components', {
      parameter: 'components',
      count,
    });
  }
}

/** The check value at the configured length, after verifying the presented one (at its own length). */
function checkValue(
  cipher: BlockCipher,
  options: KcvOptions,
  presented: Uint8Array | undefined,
  label: ErrorDetails,
): Uint8Array {
  if (presented !== undefined) {
    const actual = keyCheckValue(cipher, { ...options, length: presented.length });
    if (!constantTimeEqual(actual, presented)) {
      throw cryptoError('CRYPTO_KCV_MISMATCH', 'A check value does not match', label);
    }
  }
  return keyCheckValue(cipher, options);
}

/** XORs the components into the key, checking each presented check value (component first, then the key). */
export function combineKeyComponents(input: CombineKeyComponentsInput): CombinedKey {
  const factory = input.cipherFactory ?? createCipher;
  const options = input.kcvOptions ?? {};
  checkCount(input.components.length);
  const first = input.components[0]!.value;
  const key = new Uint8Array(first.length);
  const componentKcvs = input.components.map((component, index) => {
    checkCipherKey(input.algorithm, component.value);
    if (component.value.length !== first.length) {
      throw cryptoError('CRYPTO_INVALID_KEY_LENGTH', 'Key components must have the same length', {
        algorithm: input.algorithm,
        length: component.value.length,
      });
    }
    for (let byte = 0; byte < key.length; byte += 1) key[byte] = key[byte]! ^ component.value[byte]!;
    return checkValue(factory(input.algorithm, component.value), options, component.kcv, {
      component: index + 1,
    });
  });
  const kcv = checkValue(factory(input.algorithm, key), options, input.kcv, { key: 'combined' });
  return { key, kcv, componentKcvs };
}

/** Splits `key` into `count` (2 or 3) components: count − 1 random ones and the XOR remainder. */
export function splitKeyIntoComponents(key: Uint8Array, count: number, random: RandomSource): Uint8Array[] {
  checkCount(count);
  const last = key.slice();
  const components: Uint8Array[] = [];
  for (let index = 1; index < count; index += 1) {
    const component = new Uint8Array(key.length);
    random.fillBytes(component);
    for (let byte = 0; byte < key.length; byte += 1) last[byte] = last[byte]! ^ component[byte]!;
    components.push(component);
  }
  components.push(last);
  return components;
}
