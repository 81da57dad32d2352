import { hostError } from '../../errors.js';

export type DatabaseLocation =
  | { readonly dialect: 'sqlite'; readonly path: string | ':memory:' }
  | { readonly dialect: 'postgres'; readonly connectionString: string };

/** `sqlite:PATH`, `sqlite::memory:`, `postgres://…` or `postgresql://…`. */
export function parseDatabaseUrl(url: string): DatabaseLocation {
  if (url.startsWith('sqlite:')) {
    const path = url.slice('sqlite:'.length);
    if (path.length === 0) throw invalid(url, 'sqlite: needs a path or :memory:');
    return { dialect: 'sqlite', path: path === ':memory:' ? ':memory:' : path };
  }
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    return { dialect: 'postgres', connectionString: url };
  }
  throw invalid(url, 'expected sqlite:PATH, sqlite::memory: or postgres://…');
}

/** A URL fit for errors and logs: the password is replaced. */
export function redactDatabaseUrl(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/[^:/@]*:)[^@]*@/i, '$1***@');
}

function invalid(url: string, reason: string) {
  return hostError('STORAGE_URL_INVALID', `Invalid database URL: ${reason}`, { url: redactDatabaseUrl(url) });
}
