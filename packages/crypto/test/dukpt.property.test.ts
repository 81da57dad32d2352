/** DUKPT: the host's derivation for a KSN equals the key the terminal register hands out with it. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  AesDukptHost,
  AesDukptTerminal,
  TdesDukptHost,
  TdesDukptTerminal,
  bytesToHex,
  hexToBytes,
  tdesKsnWithCounter,
} from '@payterm/crypto';

const ones = (value: number): number => value.toString(2).replaceAll('0', '').length;

describe('TDES DUKPT', () => {
  it('host keys equal the register keys after random numbers of transactions, for random BDKs and KSNs', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 16, maxLength: 16 }),
        fc.uint8Array({ minLength: 10, maxLength: 10 }),
        fc.integer({ min: 1, max: 600 }),
        (bdk, ksnBytes, steps) => {
          const initialKsn = tdesKsnWithCounter(ksnBytes, 0);
          const host = new TdesDukptHost(bdk);
          const terminal = new TdesDukptTerminal(host.initialKey(initialKsn), initialKsn);
          let last = terminal.nextTransaction();
          for (let step = 1; step < steps; step += 1) last = terminal.nextTransaction();
          expect(ones(last.counter)).toBeLessThanOrEqual(10);
          expect(host.transactionKey(last.ksn)).toEqual(last.transactionKey);
          expect(host.workingKey(last.ksn, 'data-request')).toEqual(
            terminal.workingKey(last, 'data-request'),
          );
        },
      ),
      { numRuns: 40 },
    );
  });

  it('host keys equal the register keys at random counters over the whole counter space', () => {
    const bdk = hexToBytes('0123456789ABCDEFFEDCBA9876543210');
    const initialKsn = hexToBytes('FFFF9876543210E00000');
    const host = new TdesDukptHost(bdk);
    const counters = new Set(
      fc.sample(
        fc.integer({ min: 1, max: 0x1fffff }).filter((counter) => ones(counter) <= 10),
        { numRuns: 500, seed: 7 },
      ),
    );
    const expected = new Map(
      [...counters].map((counter) => [
        counter,
        bytesToHex(host.transactionKey(tdesKsnWithCounter(initialKsn, counter))),
      ]),
    );
    const terminal = new TdesDukptTerminal(host.initialKey(initialKsn), initialKsn);
    const actual = new Map<number, string>();
    while (!terminal.exhausted) {
      const { counter, transactionKey } = terminal.nextTransaction();
      if (counters.has(counter)) actual.set(counter, bytesToHex(transactionKey));
    }
    expect(actual).toEqual(expected);
  });
});

describe('AES DUKPT', () => {
  it('host keys equal the register keys after random numbers of transactions, for random BDKs and key IDs', () => {
    fc.assert(
      fc.property(
        fc
          .constantFrom(16, 24, 32)
          .chain((length) => fc.uint8Array({ minLength: length, maxLength: length })),
        fc.uint8Array({ minLength: 8, maxLength: 8 }),
        fc.integer({ min: 1, max: 300 }),
        (bdk, initialKeyId, steps) => {
          const host = new AesDukptHost(bdk);
          const terminal = new AesDukptTerminal(host.initialKey(initialKeyId), initialKeyId);
          let last = terminal.nextTransaction();
          for (let step = 1; step < steps; step += 1) last = terminal.nextTransaction();
          expect(host.transactionKey(last.ksn)).toEqual(last.transactionKey);
          expect(host.workingKey(last.ksn, 'pin-encryption', 'aes128')).toEqual(
            terminal.workingKey(last, 'pin-encryption', 'aes128'),
          );
        },
      ),
      { numRuns: 30 },
    );
  });
});
