import { terminalError } from '../errors.js';
import type { StorageChange, TerminalStorage } from '../ports/storage.js';
import type { JournalRecord, TransactionStatus, TransactionType } from './journal-record.js';

export interface JournalQuery {
  readonly batch?: string;
  /**
   * Inclusive `YYYY-MM-DD` bounds on the day a record was created, in the terminal's time zone (MMDD
   * would be ambiguous across years).
   */
  readonly fromDate?: string;
  readonly toDate?: string;
  /** The time zone of `fromDate`/`toDate` (default UTC); the terminal passes its profile's. */
  readonly utcOffsetMinutes?: number;
  readonly types?: readonly TransactionType[];
  readonly statuses?: readonly TransactionStatus[];
  readonly operator?: string;
  readonly stan?: string;
}

const ID_DIGITS = 10;

/**
 * The transaction journal: every record in memory (a terminal holds a few batches), written through
 * to storage. Changes are staged as StorageChanges so a caller can commit them with its own state in
 * one atomic write; `commit` applies them here only once storage has them.
 */
export class Journal {
  readonly #records = new Map<string, JournalRecord>();
  readonly #listeners = new Set<() => void>();
  #lastId = 0;

  private constructor(private readonly storage: TerminalStorage) {}

  static async open(storage: TerminalStorage): Promise<Journal> {
    const journal = new Journal(storage);
    for (const record of await storage.list<JournalRecord>('journal')) {
      journal.#records.set(record.id, record);
      journal.#lastId = Math.max(journal.#lastId, Number(record.id));
    }
    return journal;
  }

  /** A new record id, in journal order. */
  nextId(): string {
    this.#lastId += 1;
    return String(this.#lastId).padStart(ID_DIGITS, '0');
  }

  get(id: string): JournalRecord | undefined {
    return this.#records.get(id);
  }

  require(id: string): JournalRecord {
    const record = this.#records.get(id);
    if (record === undefined) {
      throw terminalError('TERMINAL_TRANSACTION_UNKNOWN', `no journal record ${id}`, { id });
    }
    return record;
  }

  /** Every record, oldest first. */
  all(): JournalRecord[] {
    return [...this.#records.values()];
  }

  query(query: JournalQuery): JournalRecord[] {
    const offsetMs = (query.utcOffsetMinutes ?? 0) * 60_000;
    const day = (record: JournalRecord): string =>
      new Date(Date.parse(record.createdAt) + offsetMs).toISOString().slice(0, 10);
    return this.all().filter(
      (record) =>
        (query.batch === undefined || record.batch === query.batch) &&
        (query.stan === undefined || record.stan === query.stan) &&
        (query.operator === undefined || record.operator === query.operator) &&
        (query.types === undefined || query.types.includes(record.type)) &&
        (query.statuses === undefined || query.statuses.includes(record.status)) &&
        (query.fromDate === undefined || day(record) >= query.fromDate) &&
        (query.toDate === undefined || day(record) <= query.toDate),
    );
  }

  /** The record a voucher (STAN) names in a batch: the last one sent with it. */
  byVoucher(batch: string, stan: string): JournalRecord | undefined {
    return this.query({ batch, stan }).at(-1);
  }

  byRrn(rrn: string): JournalRecord | undefined {
    return this.all().findLast((record) => record.rrn === rrn);
  }

  /** Records whose outcome is still being recovered (reversal or repeat), oldest first. */
  pendingRecoveries(): JournalRecord[] {
    return this.all().filter((record) => record.status === 'reversal-pending' || record.status === 'unknown');
  }

  /** Records written as `sending` and never finished: the terminal died between send and response. */
  interrupted(): JournalRecord[] {
    return this.all().filter((record) => record.status === 'sending');
  }

  stage(record: JournalRecord): StorageChange {
    return { collection: 'journal', key: record.id, value: record };
  }

  /** Writes the records and any other changes atomically, then keeps the records in memory. */
  async commit(records: readonly JournalRecord[], other: readonly StorageChange[] = []): Promise<void> {
    await this.storage.write([...records.map((record) => this.stage(record)), ...other]);
    for (const record of records) this.#records.set(record.id, record);
    for (const listener of this.#listeners) listener();
  }

  /** Called after every commit (the operator's screen shows pending reversals as they change). */
  onCommit(listener: () => void): () => void {
    this.#listeners.add(listener);
    return () => {
      this.#listeners.delete(listener);
    };
  }

  /** Drops settled batches from memory and storage (administrator, after settlement). */
  async clearBatchesBefore(batch: string): Promise<number> {
    const dropped = this.all().filter(
      (record) => record.batch < batch && record.status !== 'reversal-pending',
    );
    await this.storage.write(
      dropped.map((record) => ({ collection: 'journal', key: record.id, value: null })),
    );
    for (const record of dropped) this.#records.delete(record.id);
    return dropped.length;
  }
}
