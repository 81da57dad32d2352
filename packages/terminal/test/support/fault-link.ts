import { createCodec, cupPosSpec, type Iso8583Message } from '@payterm/iso8583';
import { withProcessingRequirement } from '@payterm/protocol';
import { terminalError } from '../../src/errors.js';
import type { HostConnection, HostLink } from '../../src/ports/host-link.js';

/**
 * What a scripted rule does to the message it matches. `drop-request`: the request never leaves (the
 * terminal still waits for it, as when a frame is lost on the wire). `drop-response`: the request reaches
 * the host, its answer is swallowed. `corrupt-mac`: one byte of the answer's field 64 is flipped.
 * `ask-sign-in`: the answer's header digit 6 becomes `3` (the host asks for a new sign-in; the MAC does
 * not cover the header, so the answer stays valid). `pass`: the message goes through untouched (a
 * placeholder that lets an earlier match through).
 */
export type MessageFault = 'drop-request' | 'drop-response' | 'corrupt-mac' | 'ask-sign-in' | 'pass';

type ResponseFaultAction = 'drop-response' | 'corrupt-mac' | 'ask-sign-in';

/** Which request a rule applies to; every given part must match, none given matches any request. */
export interface MessageMatch {
  /** The request's MTI (`0200`, `0220`, `0400`, `0320` …). */
  readonly mti?: string;
  /** Field 3. */
  readonly processingCode?: string;
  /** 60.1, the message type code (`22` sale, `23` void, `25` refund …). */
  readonly messageType?: string;
  /** 60.3, the network management code (`201` upload, `202`/`207` end of upload …). */
  readonly networkCode?: string;
}

export interface RuleOptions {
  /** How many matching requests the rule applies to (default 1). */
  readonly times?: number;
  /** Called each time the rule is applied (for a response fault: when the answer arrives). */
  readonly onApplied?: () => void;
}

/** One request or response as it crossed (or did not cross) the link. */
export interface TrafficEntry {
  readonly direction: 'request' | 'response';
  readonly mti: string;
  readonly stan: string;
  readonly processingCode: string | undefined;
  readonly messageType: string | undefined;
  readonly networkCode: string | undefined;
  readonly responseCode: string | undefined;
  /** The 12-digit message header (its digit 6 is the host's processing requirement). */
  readonly header: string | undefined;
  readonly fields: Iso8583Message['fields'];
  /** `sent` / `delivered` normally; what a rule did otherwise. */
  readonly fate: 'sent' | 'dropped' | 'delivered' | 'swallowed' | 'mac-corrupted' | 'sign-in-asked';
}

interface Rule {
  readonly action: MessageFault;
  readonly match: MessageMatch;
  remaining: number;
  readonly onApplied: (() => void) | undefined;
}

/** A response fault waiting for the answer to a request that was sent. */
interface ResponseFault {
  readonly action: ResponseFaultAction;
  readonly mti: string;
  readonly stan: string;
  readonly onApplied: (() => void) | undefined;
}

interface Summary {
  readonly mti: string;
  readonly stan: string;
  readonly processingCode: string | undefined;
  readonly messageType: string | undefined;
  readonly networkCode: string | undefined;
  readonly responseCode: string | undefined;
  readonly header: string | undefined;
  readonly fields: Iso8583Message['fields'];
  readonly message: Iso8583Message;
}

const codec = createCodec(cupPosSpec);

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

function summarise(bytes: Uint8Array): Summary | undefined {
  let message: Iso8583Message;
  try {
    message = codec.unpack(bytes);
  } catch {
    return undefined;
  }
  const field60 = text(message.fields[60]);
  return {
    mti: message.mti,
    stan: text(message.fields[11]) ?? '',
    processingCode: text(message.fields[3]),
    messageType: field60?.slice(0, 2),
    networkCode: field60 === undefined || field60.length < 11 ? undefined : field60.slice(8, 11),
    responseCode: text(message.fields[39]),
    header: message.headers?.['header'],
    fields: message.fields,
    message,
  };
}

/** `0200` → `0210`, `0400` → `0410`. */
export function responseMtiOf(mti: string): string {
  return `${mti.slice(0, 2)}${String(Number(mti[2]) + 1)}${mti.slice(3)}`;
}

function matches(
  match: MessageMatch,
  summary: Pick<Summary, 'mti' | 'processingCode' | 'messageType' | 'networkCode'>,
): boolean {
  return (
    (match.mti === undefined || match.mti === summary.mti) &&
    (match.processingCode === undefined || match.processingCode === summary.processingCode) &&
    (match.messageType === undefined || match.messageType === summary.messageType) &&
    (match.networkCode === undefined || match.networkCode === summary.networkCode)
  );
}

/**
 * A HostLink for tests that wraps a real one (TcpHostLink to the real host) and injects the faults of
 * the reversal rules by script: rules are tried in the order added, the first that matches a request
 * is applied and counted. Every message is logged in `traffic`, decoded, with what happened to it.
 */
export class FaultLink implements HostLink {
  readonly traffic: TrafficEntry[] = [];
  readonly #rules: Rule[] = [];
  readonly #responseFaults: ResponseFault[] = [];
  readonly #connections = new Set<FaultConnection>();
  #refusals = 0;
  #offline = false;
  #refusedConnects = 0;
  #openedConnects = 0;

  constructor(private readonly inner: HostLink) {}

  get endpoint(): string {
    return this.inner.endpoint;
  }

  /** Connection attempts refused so far. */
  get refusedConnects(): number {
    return this.#refusedConnects;
  }

  /** Connections opened to the host so far. */
  get openedConnects(): number {
    return this.#openedConnects;
  }

  /** Rules (and response faults) not used up yet. */
  get pendingRules(): number {
    return this.#rules.filter((rule) => rule.remaining > 0).length + this.#responseFaults.length;
  }

  /** The next matching request is lost before it reaches the host. */
  dropNextRequest(match: MessageMatch = {}, options: RuleOptions = {}): this {
    return this.#add('drop-request', match, options);
  }

  /** The next matching request reaches the host; its answer is swallowed. */
  dropNextResponse(match: MessageMatch = {}, options: RuleOptions = {}): this {
    return this.#add('drop-response', match, options);
  }

  /** The answer to the next matching request arrives with one byte of its MAC (field 64) flipped. */
  corruptNextMac(match: MessageMatch = {}, options: RuleOptions = {}): this {
    return this.#add('corrupt-mac', match, options);
  }

  /** The answer to the next matching request comes with header digit 6 = `3`: sign in again. */
  askSignInOnNextResponse(match: MessageMatch = {}, options: RuleOptions = {}): this {
    return this.#add('ask-sign-in', match, options);
  }

  /** The next matching request goes through untouched (so a later rule hits the one after it). */
  passNext(match: MessageMatch = {}, options: RuleOptions = {}): this {
    return this.#add('pass', match, options);
  }

  /** The next `times` connection attempts are refused (host unreachable). */
  refuseConnections(times = 1): this {
    this.#refusals += times;
    return this;
  }

  /** The host becomes unreachable: open connections drop, every connection attempt is refused. */
  goOffline(): void {
    this.#offline = true;
    this.dropConnections();
  }

  goOnline(): void {
    this.#offline = false;
  }

  /** Drops every open connection at once (waiting requests see the close); new ones may follow. */
  dropConnections(): void {
    for (const connection of [...this.#connections]) connection.sever();
  }

  /** Requests logged, optionally only those matching. */
  requests(match: MessageMatch = {}): TrafficEntry[] {
    return this.traffic.filter((entry) => entry.direction === 'request' && matches(match, entry));
  }

  /** Responses logged for requests of `requestMti`. */
  responses(requestMti?: string): TrafficEntry[] {
    const mti = requestMti === undefined ? undefined : responseMtiOf(requestMti);
    return this.traffic.filter(
      (entry) => entry.direction === 'response' && (mti === undefined || entry.mti === mti),
    );
  }

  async connect(timeoutMs: number): Promise<HostConnection> {
    if (this.#offline || this.#refusals > 0) {
      if (!this.#offline) this.#refusals -= 1;
      this.#refusedConnects += 1;
      throw terminalError('TERMINAL_HOST_UNREACHABLE', `the host at ${this.endpoint} refused (fault link)`, {
        endpoint: this.endpoint,
        reason: 'refused',
      });
    }
    const connection = new FaultConnection(await this.inner.connect(timeoutMs), {
      outgoing: (bytes) => this.#outgoing(bytes),
      incoming: (bytes) => this.#incoming(bytes),
    });
    this.#connections.add(connection);
    this.#openedConnects += 1;
    connection.onClose(() => this.#connections.delete(connection));
    return connection;
  }

  #add(action: MessageFault, match: MessageMatch, options: RuleOptions): this {
    this.#rules.push({ action, match, remaining: options.times ?? 1, onApplied: options.onApplied });
    return this;
  }

  /** Decides a request's fate: true when it is to be sent. */
  #outgoing(bytes: Uint8Array): boolean {
    const summary = summarise(bytes);
    if (summary === undefined) return true;
    const rule = this.#rules.find(
      (candidate) => candidate.remaining > 0 && matches(candidate.match, summary),
    );
    if (rule !== undefined) rule.remaining -= 1;
    const action = rule?.action ?? 'pass';
    if (action === 'drop-response' || action === 'corrupt-mac' || action === 'ask-sign-in') {
      this.#responseFaults.push({
        action,
        mti: responseMtiOf(summary.mti),
        stan: summary.stan,
        onApplied: rule?.onApplied,
      });
    }
    const sent = action !== 'drop-request';
    this.traffic.push({ ...entryOf('request', summary), fate: sent ? 'sent' : 'dropped' });
    if (!sent || action === 'pass') rule?.onApplied?.();
    return sent;
  }

  /** Decides a response's fate: the bytes to deliver, or undefined when swallowed. */
  #incoming(bytes: Uint8Array): Uint8Array | undefined {
    const summary = summarise(bytes);
    if (summary === undefined) return bytes;
    const index = this.#responseFaults.findIndex(
      (fault) => fault.mti === summary.mti && fault.stan === summary.stan,
    );
    const fault = index < 0 ? undefined : this.#responseFaults.splice(index, 1)[0];
    if (fault === undefined) {
      this.traffic.push({ ...entryOf('response', summary), fate: 'delivered' });
      return bytes;
    }
    let delivered: Uint8Array | undefined;
    if (fault.action === 'drop-response') {
      this.traffic.push({ ...entryOf('response', summary), fate: 'swallowed' });
    } else if (fault.action === 'corrupt-mac') {
      delivered = flipMacByte(bytes, summary);
      this.traffic.push({ ...entryOf('response', summary), fate: 'mac-corrupted' });
    } else {
      delivered = askSignIn(summary);
      this.traffic.push({ ...entryOf('response', summarise(delivered) ?? summary), fate: 'sign-in-asked' });
    }
    fault.onApplied?.();
    return delivered;
  }
}

function entryOf(direction: 'request' | 'response', summary: Summary): Omit<TrafficEntry, 'fate'> {
  const { message: _message, ...rest } = summary;
  return { direction, ...rest };
}

/** The same message with header digit 6 set to `3`, packed again (field 64 is copied as it was). */
function askSignIn(summary: Summary): Uint8Array {
  const header = summary.header ?? '';
  return codec.pack({
    ...summary.message,
    headers: { ...summary.message.headers, header: withProcessingRequirement(header, '3') },
  });
}

/** Field 64 is the last 8 bytes of a message that carries it (no field above 64 in this dialect). */
function flipMacByte(bytes: Uint8Array, summary: Summary): Uint8Array {
  if (!(summary.fields[64] instanceof Uint8Array)) {
    throw new Error(`the ${summary.mti} for STAN ${summary.stan} carries no MAC to corrupt`);
  }
  const copy = bytes.slice();
  const last = copy.length - 1;
  copy[last] = (copy[last] ?? 0) ^ 0x01;
  return copy;
}

/** What the link decides per message: send a request or not; deliver a response (changed) or not. */
interface MessageFilters {
  readonly outgoing: (bytes: Uint8Array) => boolean;
  readonly incoming: (bytes: Uint8Array) => Uint8Array | undefined;
}

/** One connection through the fault link: requests and responses pass the link's rules. */
class FaultConnection implements HostConnection {
  readonly #listeners = new Set<(message: Uint8Array) => void>();
  readonly #closeListeners = new Set<() => void>();
  #closed = false;

  constructor(
    private readonly inner: HostConnection,
    private readonly filters: MessageFilters,
  ) {
    inner.onMessage((bytes) => {
      if (this.#closed) return;
      const delivered = filters.incoming(bytes);
      if (delivered === undefined) return;
      for (const listener of [...this.#listeners]) listener(delivered);
    });
    inner.onClose(() => this.#markClosed());
  }

  send(message: Uint8Array): void {
    if (this.#closed) {
      throw terminalError('TERMINAL_HOST_UNREACHABLE', 'the connection to the host is closed', {
        reason: 'closed',
      });
    }
    if (this.filters.outgoing(message)) this.inner.send(message);
  }

  onMessage(listener: (message: Uint8Array) => void): () => void {
    this.#listeners.add(listener);
    return () => void this.#listeners.delete(listener);
  }

  onClose(listener: () => void): () => void {
    if (this.#closed) {
      queueMicrotask(listener);
      return () => undefined;
    }
    this.#closeListeners.add(listener);
    return () => void this.#closeListeners.delete(listener);
  }

  async close(): Promise<void> {
    this.#markClosed();
    await this.inner.close();
  }

  /** The line is cut: the terminal hears the close now, the socket winds down behind it. */
  sever(): void {
    this.#markClosed();
    void this.inner.close();
  }

  #markClosed(): void {
    if (this.#closed) return;
    this.#closed = true;
    const listeners = [...this.#closeListeners];
    this.#closeListeners.clear();
    this.#listeners.clear();
    for (const listener of listeners) listener();
  }
}
