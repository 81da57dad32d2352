import { hostError } from '../../errors.js';

/** Where a search page ended: results run newest first by (createdAt, id). */
export interface TransactionCursor {
  readonly createdAt: number;
  readonly id: string;
}

export function encodeCursor(cursor: TransactionCursor): string {
  return Buffer.from(`${String(cursor.createdAt)}:${cursor.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(text: string): TransactionCursor {
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  const match = /^(\d{1,16}):(.+)$/s.exec(decoded);
  const createdAt = Number(match?.[1]);
  if (match?.[2] === undefined || !Number.isSafeInteger(createdAt)) {
    throw hostError('STORAGE_CURSOR_INVALID', 'The search cursor is not one this host produced');
  }
  return { createdAt, id: match[2] };
}
