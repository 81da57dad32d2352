import { createCodec, cupPosSpec, type MessageCodec } from '@payterm/iso8583';
import type { PosEnvelope, PosRequest, PosResponse } from '@payterm/protocol';
import { terminalError } from '../errors.js';
import { Journal } from '../journal/journal.js';
import type { JournalRecord } from '../journal/journal-record.js';
import { OperatorDirectory } from '../operators/operator-directory.js';
import type { Operator } from '../operators/operator-record.js';
import { requirePermission, type Action } from '../operators/permissions.js';
import type { StorageChange } from '../ports/storage.js';
import { requestHeader, type TerminalProfile } from '../profile.js';
import { exchangeFailure, HostChannel, type Exchange, type ExchangeFailure } from './host-channel.js';
import type { TerminalDevices } from './terminal-devices.js';
import {
  formatStan,
  loadState,
  nextStan,
  stageState,
  type ResignInReason,
  type TerminalState,
} from './terminal-state.js';
import { localTime, type LocalTime } from './terminal-time.js';

/** Optional state fields a change may remove. */
export type ClearableState =
  'resignInReason' | 'settlementRequired' | 'signedInAt' | 'signedInOperator' | 'parametersDue';

/** The answer to one online request, or why there was none. */
export type OnlineResult =
  | { readonly answered: true; readonly exchange: Exchange; readonly response: PosResponse }
  | { readonly answered: false; readonly failure: ExchangeFailure };

/**
 * The state and plumbing every terminal function shares: the persisted state document, the journal,
 * the operator directory, the host channel and the logged-in operator. Functions in the other engine
 * files take a TerminalCore and stay small.
 */
export class TerminalCore {
  #state: TerminalState;
  #operator: Operator | undefined;
  /** The last exchange failed to reach the host (shown as "offline"). */
  offline = false;

  private constructor(
    readonly devices: TerminalDevices,
    state: TerminalState,
    readonly journal: Journal,
    readonly operators: OperatorDirectory,
    readonly channel: HostChannel,
    readonly codec: MessageCodec,
  ) {
    this.#state = state;
  }

  static async open(
    devices: TerminalDevices,
    fallback: () => TerminalState | undefined,
  ): Promise<TerminalCore> {
    let state = await loadState(devices.storage);
    if (state === undefined) {
      state = fallback();
      if (state === undefined) {
        throw terminalError(
          'TERMINAL_NOT_PROVISIONED',
          'the terminal has no profile: provision it first',
          {},
        );
      }
      await devices.storage.write([stageState(state)]);
    }
    const journal = await Journal.open(devices.storage);
    const operators = new OperatorDirectory(devices.storage, devices.clock, devices.random, {
      lockoutMinutes: state.profile.lockoutMinutes,
      demo: state.profile.demo,
      ...(devices.scryptCost === undefined ? {} : { scryptCost: devices.scryptCost }),
    });
    await operators.initialise();
    const codec = createCodec(cupPosSpec);
    const channel = new HostChannel(devices.link, codec, devices.security, devices.clock);
    return new TerminalCore(devices, state, journal, operators, channel, codec);
  }

  get state(): TerminalState {
    return this.#state;
  }

  get profile(): TerminalProfile {
    return this.#state.profile;
  }

  get operator(): Operator | undefined {
    return this.#operator;
  }

  set operator(operator: Operator | undefined) {
    this.#operator = operator;
  }

  /** The logged-in operator, allowed to do `action` (and not owing a password change). */
  requireOperator(action: Action): Operator {
    const operator = this.#operator;
    if (operator === undefined) {
      throw terminalError('TERMINAL_LOGIN_REQUIRED', 'log in with your operator number and password first', {
        action,
      });
    }
    if (this.#state.locked) throw terminalError('TERMINAL_LOCKED', 'the terminal is locked', {});
    requirePermission(operator, action);
    return operator;
  }

  /** Writes the state (and any other changes) atomically, then adopts it. */
  async saveState(
    patch: Partial<TerminalState>,
    records: readonly JournalRecord[] = [],
    other: readonly StorageChange[] = [],
    clear: readonly ClearableState[] = [],
  ): Promise<void> {
    const merged: Record<string, unknown> = { ...this.#state, ...patch };
    for (const key of clear) delete merged[key];
    const next = merged as unknown as TerminalState;
    await this.journal.commit(records, [stageState(next), ...other]);
    this.#state = next;
  }

  /** Terminal time corrected by the host clock offset, in the terminal's time zone. */
  now(): LocalTime {
    return localTime(this.devices.clock.nowMs() + this.#state.clockOffsetMs, this.profile.utcOffsetMinutes);
  }

  /** The next STAN, not yet persisted: the caller writes it with the record it belongs to. */
  peekNextStan(): { readonly stan: string; readonly lastStan: number } {
    const lastStan = nextStan(this.#state.lastStan);
    return { stan: formatStan(lastStan), lastStan };
  }

  /** Allocates and persists a STAN for a message that has no journal record (sign-in, echo …). */
  async allocateStan(): Promise<string> {
    const { stan, lastStan } = this.peekNextStan();
    await this.saveState({ lastStan });
    return stan;
  }

  envelope(): Omit<PosEnvelope, 'stan' | 'batch'> {
    return {
      tpdu: this.profile.tpdu,
      header: requestHeader(this.profile),
      tid: this.profile.tid,
      mid: this.profile.mid,
    };
  }

  timeouts(): { readonly connectMs: number; readonly responseMs: number } {
    return { connectMs: this.profile.connectTimeoutMs, responseMs: this.profile.responseTimeoutMs };
  }

  /** Sends a request and waits; the three failures of the reversal rules come back as values. */
  async online(request: PosRequest): Promise<OnlineResult> {
    try {
      const exchange = await this.channel.exchange(request, this.timeouts());
      this.offline = false;
      await this.noteResignIn(exchange.response);
      return { answered: true, exchange, response: exchange.response };
    } catch (error) {
      const failure = exchangeFailure(error);
      if (failure === undefined) throw error;
      this.offline = failure === 'not-sent';
      return { answered: false, failure };
    }
  }

  /**
   * A `77`, an `A0` or header digit 3 means the keys or batch are stale: sign in again first. Digit 6
   * asks for a parameter download, run at the next idle moment.
   */
  async noteResignIn(response: PosResponse): Promise<void> {
    const reason: ResignInReason | undefined =
      response.responseCode === '77'
        ? 'batch-mismatch'
        : response.responseCode === 'A0'
          ? 'mac-error'
          : response.processingRequirement === '3'
            ? 'host-request'
            : undefined;
    if (reason !== undefined && this.#state.signedIn)
      await this.saveState({ signedIn: false, resignInReason: reason });
    // Digit 6: new parameters or a software offer wait at the TMS (docs/TMS.md §2).
    if (response.processingRequirement === '6' && this.#state.parametersDue !== true)
      await this.saveState({ parametersDue: true });
  }
}
