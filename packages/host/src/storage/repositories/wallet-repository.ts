import type { Kysely } from 'kysely';
import { upsertWalletRow, type WalletRow } from '../commit/wallet-rows.js';
import type {
  HostSchema,
  QrOrdersTable,
  WalletCodesTable,
  WalletMovementsTable,
  WalletPaymentsTable,
  WalletSessionsTable,
  WalletUsersTable,
} from '../schema/host-schema.js';

/** Everything the wallet keeps, read whole at start (the wallet serves from memory, like the issuer). */
export interface WalletRows {
  readonly users: readonly WalletUsersTable[];
  readonly movements: readonly WalletMovementsTable[];
  readonly payments: readonly WalletPaymentsTable[];
  readonly codes: readonly WalletCodesTable[];
  readonly sessions: readonly WalletSessionsTable[];
  readonly orders: readonly QrOrdersTable[];
}

export interface WalletRepository {
  loadAll(): Promise<WalletRows>;
  /** Writes one row now (seeding); the flows write through the CommitQueue instead. */
  put(row: WalletRow): Promise<void>;
}

export class KyselyWalletRepository implements WalletRepository {
  readonly #db: Kysely<HostSchema>;

  constructor(db: Kysely<HostSchema>) {
    this.#db = db;
  }

  async loadAll(): Promise<WalletRows> {
    const db = this.#db;
    const [users, movements, payments, codes, sessions, orders] = await Promise.all([
      db.selectFrom('walletUsers').selectAll().orderBy('userId').execute(),
      db.selectFrom('walletMovements').selectAll().orderBy('createdAt').orderBy('id').execute(),
      db.selectFrom('walletPayments').selectAll().execute(),
      db.selectFrom('walletCodes').selectAll().execute(),
      db.selectFrom('walletSessions').selectAll().execute(),
      db.selectFrom('qrOrders').selectAll().execute(),
    ]);
    return { users, movements, payments, codes, sessions, orders };
  }

  put(row: WalletRow): Promise<void> {
    return upsertWalletRow(this.#db, row);
  }
}
