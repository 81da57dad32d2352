import { describe, expect, it } from 'vitest';
import type { IssuerMovementRecord } from '../../src/issuer/index.js';
import { newMovement } from '../../src/issuer/money-movements.js';
import { MovementCache } from '../../src/issuer/movement-cache.js';

function movement(id: string, fields: Partial<IssuerMovementRecord> = {}): IssuerMovementRecord {
  return newMovement({
    id,
    panHash: 'card',
    kind: 'sale',
    amountMinor: 100,
    currency: 'CNY',
    balanceDeltaMinor: -100,
    ...fields,
  });
}

/** A cache over a ledger map, at a clock the test moves. */
function cacheOver(ledger: Map<string, IssuerMovementRecord>, maxMovements: number) {
  let now = 0;
  const reads: string[] = [];
  const cache = new MovementCache(
    {
      maxMovements,
      minAgeMs: 1_000,
      load: (id) => {
        reads.push(id);
        return Promise.resolve(ledger.get(id));
      },
    },
    () => now,
    (record) => {
      if (record.panHash !== 'card') throw new Error(`unknown account of ${record.id}`);
    },
  );
  const put = (record: IssuerMovementRecord): void => {
    ledger.set(record.id, record);
    cache.put(record);
  };
  return { cache, reads, put, setNow: (ms: number) => (now = ms) };
}

describe('MovementCache', () => {
  it('drops the first written movements beyond the bound once they are old enough', async () => {
    const { cache, put, setNow } = cacheOver(new Map(), 2);
    put(movement('a'));
    put(movement('b'));
    put(movement('c'));
    expect(cache.size).toBe(3); // all written less than minAgeMs ago: none may go yet
    setNow(500);
    put(movement('a', { status: 'reversed' })); // rewritten in place: still first, but young again
    setNow(1_200);
    put(movement('d'));
    expect(cache.size).toBe(4); // the young rewrite at the head holds dropping back
    setNow(1_600);
    put(movement('e'));
    expect(['a', 'b', 'c', 'd', 'e'].filter((id) => cache.has(id))).toEqual(['d', 'e']);
    await cache.ensure(['a']);
    expect(cache.get('a')?.status).toBe('reversed');
  });

  it('keeps everything without a ledger to read back from', () => {
    let now = 0;
    const cache = new MovementCache(
      { maxMovements: 1, minAgeMs: 0 },
      () => now,
      () => undefined,
    );
    cache.put(movement('a'));
    now = 10_000;
    cache.put(movement('b'));
    expect(cache.size).toBe(2);
  });

  it('reads back a dropped movement and the original it names, once', async () => {
    const ledger = new Map<string, IssuerMovementRecord>();
    const { cache, reads, put, setNow } = cacheOver(ledger, 1);
    put(movement('sale'));
    put(movement('refund', { kind: 'refund', originalId: 'sale', balanceDeltaMinor: 100 }));
    setNow(5_000);
    put(movement('other'));
    expect(cache.has('sale') || cache.has('refund')).toBe(false);

    await cache.ensure(['refund']);
    expect(reads).toEqual(['refund', 'sale']);
    expect(cache.get('refund')?.originalId).toBe('sale');
    expect(cache.get('sale')?.kind).toBe('sale');
    await cache.ensure(['refund']);
    expect(reads).toHaveLength(2);
    await cache.ensure(['never-written']);
    expect(cache.has('never-written')).toBe(false);
  });

  it('keeps the version a concurrent request wrote while a read was on its way', async () => {
    const ledger = new Map([['sale', movement('sale')]]);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const cache = new MovementCache(
      {
        maxMovements: 10,
        load: async (id) => {
          const row = ledger.get(id);
          await gate;
          return row;
        },
      },
      () => 0,
      () => undefined,
    );
    const slow = cache.ensure(['sale']);
    cache.put(movement('sale', { status: 'reversed' }));
    release();
    await slow;
    expect(cache.get('sale')?.status).toBe('reversed');
  });

  it('refuses a movement read back for an unknown account', async () => {
    const ledger = new Map([['stray', movement('stray', { panHash: 'nobody' })]]);
    const { cache } = cacheOver(ledger, 1);
    await expect(cache.ensure(['stray'])).rejects.toThrow('unknown account of stray');
    expect(cache.has('stray')).toBe(false);
  });
});
