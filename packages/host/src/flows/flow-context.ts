import type { Iso8583Message } from '@payterm/iso8583';
import type { PosAmount, PosRequest, PosResponse } from '@payterm/protocol';
import type { EngineServices } from '../engine/engine-services.js';
import type { BatchIndex, JournalEntry } from '../engine/batch-journal.js';
import type { WriteBatch } from '../storage/commit/write-batch.js';
import type { MerchantRecord, TerminalRecord } from '../storage/schema/records.js';

/** What every flow gets: the decoded request, who sent it, and the batch of changes it will commit. */
export interface FlowContext<R extends PosRequest = PosRequest> {
  readonly services: EngineServices;
  readonly request: R;
  /** The request as unpacked (MTI and field 3 as sent are stored with the transaction). */
  readonly message: Iso8583Message;
  readonly terminal: TerminalRecord;
  readonly merchant: MerchantRecord;
  /** Epoch ms. */
  readonly receivedAt: number;
  /** Committed by the engine before the response is sent (ADR 0005). */
  readonly changes: WriteBatch;
}

/** A request that the open batch's journal tracks (financial messages and reversals). */
export interface JournalledFlowContext<R extends PosRequest = PosRequest> extends FlowContext<R> {
  readonly batch: BatchIndex;
  /** This request's entry, claimed under its STAN before the flow runs. */
  readonly entry: JournalEntry;
  /** Fields 4 and 49 of a request that has an amount (card flows read it); undefined otherwise. */
  readonly amount: PosAmount | undefined;
}

/** Host behaviours of the amount triggers (test-cards.md). */
export type ReplyBehaviour = 'normal' | 'no-response' | 'late-response' | 'duplicate-response';

export interface FlowResult {
  readonly response: PosResponse;
  /** In-memory state that follows the database: runs once the changes are committed. */
  readonly afterCommit?: () => void;
  /** Undoes in-memory effects when the commit fails (the response becomes `96`). */
  readonly onCommitFailure?: () => Promise<void>;
  readonly behaviour?: ReplyBehaviour;
}
