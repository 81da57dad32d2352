import { Bi } from '../landing/Bi.js';
import { formatMoney } from './money.js';
import type { HistoryEntry, WalletAccount } from './wallet-api.js';
import { HISTORY_KIND } from './wallet-messages.js';

function when(iso: string): string {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString('zh-CN', { hour12: false });
}

function HistoryItem({ entry, currency }: { readonly entry: HistoryEntry; readonly currency: string }) {
  const kind = HISTORY_KIND[entry.kind] ?? { zh: entry.kind, en: entry.kind };
  const sign = entry.kind === 'payment' ? '-' : '+';
  return (
    <li className="history-item">
      <span className="history-what">
        <strong>{entry.merchantName}</strong>
        <span className="note">
          <Bi {...kind} /> · {when(entry.at)} · <Bi zh="凭证号" en="Voucher" /> {entry.voucher}
        </span>
      </span>
      <span className={`history-amount ${sign === '+' ? 'tone-ok' : ''}`}>
        {sign}
        {formatMoney(entry.amountMinor, currency)}
      </span>
    </li>
  );
}

/** The balance and the history, newest first. */
export function Account({
  account,
  onRefresh,
}: {
  readonly account: WalletAccount;
  readonly onRefresh: () => void;
}) {
  return (
    <section className="panel" aria-labelledby="account-heading">
      <h2 id="account-heading">
        <Bi zh="余额" en="Balance" />
      </h2>
      <p
        className="balance"
        aria-label={`余额 Balance ${formatMoney(account.balanceMinor, account.currency)}`}
      >
        {formatMoney(account.balanceMinor, account.currency)}
      </p>
      <button className="button" type="button" onClick={onRefresh}>
        <Bi zh="刷新" en="Refresh" />
      </button>
      <h3 id="history-heading">
        <Bi zh="交易记录" en="History" />
      </h3>
      {account.history.length === 0 ? (
        <p className="note">
          <Bi zh="还没有交易。" en="No transactions yet." />
        </p>
      ) : (
        <ul className="history" aria-labelledby="history-heading">
          {account.history.map((entry) => (
            <HistoryItem
              key={`${entry.kind}-${entry.voucher}-${entry.at}`}
              entry={entry}
              currency={account.currency}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
