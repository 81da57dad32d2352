import type { Kysely } from 'kysely';
import type {
  HostSchema,
  QrOrdersTable,
  WalletCodesTable,
  WalletMovementsTable,
  WalletPaymentsTable,
  WalletSessionsTable,
  WalletUsersTable,
} from '../schema/host-schema.js';

/** One whole row of the wallet's tables, written as an upsert by its key. */
export type WalletRow =
  | { readonly table: 'walletUsers'; readonly row: WalletUsersTable }
  | { readonly table: 'walletMovements'; readonly row: WalletMovementsTable }
  | { readonly table: 'walletPayments'; readonly row: WalletPaymentsTable }
  | { readonly table: 'walletCodes'; readonly row: WalletCodesTable }
  | { readonly table: 'walletSessions'; readonly row: WalletSessionsTable }
  | { readonly table: 'qrOrders'; readonly row: QrOrdersTable };

/** The key of a wallet row within its table. */
export function walletRowKey(change: WalletRow): string {
  switch (change.table) {
    case 'walletUsers':
      return change.row.userId;
    case 'walletMovements':
      return change.row.id;
    case 'walletPayments':
      return change.row.voucher;
    case 'walletCodes':
      return change.row.codeHash;
    case 'walletSessions':
      return change.row.tokenHash;
    case 'qrOrders':
      return change.row.orderRrn;
  }
}

/** Writes one wallet row: insert, or replace every column of the row with that key. */
export async function upsertWalletRow(trx: Kysely<HostSchema>, change: WalletRow): Promise<void> {
  switch (change.table) {
    case 'walletUsers':
      await trx
        .insertInto('walletUsers')
        .values(change.row)
        .onConflict((oc) => oc.column('userId').doUpdateSet(change.row))
        .execute();
      return;
    case 'walletMovements':
      await trx
        .insertInto('walletMovements')
        .values(change.row)
        .onConflict((oc) => oc.column('id').doUpdateSet(change.row))
        .execute();
      return;
    case 'walletPayments':
      await trx
        .insertInto('walletPayments')
        .values(change.row)
        .onConflict((oc) => oc.column('voucher').doUpdateSet(change.row))
        .execute();
      return;
    case 'walletCodes':
      await trx
        .insertInto('walletCodes')
        .values(change.row)
        .onConflict((oc) => oc.column('codeHash').doUpdateSet(change.row))
        .execute();
      return;
    case 'walletSessions':
      await trx
        .insertInto('walletSessions')
        .values(change.row)
        .onConflict((oc) => oc.column('tokenHash').doUpdateSet(change.row))
        .execute();
      return;
    case 'qrOrders':
      await trx
        .insertInto('qrOrders')
        .values(change.row)
        .onConflict((oc) => oc.column('orderRrn').doUpdateSet(change.row))
        .execute();
      return;
  }
}
