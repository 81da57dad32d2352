/**
 * The body of the SQLite writer thread, as CommonJS source for `new Worker(source, { eval: true })`:
 * kept as text so that the same code runs whether the host is loaded from `src` (tests) or `dist`.
 * It owns one better-sqlite3 connection with the durability pragmas and runs the statements the
 * main thread sends, one at a time, in order — or a transaction's statements all at once (`batch`,
 * rolled back as a whole when one fails); prepared statements are reused by SQL text.
 */
export const SQLITE_WRITER_SOURCE = String.raw`
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driverPath);
const STATEMENTS = 256;
let db;
let openError;
try {
  db = new Database(workerData.path, { timeout: workerData.busyTimeoutMs });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = ' + String(workerData.busyTimeoutMs));
} catch (error) {
  openError = { message: String((error && error.message) || error), code: error && error.code };
}
const cache = new Map();
// SQL texts by the number the main thread gave them: each text crosses once.
const texts = new Map();
let failedBatch;
// A whole commit group arrives as one message: one round trip instead of one per statement.
const runBatch = db === undefined ? undefined : db.transaction((items) => {
  for (const item of items) statement(item.sql).run(item.parameters);
});
function statement(sql) {
  let prepared = cache.get(sql);
  if (prepared === undefined) {
    prepared = db.prepare(sql);
    if (cache.size >= STATEMENTS) cache.delete(cache.keys().next().value);
    cache.set(sql, prepared);
  }
  return prepared;
}
parentPort.on('message', (message) => {
  if (openError !== undefined) {
    parentPort.postMessage({ id: message.id, error: openError });
    return;
  }
  if (message.close === true) {
    cache.clear();
    db.close();
    parentPort.postMessage({ id: message.id, rows: [] });
    return;
  }
  try {
    if (message.items !== undefined) {
      message.batch = message.items.map((item) => {
        if (item.t !== undefined) texts.set(item.s, item.t);
        return { sql: texts.get(item.s), parameters: item.p };
      });
    }
    if (message.batch !== undefined) {
      // Fail-stop: batches posted after a failed one may hold state that builds on it (an account
      // balance), so none is written until the host restarts and reloads from the database.
      if (failedBatch !== undefined) {
        parentPort.postMessage({ id: message.id, error: failedBatch });
        return;
      }
      try {
        runBatch(message.batch);
      } catch (error) {
        failedBatch = {
          message: 'an earlier commit failed (' + String((error && error.message) || error) + '); restart the host',
          code: 'PAYTERM_WRITER_STOPPED',
        };
        throw error;
      }
      parentPort.postMessage({ id: message.id, rows: [] });
      return;
    }
    const prepared = statement(message.sql);
    if (prepared.reader) {
      parentPort.postMessage({ id: message.id, rows: prepared.all(message.parameters) });
    } else {
      const result = prepared.run(message.parameters);
      parentPort.postMessage({ id: message.id, rows: [], changes: result.changes });
    }
  } catch (error) {
    parentPort.postMessage({
      id: message.id,
      error: { message: String((error && error.message) || error), code: error && error.code },
    });
  }
});
`;
