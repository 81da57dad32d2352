import type { Iso8583Message, MessageCodec, MessageLayout } from '@payterm/iso8583';
import {
  checkMac,
  decodePosResponse,
  encodePosRequest,
  macRequired,
  packWithMac,
  responseMti,
  type PosRequest,
  type PosResponse,
} from '@payterm/protocol';
import type { Clock } from '@payterm/kernel';
import { terminalError, TerminalError } from '../errors.js';
import type { HostConnection, HostLink } from '../ports/host-link.js';
import type { SecurityModule } from '../security/security-module.js';

/** A request and its decoded answer. */
export interface Exchange {
  readonly request: PosRequest;
  readonly response: PosResponse;
  /** Round trip from send to the matching response, by the monotonic clock. */
  readonly roundTripMs: number;
}

/** The failure of one exchange, as the reversal rules need to tell them apart. */
export type ExchangeFailure =
  /** Nothing left the terminal: no reversal needed. */
  | 'not-sent'
  /** Sent, no (usable) answer: the outcome is unknown. */
  | 'timeout'
  /** An approved answer whose MAC is missing or wrong: reverse with `A0`. */
  | 'mac';

export function exchangeFailure(error: unknown): ExchangeFailure | undefined {
  if (!(error instanceof TerminalError)) return undefined;
  const failure = error.details['failure'];
  return failure === 'not-sent' || failure === 'timeout' || failure === 'mac' ? failure : undefined;
}

interface Waiter {
  readonly mti: string;
  readonly stan: string;
  readonly resolve: (received: { bytes: Uint8Array; message: Iso8583Message; layout: MessageLayout }) => void;
  readonly reject: (error: Error) => void;
}

/**
 * The terminal's side of the wire: one connection to the host, opened on demand and kept while it
 * lives; requests are encoded, MAC'd under the security module, sent, and matched to the response
 * with the same STAN and response MTI. Late and duplicate responses (a STAN nobody waits for) are
 * counted and dropped, never taken for the answer to another request.
 */
export class HostChannel {
  #connection: HostConnection | undefined;
  #connecting: Promise<HostConnection> | undefined;
  readonly #waiters = new Set<Waiter>();
  #unmatched = 0;

  constructor(
    private readonly link: HostLink,
    private readonly codec: MessageCodec,
    private readonly security: SecurityModule,
    private readonly clock: Clock,
  ) {}

  get endpoint(): string {
    return this.link.endpoint;
  }

  /** Responses that matched no waiting request (late or duplicate). */
  get unmatchedResponses(): number {
    return this.#unmatched;
  }

  async exchange(
    request: PosRequest,
    timeouts: { readonly connectMs: number; readonly responseMs: number },
  ): Promise<Exchange> {
    const message = encodePosRequest(request);
    const bytes = macRequired(message.mti, request)
      ? await packWithMac(this.codec, message, (input) => this.security.mac(input))
      : this.codec.pack(message);
    const connection = await this.#connect(timeouts.connectMs);
    const expectedMti = responseMti(message.mti);
    const startedMs = this.clock.monotonicMs();
    const received = await new Promise<{ bytes: Uint8Array; message: Iso8583Message; layout: MessageLayout }>(
      (resolve, reject) => {
        const timer = setTimeout(() => {
          this.#waiters.delete(waiter);
          reject(
            terminalError(
              'TERMINAL_RESPONSE_TIMEOUT',
              `no ${expectedMti} for STAN ${request.stan ?? ''} within ${timeouts.responseMs} ms`,
              { failure: 'timeout', stan: request.stan ?? null, timeoutMs: timeouts.responseMs },
            ),
          );
        }, timeouts.responseMs);
        const waiter: Waiter = {
          mti: expectedMti,
          stan: request.stan ?? '',
          resolve: (value) => {
            clearTimeout(timer);
            resolve(value);
          },
          reject: (error) => {
            clearTimeout(timer);
            reject(error);
          },
        };
        this.#waiters.add(waiter);
        try {
          connection.send(bytes);
        } catch (error) {
          this.#waiters.delete(waiter);
          clearTimeout(timer);
          reject(
            terminalError('TERMINAL_HOST_UNREACHABLE', `the request could not be sent: ${String(error)}`, {
              failure: 'not-sent',
              endpoint: this.link.endpoint,
            }),
          );
        }
      },
    );
    const roundTripMs = this.clock.monotonicMs() - startedMs;
    return {
      request,
      response: await this.#read(request, received),
      roundTripMs,
    };
  }

  async close(): Promise<void> {
    const connection = this.#connection;
    this.#connection = undefined;
    if (connection !== undefined) await connection.close();
  }

  async #connect(timeoutMs: number): Promise<HostConnection> {
    if (this.#connection !== undefined) return this.#connection;
    this.#connecting ??= this.link.connect(timeoutMs).then(
      (connection) => {
        this.#connection = connection;
        this.#connecting = undefined;
        connection.onMessage((bytes) => this.#deliver(bytes));
        connection.onClose(() => this.#closed(connection));
        return connection;
      },
      (error: unknown) => {
        this.#connecting = undefined;
        throw terminalError('TERMINAL_HOST_UNREACHABLE', `the host at ${this.link.endpoint} is unreachable`, {
          failure: 'not-sent',
          endpoint: this.link.endpoint,
          reason:
            error instanceof TerminalError ? String(error.details['reason'] ?? error.code) : String(error),
        });
      },
    );
    return this.#connecting;
  }

  #closed(connection: HostConnection): void {
    if (this.#connection === connection) this.#connection = undefined;
    for (const waiter of this.#waiters) {
      waiter.reject(
        terminalError('TERMINAL_RESPONSE_TIMEOUT', 'the host closed the connection before answering', {
          failure: 'timeout',
          stan: waiter.stan,
        }),
      );
    }
    this.#waiters.clear();
  }

  #deliver(bytes: Uint8Array): void {
    let unpacked: { message: Iso8583Message; layout: MessageLayout };
    try {
      unpacked = this.codec.unpackWithLayout(bytes);
    } catch {
      // A response that does not unpack answers nobody: its request times out and is reversed.
      this.#unmatched += 1;
      return;
    }
    const stan = String(unpacked.message.fields[11] ?? '');
    for (const waiter of this.#waiters) {
      if (waiter.mti === unpacked.message.mti && waiter.stan === stan) {
        this.#waiters.delete(waiter);
        waiter.resolve({ bytes, ...unpacked });
        return;
      }
    }
    this.#unmatched += 1;
  }

  async #read(
    request: PosRequest,
    received: { bytes: Uint8Array; message: Iso8583Message; layout: MessageLayout },
  ): Promise<PosResponse> {
    const { message, layout, bytes } = received;
    if (message.fields[39] === '00' && macRequired(message.mti, request)) {
      const checked = this.security.hasWorkingKeys()
        ? await checkMac(bytes, layout, (input, presented) => this.security.verifyMac(input, presented))
        : undefined;
      if (checked === undefined || !checked.ok) {
        throw terminalError(
          'TERMINAL_RESPONSE_INVALID',
          `the approved ${message.mti} for STAN ${request.stan ?? ''} fails its MAC`,
          { failure: 'mac', stan: request.stan ?? null, field: '64' },
        );
      }
    }
    const decoded = decodePosResponse(request, message);
    if (!decoded.ok) {
      throw terminalError(
        'TERMINAL_RESPONSE_INVALID',
        `the response does not answer the ${request.kind}: ${decoded.error.message}`,
        { failure: 'timeout', field: decoded.error.field },
      );
    }
    return decoded.value;
  }
}
