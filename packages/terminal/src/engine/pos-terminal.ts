import { terminalError } from '../errors.js';
import type { JournalQuery } from '../journal/journal.js';
import type { JournalRecord } from '../journal/journal-record.js';
import type { SettlementReport } from '../journal/settlement-report.js';
import { transactionTotals, type TransactionTotals } from '../journal/transaction-totals.js';
import type { AuditEntry } from '../operators/audit-trail.js';
import type { Operator, OperatorStatus } from '../operators/operator-record.js';
import type { Action } from '../operators/permissions.js';
import { resolveProfile, type ProfileInput, type TerminalProfile } from '../profile.js';
import type { KeyCheckValues } from '../security/security-module.js';
import { renderDetailList, renderTotals } from '../slips/index.js';
import { diagnose, type Diagnostics } from './diagnostics.js';
import type { TransactionOutcome } from './outcome.js';
import { printSettlement, printSlips, printTransaction, type Printed } from './printing.js';
import { recoverInterrupted, runRecoveries, type RecoveryReport } from './recovery.js';
import { settle, type SettlementOutcome } from './settlement.js';
import {
  echo,
  signIn,
  signOff,
  type EchoOutcome,
  type ManagementOutcome,
  type SignInOutcome,
} from './sign-in.js';
import { TerminalCore } from './terminal-core.js';
import type { TerminalDevices } from './terminal-devices.js';
import { initialState } from './terminal-state.js';
import { terminalStatus, type TerminalStatus } from './terminal-status.js';
import * as qr from './qr-transactions.js';
import * as transactions from './transactions.js';
import { DEMO_SOFTWARE_PUBLIC_KEY, subVersionDigits } from '@payterm/software';
import { AutomaticTms } from '../tms/automatic-tms.js';
import { downloadParameters, type ParameterOutcome } from '../tms/parameter-download.js';
import { runSelfTest, type SelfTestResult } from '../upgrade/self-test.js';
import { SlotStore } from '../upgrade/slot-store.js';
import { SoftwareUpdater } from '../upgrade/software-updater.js';

export interface QrWaitOptions {
  /** Between status polls (default 2 s). */
  readonly pollMs?: number;
  /** Give up (and close the order) after this long; default until the order expires. */
  readonly timeoutMs?: number;
  /** Aborting closes the order (the operator pressed Cancel). */
  readonly signal?: AbortSignal;
  /** Each poll's answer (a live status on screen). */
  readonly onStatus?: (status: qr.QrOrderStatus) => void;
  /** How to wait between polls (tests pass a simulated one). */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

function sleepFor(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** What the administrator may change in the profile. */
export type ProfilePatch = Partial<Omit<TerminalProfile, 'tid' | 'mid'>>;

export interface OpenTerminalOptions {
  /** Used only when the storage holds no terminal yet (first start): the profile to provision. */
  readonly provision?: ProfileInput;
  /**
   * The version the boot loader started (`MAJOR.MINOR.PATCH`): the header sub-version follows it.
   * Absent: the profile's `softwareVersion` stays.
   */
  readonly softwareVersion?: string;
  /**
   * The terminal runs the parameter download on its own, right after a sign-in and after header digit
   * 6, and downloads and verifies offered software in the background (default true). Installing stays a
   * decision: `software.install()` (menu 9) and a restart. Off, only explicit calls reach the TMS.
   */
  readonly automaticTms?: boolean;
}

export { PARAMETER_RECHECK_MS } from '../tms/automatic-tms.js';

/**
 * The POS terminal: what the menus of product.md do, over the ports in `devices`. One instance per
 * terminal; one operation at a time (a real terminal has one keypad): calls are queued.
 */
export class PosTerminal {
  #queue: Promise<unknown> = Promise.resolve();
  /** The software upgrade of docs/TMS.md §3: offer, download, verification, trial, rollback. */
  readonly software: SoftwareUpdater;
  readonly #tms: AutomaticTms;

  private constructor(
    private readonly core: TerminalCore,
    /** Records found `sending` at start (the terminal stopped between send and response). */
    readonly interruptedAtStart: readonly JournalRecord[],
    store: SlotStore,
    automaticTms: boolean,
  ) {
    this.#tms = new AutomaticTms(core, automaticTms, () => this.downloadParameters());
    const demoKeys = core.profile.demo ? [DEMO_SOFTWARE_PUBLIC_KEY] : [];
    this.software = new SoftwareUpdater(core, store, {
      trustedKeys: core.devices.softwareKeys ?? demoKeys,
      run: (step) => this.#run(step),
      closing: this.#tms.closing,
    });
  }

  static async open(devices: TerminalDevices, options: OpenTerminalOptions = {}): Promise<PosTerminal> {
    const provision = options.provision;
    const core = await TerminalCore.open(devices, () =>
      provision === undefined ? undefined : initialState(resolveProfile(provision)),
    );
    const booted =
      options.softwareVersion === undefined ? undefined : subVersionDigits(options.softwareVersion);
    if (booted !== undefined && booted !== core.profile.softwareVersion) {
      await core.saveState({ profile: { ...core.profile, softwareVersion: booted } });
    }
    const interrupted = await recoverInterrupted(core);
    const store = await SlotStore.open(devices.storage, core.now().iso);
    return new PosTerminal(core, interrupted, store, options.automaticTms ?? true);
  }

  get profile(): TerminalProfile {
    return this.core.profile;
  }

  get operator(): Operator | undefined {
    return this.core.operator;
  }

  status(): TerminalStatus {
    const upgrade = this.software.upgradeStatus;
    return { ...terminalStatus(this.core), ...(upgrade === undefined ? {} : { upgrade }) };
  }

  /**
   * Called whenever what `status()` shows may have changed (a record or the state written): a reversal
   * queued, sent, done. Returns the unsubscribe function.
   */
  onStatusChange(listener: () => void): () => void {
    return this.core.journal.onCommit(listener);
  }

  // Operators ------------------------------------------------------------------------------------

  /** Logs an operator in; a locked terminal is unlocked by any operator's successful login. */
  login(number: string, password: string): Promise<Operator> {
    return this.#run(async () => {
      const operator = await this.core.operators.login(number, password);
      this.core.operator = operator;
      if (this.core.state.locked) await this.core.saveState({ locked: false });
      return operator;
    });
  }

  logout(): void {
    this.core.operator = undefined;
  }

  /** Changes the logged-in operator's own password (the forced change of a default one too). */
  changePassword(oldPassword: string, newPassword: string): Promise<Operator> {
    return this.#run(async () => {
      const operator = this.#requireLogin();
      const changed = await this.core.operators.changePassword(operator.number, oldPassword, newPassword);
      this.core.operator = changed;
      return changed;
    });
  }

  listOperators(): Promise<OperatorStatus[]> {
    return this.#run(() => {
      this.#requireLogin();
      return this.core.operators.list();
    });
  }

  addCashier(number: string, password: string): Promise<OperatorStatus> {
    return this.#run(() => this.core.operators.addCashier(this.#requireLogin(), number, password));
  }

  removeCashier(number: string): Promise<void> {
    return this.#run(() => this.core.operators.removeCashier(this.#requireLogin(), number));
  }

  resetPassword(number: string, newPassword: string): Promise<OperatorStatus> {
    return this.#run(() => this.core.operators.resetPassword(this.#requireLogin(), number, newPassword));
  }

  unlockOperator(number: string): Promise<OperatorStatus> {
    return this.#run(() => this.core.operators.unlock(this.#requireLogin(), number));
  }

  auditLog(limit = 50): Promise<AuditEntry[]> {
    return this.#run(() => {
      this.#requireLogin();
      return this.core.operators.auditLog({ limit });
    });
  }

  /** Locks the terminal (menu 9): nothing works until an operator logs in again. */
  lock(): Promise<void> {
    return this.#run(async () => {
      this.#requireLogin();
      this.core.operator = undefined;
      await this.core.saveState({ locked: true });
    });
  }

  /** Administrator: loads the terminal master key (checked against its KCV when given). */
  loadMasterKey(keyHex: string, expectedKcv?: string): Promise<KeyCheckValues> {
    return this.#run(() => {
      this.core.requireOperator('key-load');
      return this.core.devices.security.loadMasterKey(keyHex, expectedKcv);
    });
  }

  /**
   * Administrator (menu 9 → parameters): changes the profile; TID and MID stay (they name the
   * terminal's journal and keys). Checked like a new profile.
   */
  updateProfile(patch: ProfilePatch): Promise<TerminalProfile> {
    return this.#run(async () => {
      this.core.requireOperator('parameters');
      const profile = resolveProfile({ ...this.core.profile, ...patch });
      await this.core.saveState({ profile });
      return profile;
    });
  }

  /** Throws unless the logged-in operator may do `action` (menu entries check before they start). */
  requirePermission(action: Action): void {
    this.core.requireOperator(action);
  }

  // Management ----------------------------------------------------------------------------------

  signIn(): Promise<SignInOutcome> {
    const outcome = this.#run(() => {
      this.core.requireOperator('sign-in');
      return signIn(this.core);
    });
    // Always right after a sign-in: parameters and the software offer (docs/TMS.md §2).
    void outcome.then(
      (signedIn) => (signedIn.approved ? this.#tms.schedule(true) : undefined),
      () => undefined,
    );
    return outcome;
  }

  /**
   * Parameter download (menu 9, header digit 6, after sign-in): `360` pages, the parameter set applied,
   * `361`; a software offer is kept and, with `automaticTms`, downloaded in the background.
   */
  downloadParameters(): Promise<ParameterOutcome> {
    return this.#run(() => downloadParameters(this.core)).then(async (outcome) => {
      if (outcome.approved) await this.software.noteOffer(outcome.offer);
      if (outcome.offer !== undefined && this.#tms.enabled && this.software.upgradeAvailable) {
        void this.software.upgrade().catch(() => undefined);
      }
      return outcome;
    });
  }

  /** The self-test of a trial boot (journal, keys, echo, sign-in); then `software.confirmTrial()` or `rollBack`. */
  selfTest(): Promise<SelfTestResult> {
    return this.#run(() => runSelfTest(this.core));
  }

  signOff(): Promise<ManagementOutcome> {
    return this.#run(() => {
      this.core.requireOperator('sign-off');
      return signOff(this.core);
    });
  }

  echo(): Promise<EchoOutcome> {
    return this.#run(() => echo(this.core));
  }

  diagnose(): Promise<Diagnostics> {
    return this.#run(async () => {
      const diagnostics = await diagnose(this.core);
      const upgrade = this.software.upgradeStatus;
      return upgrade === undefined ? diagnostics : { ...diagnostics, upgrade };
    });
  }

  settle(): Promise<SettlementOutcome> {
    return this.#run(() => settle(this.core));
  }

  /** Sends pending reversals and repeats now (they also go before each transaction and settlement). */
  resolvePending(): Promise<RecoveryReport[]> {
    return this.#run(() => runRecoveries(this.core));
  }

  // Transactions --------------------------------------------------------------------------------

  /** Sale; `keyEntrySupervisorPassword` lets the operator key the card number in. */
  sale(amountMinor: number, keyEntrySupervisorPassword?: string): Promise<TransactionOutcome> {
    return this.#run(() => transactions.sale(this.core, amountMinor, keyEntrySupervisorPassword));
  }

  balance(): Promise<TransactionOutcome> {
    return this.#run(() => transactions.balance(this.core));
  }

  voidSale(voucher: string, supervisorPassword: string): Promise<TransactionOutcome> {
    return this.#run(() => transactions.voidSale(this.core, voucher, supervisorPassword));
  }

  refund(input: transactions.RefundInput): Promise<TransactionOutcome> {
    return this.#run(() => transactions.refund(this.core, input));
  }

  preauth(amountMinor: number): Promise<TransactionOutcome> {
    return this.#run(() => transactions.preauth(this.core, amountMinor));
  }

  preauthCancel(
    input: transactions.PreauthReferenceInput & { readonly supervisorPassword: string },
  ): Promise<TransactionOutcome> {
    return this.#run(() => transactions.preauthCancel(this.core, input));
  }

  completion(input: transactions.PreauthReferenceInput): Promise<TransactionOutcome> {
    return this.#run(() => transactions.completion(this.core, input));
  }

  completionVoid(voucher: string, supervisorPassword: string): Promise<TransactionOutcome> {
    return this.#run(() => transactions.completionVoid(this.core, voucher, supervisorPassword));
  }

  // QR (menu 5) ---------------------------------------------------------------------------------

  /** Merchant-presented: an order for the amount; show `payload` as a QR code until paid or closed. */
  qrOrder(amountMinor: number): Promise<qr.QrOrder> {
    return this.#run(() => qr.qrOrder(this.core, amountMinor));
  }

  /** The order's status; once paid the QR sale is journaled (with its voucher) and printed. */
  qrOrderStatus(orderRrn: string): Promise<qr.QrOrderStatus> {
    return this.#run(() => qr.qrOrderStatus(this.core, orderRrn));
  }

  /** Closes an unpaid order (a paid one is journaled instead and must be refunded). */
  qrOrderClose(orderRrn: string): Promise<qr.QrOrderStatus> {
    return this.#run(() => qr.qrOrderClose(this.core, orderRrn));
  }

  /**
   * Polls the order until paid, closed, expired or unknown. Cancelling (`signal`) or running out of
   * time (`timeoutMs`, default until the order expires) closes the order. The terminal stays free
   * between polls.
   */
  async qrWaitForPayment(orderRrn: string, options: QrWaitOptions = {}): Promise<qr.QrOrderStatus> {
    const pollMs = options.pollMs ?? 2_000;
    const sleep = options.sleep ?? sleepFor;
    const clock = this.core.devices.clock;
    const expiresAt = this.core.state.qrOrders?.[orderRrn]?.expiresAt;
    const timeoutMs =
      options.timeoutMs ??
      (expiresAt === undefined ? qr.QR_ORDER_TTL_MS : Date.parse(expiresAt) - clock.nowMs() + pollMs);
    const deadline = clock.monotonicMs() + timeoutMs;
    for (;;) {
      if (options.signal?.aborted === true) return this.qrOrderClose(orderRrn);
      const status = await this.qrOrderStatus(orderRrn);
      options.onStatus?.(status);
      if (status.status !== 'waiting' && status.status !== 'no-answer') return status;
      if (clock.monotonicMs() >= deadline) return this.qrOrderClose(orderRrn);
      await sleep(pollMs, options.signal);
    }
  }

  /** Customer-presented: charges the customer's one-time payment code (reversible like a sale). */
  qrCustomerSale(amountMinor: number, code: string): Promise<TransactionOutcome> {
    return this.#run(() => qr.qrCustomerSale(this.core, amountMinor, code));
  }

  /** QR void of a same-batch QR sale by its payment voucher (supervisor password). */
  qrVoid(voucher: string, supervisorPassword: string): Promise<TransactionOutcome> {
    return this.#run(() => qr.qrVoid(this.core, voucher, supervisorPassword));
  }

  /** QR refund by payment voucher, partial and repeated up to the original (supervisor password). */
  qrRefund(voucher: string, amountMinor: number, supervisorPassword: string): Promise<TransactionOutcome> {
    return this.#run(() => qr.qrRefund(this.core, voucher, amountMinor, supervisorPassword));
  }

  // Query and print -----------------------------------------------------------------------------

  /** Transaction query (menu 7); `today` and `batch` shortcuts are the caller's query fields. */
  query(query: JournalQuery = {}): JournalRecord[] {
    this.core.requireOperator('query');
    return this.core.journal.query({ utcOffsetMinutes: this.core.profile.utcOffsetMinutes, ...query });
  }

  /** Today's transactions, in the terminal's time zone. */
  today(): JournalRecord[] {
    const date = this.localDate();
    return this.query({ fromDate: date, toDate: date });
  }

  /** YYYY-MM-DD in the terminal's time zone, by its clock corrected to the host's. */
  localDate(): string {
    return this.core.now().date;
  }

  /** A transaction of the current batch (or `batch`) by voucher. */
  transaction(voucher: string, batch = this.core.state.batch): JournalRecord {
    this.core.requireOperator('query');
    const record = this.core.journal.byVoucher(batch, voucher);
    if (record === undefined) {
      throw terminalError(
        'TERMINAL_TRANSACTION_UNKNOWN',
        `no transaction with voucher ${voucher} in batch ${batch}`,
        {
          voucher,
          batch,
        },
      );
    }
    return record;
  }

  totals(query: JournalQuery = { batch: this.core.state.batch }): TransactionTotals {
    return transactionTotals(this.query(query), this.core.profile.currency);
  }

  reprintLast(): Promise<Printed> {
    return this.#run(() => {
      this.core.requireOperator('reprint');
      const id = this.core.state.lastSlipRecordId;
      if (id === undefined)
        throw terminalError('TERMINAL_TRANSACTION_UNKNOWN', 'no slip has been printed yet', {});
      return printTransaction(this.core, this.core.journal.require(id), true);
    });
  }

  reprint(voucher: string, batch?: string): Promise<Printed> {
    return this.#run(() => {
      this.core.requireOperator('reprint');
      return printTransaction(this.core, this.transaction(voucher, batch), true);
    });
  }

  reprintSettlement(): Promise<Printed> {
    return this.#run(() => {
      this.core.requireOperator('reprint-settlement');
      const report: SettlementReport | undefined = this.core.state.lastSettlement;
      if (report === undefined) throw terminalError('TERMINAL_TRANSACTION_UNKNOWN', 'no settlement yet', {});
      return printSettlement(this.core, report, true);
    });
  }

  printDetailList(query: JournalQuery = { batch: this.core.state.batch }): Promise<Printed> {
    return this.#run(() => {
      const records = this.query(query);
      return printSlips(this.core, [
        renderDetailList({ records, profile: this.core.profile, language: this.core.profile.language }),
      ]);
    });
  }

  printTotals(query: JournalQuery = { batch: this.core.state.batch }): Promise<Printed> {
    return this.#run(() => {
      const totals = this.totals(query);
      return printSlips(this.core, [
        renderTotals({ totals, profile: this.core.profile, language: this.core.profile.language }),
      ]);
    });
  }

  async close(): Promise<void> {
    await this.#tms.close();
    // A background download stops after its chunk in flight (the abort) and resumes at the next start.
    await this.software.idle();
    await this.#queue.catch(() => undefined);
    await this.core.channel.close();
  }

  #requireLogin(): Operator {
    const operator = this.core.operator;
    if (operator === undefined) {
      throw terminalError(
        'TERMINAL_LOGIN_REQUIRED',
        'log in with your operator number and password first',
        {},
      );
    }
    return operator;
  }

  #run<T>(operation: () => Promise<T> | T): Promise<T> {
    const next = this.#queue.then(operation, operation);
    this.#queue = next.catch(() => undefined);
    // Header digit 6 seen during this operation: the download follows at the next idle moment.
    void this.#queue.then(() => this.#tms.schedule(false));
    return next;
  }
}
