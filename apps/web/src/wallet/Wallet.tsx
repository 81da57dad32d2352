import { useCallback, useEffect, useState } from 'react';
import { Bi } from '../landing/Bi.js';
import { Account } from './Account.js';
import { Notice } from './Notice.js';
import { PayCodeView } from './PayCodeView.js';
import { Scan } from './Scan.js';
import { loadSession, saveSession } from './session-store.js';
import { SignIn } from './SignIn.js';
import { fetchAccount, isSessionEnded, type WalletAccount, type WalletSession } from './wallet-api.js';
import { errorMessage } from './wallet-messages.js';

type Tab = 'account' | 'scan' | 'pay-code';

const TABS: readonly { readonly tab: Tab; readonly zh: string; readonly en: string }[] = [
  { tab: 'account', zh: '我的', en: 'Account' },
  { tab: 'scan', zh: '扫一扫', en: 'Scan' },
  { tab: 'pay-code', zh: '付款码', en: 'Pay code' },
];

/** The wallet page at `/wallet`: sign in, then the account, scanning a merchant's code, the pay code. */
export function Wallet() {
  const [session, setSession] = useState<WalletSession | undefined>(() => loadSession(sessionStorage));
  const [account, setAccount] = useState<WalletAccount | undefined>(undefined);
  const [tab, setTab] = useState<Tab>('account');
  const [failure, setFailure] = useState<unknown>(undefined);
  const [ended, setEnded] = useState(false);

  const signOut = useCallback((sessionEnded: boolean) => {
    saveSession(sessionStorage, undefined);
    setSession(undefined);
    setAccount(undefined);
    setTab('account');
    setEnded(sessionEnded);
  }, []);
  const onSessionEnded = useCallback(() => signOut(true), [signOut]);

  const token = session?.token;
  const reload = useCallback(async () => {
    if (token === undefined) return;
    try {
      setAccount(await fetchAccount(token));
      setFailure(undefined);
    } catch (error) {
      if (isSessionEnded(error)) onSessionEnded();
      else setFailure(error);
    }
  }, [token, onSessionEnded]);
  const refresh = useCallback(() => void reload(), [reload]);

  useEffect(() => {
    void reload();
  }, [reload]);

  function signedIn(next: WalletSession) {
    saveSession(sessionStorage, next);
    setEnded(false);
    setSession(next);
  }

  return (
    <>
      <header className="wallet-bar">
        <h1>
          <Bi zh="PayTerm 钱包" en="Wallet" />
        </h1>
        {session !== undefined && (
          <div className="who">
            <span>{session.name}</span>
            <button className="button" type="button" onClick={() => signOut(false)}>
              <Bi zh="退出" en="Sign out" />
            </button>
          </div>
        )}
      </header>
      <main className="wallet-main">
        {session === undefined ? (
          <>
            {ended && (
              <Notice
                tone="info"
                message={{ zh: '登录已过期，请重新登录。', en: 'Your session has ended: sign in again.' }}
              />
            )}
            <SignIn onSignedIn={signedIn} />
          </>
        ) : (
          <>
            <nav className="tabs" role="tablist" aria-label="钱包 Wallet">
              {TABS.map((entry) => (
                <button
                  key={entry.tab}
                  type="button"
                  role="tab"
                  id={`tab-${entry.tab}`}
                  aria-selected={tab === entry.tab}
                  aria-controls="wallet-panel"
                  className={tab === entry.tab ? 'tab selected' : 'tab'}
                  onClick={() => setTab(entry.tab)}
                >
                  <Bi zh={entry.zh} en={entry.en} />
                </button>
              ))}
            </nav>
            <div id="wallet-panel" role="tabpanel" aria-labelledby={`tab-${tab}`}>
              {failure !== undefined && <Notice message={errorMessage(failure)} tone="alert" />}
              {tab === 'account' &&
                (account === undefined ? (
                  <p className="note">
                    <Bi zh="正在读取…" en="Loading…" />
                  </p>
                ) : (
                  <Account account={account} onRefresh={refresh} />
                ))}
              {tab === 'scan' && (
                <Scan
                  token={session.token}
                  currency={account?.currency ?? session.currency}
                  onPaid={refresh}
                  onSessionEnded={onSessionEnded}
                />
              )}
              {tab === 'pay-code' && (
                <PayCodeView
                  token={session.token}
                  currency={account?.currency ?? session.currency}
                  history={account?.history}
                  onWatch={refresh}
                  onSessionEnded={onSessionEnded}
                />
              )}
            </div>
          </>
        )}
      </main>
      <footer className="wallet-footer note">
        <Bi zh="仅为测试数据，不涉及真实资金。" en="Test data only: no real money moves." />{' '}
        <a href="/">
          <Bi zh="首页" en="Home" />
        </a>
      </footer>
    </>
  );
}
