import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import {
  SqliteDialect,
  type CompiledQuery,
  type DatabaseConnection,
  type DialectAdapter,
  type Driver,
  type QueryResult,
} from 'kysely';
import { TransactionalDdlSqliteAdapter } from './sqlite-connection.js';
import { SQLITE_WRITER_SOURCE } from './sqlite-writer-worker.js';

const require = createRequire(import.meta.url);

interface WriterReply {
  readonly id: number;
  readonly rows?: unknown[];
  readonly changes?: number;
  readonly error?: { readonly message: string; readonly code?: string };
}

/** An error the writer thread reported, with SQLite's code (`SQLITE_CONSTRAINT_UNIQUE` …). */
export class SqliteWriterError extends Error {
  readonly code: string | undefined;
  constructor(message: string, code: string | undefined) {
    super(message);
    this.name = 'SqliteWriterError';
    this.code = code;
  }
}

/**
 * One SQLite connection on a worker thread, for the group commit: a commit with synchronous=FULL waits
 * for the disk, and on the main thread that wait stopped every request (a third of the host's time under
 * load). A transaction's statements travel to the thread together at commit — one round trip, not one
 * per statement, each of which waited for a turn of the busy main event loop.
 */
class SqliteWriterChannel {
  readonly #worker: Worker;
  readonly #pending = new Map<number, (reply: WriterReply) => void>();
  #nextId = 1;
  #failure: Error | undefined;
  /** SQL texts already sent to the thread, by number (the group commit uses a bounded set of texts). */
  readonly #textIds = new Map<string, number>();

  constructor(path: string, busyTimeoutMs: number) {
    this.#worker = new Worker(SQLITE_WRITER_SOURCE, {
      eval: true,
      workerData: { path, busyTimeoutMs, driverPath: require.resolve('better-sqlite3') },
    });
    this.#worker.unref();
    this.#worker.on('message', (reply: WriterReply) => {
      const settle = this.#pending.get(reply.id);
      this.#pending.delete(reply.id);
      settle?.(reply);
    });
    this.#worker.on('error', (error) => this.#fail(error));
    this.#worker.on('exit', (code) => this.#fail(new Error(`the SQLite writer thread exited (${code})`)));
  }

  #fail(error: Error): void {
    this.#failure ??= error;
    for (const settle of this.#pending.values()) settle({ id: 0, error: { message: error.message } });
    this.#pending.clear();
  }

  /**
   * Posts a transaction's statements; each SQL text crosses once, later batches name it by number. The
   * parameter arrays go by structured clone, each copied first: Kysely freezes a query's parameters, and
   * V8 clones a frozen array element by element as a sparse one, three times slower. Copied, a 40-sale
   * group clones in about half the main thread's time of a JSON.stringify of its parameters.
   */
  sendBatch(
    batch: readonly { readonly sql: string; readonly parameters: readonly unknown[] }[],
  ): Promise<WriterReply> {
    const items = batch.map(({ sql, parameters }) => {
      let textId = this.#textIds.get(sql);
      if (textId !== undefined) return { s: textId, p: [...parameters] };
      textId = this.#textIds.size;
      this.#textIds.set(sql, textId);
      return { s: textId, t: sql, p: [...parameters] };
    });
    return this.send({ items });
  }

  /** Posts at once (messages reach the thread in the order posted); resolves with the thread's reply. */
  send(message: object): Promise<WriterReply> {
    if (this.#failure !== undefined) return Promise.reject(this.#failure);
    const id = this.#nextId++;
    return new Promise((resolve) => {
      this.#pending.set(id, resolve);
      this.#worker.postMessage({ id, ...message });
    });
  }

  async close(): Promise<void> {
    if (this.#failure === undefined) await this.send({ close: true });
    await this.#worker.terminate();
  }
}

function resultOf<R>(reply: WriterReply): QueryResult<R> {
  if (reply.error !== undefined) throw new SqliteWriterError(reply.error.message, reply.error.code);
  return {
    rows: (reply.rows ?? []) as R[],
    ...(reply.changes === undefined ? {} : { numAffectedRows: BigInt(reply.changes) }),
  };
}

/**
 * One use of the writer, from acquire to release. Inside a transaction, statements are kept and
 * answered with an empty result (the group commit only writes; a read inside a transaction is refused),
 * then posted together at commit. The session lets the next one start as soon as its batch is posted,
 * not when the disk has answered: the next group is recorded while this one is being written, and the
 * thread takes the batches in order.
 */
class SqliteWriterSession implements DatabaseConnection {
  readonly #channel: SqliteWriterChannel;
  readonly #release: () => void;
  #released = false;
  #transaction: { sql: string; parameters: readonly unknown[] }[] | undefined;

  constructor(channel: SqliteWriterChannel, release: () => void) {
    this.#channel = channel;
    this.#release = release;
  }

  async executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    if (this.#transaction !== undefined) {
      if (/^\s*select\b/i.test(compiledQuery.sql)) {
        throw new Error('the SQLite writer does not read inside a transaction');
      }
      this.#transaction.push({ sql: compiledQuery.sql, parameters: compiledQuery.parameters });
      return { rows: [] };
    }
    return resultOf(
      await this.#channel.send({ sql: compiledQuery.sql, parameters: compiledQuery.parameters }),
    );
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('the SQLite writer does not stream');
  }

  begin(): void {
    this.#transaction = [];
  }

  /** Runs the transaction's statements in the writer thread as one SQLite transaction. */
  async commit(): Promise<void> {
    const batch = this.#transaction ?? [];
    this.#transaction = undefined;
    if (batch.length === 0) return;
    const reply = this.#channel.sendBatch(batch);
    this.release();
    resultOf(await reply);
  }

  /** Nothing was sent yet: forgetting the statements is the rollback. */
  rollback(): void {
    this.#transaction = undefined;
  }

  release(): void {
    if (this.#released) return;
    this.#released = true;
    this.#release();
  }
}

/** Sessions one at a time, in the order asked for; a session ends when its batch is posted or released. */
class SqliteWriterDriver implements Driver {
  readonly #path: string;
  readonly #busyTimeoutMs: number;
  #channel: SqliteWriterChannel | undefined;
  #queue: Promise<void> = Promise.resolve();

  constructor(path: string, busyTimeoutMs: number) {
    this.#path = path;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  init(): Promise<void> {
    this.#channel = new SqliteWriterChannel(this.#path, this.#busyTimeoutMs);
    return Promise.resolve();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    const previous = this.#queue;
    let release: () => void = () => undefined;
    this.#queue = new Promise((resolve) => (release = resolve));
    await previous;
    if (this.#channel === undefined) {
      release();
      throw new Error('the SQLite writer is not initialised');
    }
    return new SqliteWriterSession(this.#channel, release);
  }

  beginTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteWriterSession).begin();
    return Promise.resolve();
  }

  commitTransaction(connection: DatabaseConnection): Promise<void> {
    return (connection as SqliteWriterSession).commit();
  }

  rollbackTransaction(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteWriterSession).rollback();
    return Promise.resolve();
  }

  releaseConnection(connection: DatabaseConnection): Promise<void> {
    (connection as SqliteWriterSession).release();
    return Promise.resolve();
  }

  async destroy(): Promise<void> {
    await this.#queue;
    await this.#channel?.close();
    this.#channel = undefined;
  }
}

/** Kysely dialect of the writer thread: SQLite's SQL, adapter and introspection, our driver. */
export class SqliteWriterDialect extends SqliteDialect {
  readonly #path: string;
  readonly #busyTimeoutMs: number;

  constructor(path: string, busyTimeoutMs: number) {
    // The base class wants a database for its own driver, which is never created.
    super({ database: () => Promise.reject(new Error('unused')) });
    this.#path = path;
    this.#busyTimeoutMs = busyTimeoutMs;
  }

  override createDriver(): Driver {
    return new SqliteWriterDriver(this.#path, this.#busyTimeoutMs);
  }

  override createAdapter(): DialectAdapter {
    return new TransactionalDdlSqliteAdapter();
  }
}
