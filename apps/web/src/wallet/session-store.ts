import type { WalletSession } from './wallet-api.js';

/** The session survives a reload of the tab (sessionStorage), never the tab closing. */
const KEY = 'payterm-wallet-session';

export function loadSession(storage: Pick<Storage, 'getItem'>): WalletSession | undefined {
  try {
    const value: unknown = JSON.parse(storage.getItem(KEY) ?? 'null');
    if (typeof value !== 'object' || value === null) return undefined;
    const session = value as Partial<WalletSession>;
    if (
      typeof session.token !== 'string' ||
      typeof session.user !== 'string' ||
      typeof session.name !== 'string' ||
      typeof session.balanceMinor !== 'number' ||
      typeof session.currency !== 'string'
    ) {
      return undefined;
    }
    return session as WalletSession;
  } catch {
    return undefined;
  }
}

export function saveSession(
  storage: Pick<Storage, 'setItem' | 'removeItem'>,
  session: WalletSession | undefined,
): void {
  if (session === undefined) storage.removeItem(KEY);
  else storage.setItem(KEY, JSON.stringify(session));
}
