import type {
  MagstripeUploadEntry,
  PosRequest,
  PosResponse,
  SettlementHalf,
  SettlementTotals,
} from '@payterm/protocol';

/** Transactions a terminal keeps in its batch journal once approved (balance moves no money). */
export type JournalKind =
  | 'sale'
  | 'void'
  | 'refund'
  | 'preauth'
  | 'preauth-cancel'
  | 'preauth-completion'
  | 'preauth-completion-void'
  | 'qr-customer-sale'
  | 'qr-void'
  | 'qr-refund';

const JOURNAL_KINDS: ReadonlySet<string> = new Set<JournalKind>([
  'sale',
  'void',
  'refund',
  'preauth',
  'preauth-cancel',
  'preauth-completion',
  'preauth-completion-void',
  'qr-customer-sale',
  'qr-void',
  'qr-refund',
]);

/** Gross rule (pos-dialect "Settlement totals"): debits counted even when voided later. */
const DEBIT_KINDS: ReadonlySet<JournalKind> = new Set(['sale', 'preauth-completion', 'qr-customer-sale']);
const CREDIT_KINDS: ReadonlySet<JournalKind> = new Set([
  'void',
  'preauth-completion-void',
  'refund',
  'qr-void',
  'qr-refund',
]);

/** 0100 messages are not in the magstripe detail upload. */
const UPLOAD_EXCLUDED: ReadonlySet<JournalKind> = new Set(['preauth', 'preauth-cancel']);

/** What a voiding kind does to its original. */
const VOIDS: Partial<Record<JournalKind, true>> = {
  void: true,
  'qr-void': true,
  'preauth-completion-void': true,
  'preauth-cancel': true,
};

/** One approved transaction as the terminal remembers it (test-only: the PAN is kept in clear). */
export interface JournalEntry {
  readonly kind: JournalKind;
  readonly stan: string;
  readonly batch: string;
  readonly rrn?: string;
  readonly authCode?: string;
  readonly amountMinor: number;
  readonly currency: string;
  /** Absent for QR transactions. */
  readonly pan?: string;
  readonly expiry?: string;
  /** MMDD: the host's field 13 of the response, else the terminal's own date. */
  readonly date: string;
  /** `domestic` when the PAN starts with 62 (UnionPay) or there is no card (UnionPay QR); else `foreign`. */
  readonly scope: 'domestic' | 'foreign';
  /** 61 of a void, cancel, completion or refund: the original's batch and STAN. */
  readonly original?: { readonly batch: string; readonly stan: string };
  /** Voided (or, for a pre-auth, cancelled) by a later approved request. */
  voided: boolean;
  /** Reversed by a 0400 that got any 0410. */
  reversed: boolean;
}

function scopeOf(pan: string | undefined): 'domestic' | 'foreign' {
  return pan === undefined || pan.startsWith('62') ? 'domestic' : 'foreign';
}

function cardOf(request: PosRequest): { pan?: string; expiry?: string } {
  if (!('card' in request) || request.card === undefined) return {};
  const card = request.card;
  const pan = card.pan ?? card.track2?.split(/[=D]/)[0];
  return {
    ...(pan === undefined ? {} : { pan }),
    ...(card.expiry === undefined ? {} : { expiry: card.expiry }),
  };
}

function emptyHalf(): { -readonly [K in keyof SettlementHalf]: SettlementHalf[K] } {
  return { debitCount: 0, debitAmountMinor: 0, creditCount: 0, creditAmountMinor: 0, result: 'request' };
}

/**
 * Field 48 totals of `entries` by the gross rule: debit = approved sales, completions and QR sales
 * (voided ones included); credit = approved voids, completion voids, refunds and QR voids / refunds.
 * Reversed entries count nowhere. Domestic (62…) and foreign cards are totalled apart.
 */
export function grossSettlementTotals(entries: Iterable<JournalEntry>): SettlementTotals {
  const domestic = emptyHalf();
  const foreign = emptyHalf();
  for (const entry of entries) {
    if (entry.reversed) continue;
    const half = entry.scope === 'domestic' ? domestic : foreign;
    if (DEBIT_KINDS.has(entry.kind)) {
      half.debitCount += 1;
      half.debitAmountMinor += entry.amountMinor;
    } else if (CREDIT_KINDS.has(entry.kind)) {
      half.creditCount += 1;
      half.creditAmountMinor += entry.amountMinor;
    }
  }
  return { domestic, foreign };
}

/** The terminal's journal of the open batch: approved transactions, updated by voids and reversals. */
export class TerminalJournal {
  private readonly list: JournalEntry[] = [];

  get entries(): readonly JournalEntry[] {
    return this.list;
  }

  /** The entry of `kind` with this batch and STAN. */
  find(batch: string, stan: string, kinds?: readonly JournalKind[]): JournalEntry | undefined {
    return this.list.find(
      (entry) =>
        entry.batch === batch && entry.stan === stan && (kinds === undefined || kinds.includes(entry.kind)),
    );
  }

  /** Records an approved answer; a void, cancel or completion void marks its original. */
  recordApproved(request: PosRequest, response: PosResponse, date: string): JournalEntry | undefined {
    if (!JOURNAL_KINDS.has(request.kind) || !('amount' in request)) return undefined;
    const kind = request.kind as JournalKind;
    const card = cardOf(request);
    const original = 'original' in request && request.original !== undefined ? request.original : undefined;
    const entry: JournalEntry = {
      kind,
      stan: request.stan,
      batch: request.batch,
      ...(response.rrn === undefined ? {} : { rrn: response.rrn }),
      ...(response.authCode === undefined ? {} : { authCode: response.authCode }),
      amountMinor: request.amount.amountMinor,
      currency: request.amount.currency,
      ...card,
      date,
      scope: scopeOf(card.pan),
      ...(original === undefined ? {} : { original: { batch: original.batch, stan: original.stan } }),
      voided: false,
      reversed: false,
    };
    this.list.push(entry);
    if (VOIDS[kind] === true && original !== undefined) this.setVoided(original, true);
    return entry;
  }

  /** Any 0410 ends a reversal: the reversed entry no longer counts, and what it voided is restored. */
  recordReversal(request: Extract<PosRequest, { kind: 'reversal' }>): void {
    const entry = this.find(request.batch, request.stan, [request.reversedKind as JournalKind]);
    if (entry === undefined || entry.reversed) return;
    entry.reversed = true;
    if (VOIDS[entry.kind] === true && entry.original !== undefined) this.setVoided(entry.original, false);
  }

  /** Magstripe upload records (reference §7.3) of every approved, unreversed 0200/0220 card entry. */
  uploadEntries(): MagstripeUploadEntry[] {
    return this.list
      .filter((entry) => !entry.reversed && entry.pan !== undefined && !UPLOAD_EXCLUDED.has(entry.kind))
      .map((entry) => ({
        foreign: entry.scope === 'foreign',
        stan: entry.stan,
        pan: entry.pan ?? '',
        amountMinor: entry.amountMinor,
      }));
  }

  clear(): void {
    this.list.length = 0;
  }

  private setVoided(original: { readonly batch: string; readonly stan: string }, voided: boolean): void {
    const target = this.list.find(
      (entry) => entry.batch === original.batch && entry.stan === original.stan && !entry.reversed,
    );
    if (target !== undefined) target.voided = voided;
  }
}
