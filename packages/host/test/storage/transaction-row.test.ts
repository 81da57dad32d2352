import { describe, expect, it } from 'vitest';
import { transactionRow } from '../../src/storage/repositories/transaction-repository.js';
import { transactionRecord } from './records.js';

describe('transactionRow', () => {
  it('is the record with its MTI class, as a copy', () => {
    const record = transactionRecord({ mti: '0201' });
    const row = transactionRow(record);
    expect(row).toEqual({ ...record, mtiClass: '020' });
    expect(Object.keys(row).sort()).toEqual([...Object.keys(record), 'mtiClass'].sort());
    expect(row).not.toBe(record);
  });
});
