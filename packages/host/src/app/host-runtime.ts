import { SoftwareHsm, type KeyHandle } from '@payterm/crypto';
import { createCodec, cupPosSpec } from '@payterm/iso8583';
import { systemClock, systemRandom, type Clock, type RandomSource } from '@payterm/kernel';
import { BatchJournal, type JournalEntry } from '../engine/batch-journal.js';
import type { EngineLogger, EngineObserver, EngineServices } from '../engine/engine-services.js';
import { HostEngine } from '../engine/host-engine.js';
import { HOST_UTC_OFFSET_MS, hostDateOf, HostIds, rrnDayPrefix } from '../engine/host-ids.js';
import { IssuerChangeBuffer } from '../engine/issuer-change-buffer.js';
import { TerminalDirectory } from '../engine/terminal-directory.js';
import {
  accountRecordFromRow,
  holdRecordFromRow,
  movementRecordFromRow,
} from '../issuer/account-record-row.js';
import { DEFAULT_MAX_CACHED_MOVEMENTS } from '../issuer/movement-cache.js';
import { SimulatedIssuer } from '../issuer/simulated-issuer.js';
import { LOAD_TEST_CARD_PAN } from '../issuer/test-cards.js';
import { RiskEngine } from '../risk/risk-engine.js';
import type { RiskConfigInput } from '../risk/risk-config.js';
import { CachedKeyStore } from '../security/cached-key-store.js';
import { PanProtector } from '../security/pan-protector.js';
import { TerminalSecurity } from '../security/terminal-security.js';
import { CommitQueue } from '../storage/commit/commit-queue.js';
import { openDatabase, type HostDatabase } from '../storage/database/open-database.js';
import { migrateToLatest } from '../storage/migrations/migrate.js';
import { createRepositories, type HostRepositories } from '../storage/repositories/host-repositories.js';
import type { TransactionRecord } from '../storage/schema/records.js';
import { Wallet } from '../wallet/wallet.js';
import { WalletActions } from '../wallet/wallet-actions.js';
import { ISSUER_PVK_SETTINGS, seedDemoData, seedDemoTms, seedDemoWallet } from './demo-data.js';
import { trustedSigningKeys } from '../tms/signing-keys.js';
import { TerminalManagement } from '../tms/terminal-management.js';
import { ensureHostKeys } from './host-keys.js';

export interface HostRuntimeOptions {
  /** `sqlite:PATH`, `sqlite::memory:` or `postgres://…`. */
  readonly databaseUrl: string;
  /** The HSM's local master key (32 bytes). */
  readonly lmk: Uint8Array;
  /** PostgreSQL schema (tests use a fresh one each). */
  readonly postgresSchema?: string;
  readonly clock?: Clock;
  readonly random?: RandomSource;
  readonly logger?: EngineLogger;
  readonly observer?: EngineObserver;
  readonly onCommit?: (groupSize: number, durationMs: number) => void;
  readonly risk?: RiskConfigInput;
  /** Delay of the `9168` late-response trigger; default 40 s. */
  readonly lateResponseMs?: number;
  /** Seed test-cards.md's demo merchant, terminals and cards into an empty database (default true). */
  readonly demoData?: boolean;
  /** How long a merchant-presented QR order can be paid; default 5 minutes. */
  readonly qrOrderTtlMs?: number;
}

const SILENT_LOGGER: EngineLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

function journalEntryOf(record: TransactionRecord): JournalEntry {
  return {
    transactionId: record.id,
    stan: record.stan,
    mtiClass: record.mtiClass,
    kind: record.kind,
    digest: record.requestDigest,
    amountMinor: record.amountMinor,
    currency: record.currency,
    cardScope: record.cardScope,
    panHash: record.panHash,
    rrn: record.rrn,
    authCode: record.authCode,
    responseCode: record.responseCode,
    status: record.status,
    refundedMinor: record.refundedMinor,
    responseJson: record.responseJson,
    receivedAt: record.createdAt,
    originalId: record.originalId,
  };
}

/**
 * The host's transaction core, composed: database (migrated), HSM with its keys, demo data on first
 * start, the issuer simulator and risk engine loaded from the database, and the engine that the
 * channels call. Listeners (TCP, HTTP) are attached by the caller (start-host.ts).
 */
export class HostRuntime {
  readonly database: HostDatabase;
  readonly repositories: HostRepositories;
  readonly hsm: SoftwareHsm;
  readonly commits: CommitQueue;
  readonly directory: TerminalDirectory;
  readonly engine: HostEngine;
  readonly issuer: SimulatedIssuer;
  readonly wallet: Wallet;
  /** What the wallet's HTTP API does. */
  readonly walletActions: WalletActions;
  /** The services the engine runs on (the wallet's HTTP API uses the same). */
  readonly services: EngineServices;
  readonly demoSeeded: boolean;

  private constructor(parts: {
    database: HostDatabase;
    repositories: HostRepositories;
    hsm: SoftwareHsm;
    commits: CommitQueue;
    directory: TerminalDirectory;
    engine: HostEngine;
    issuer: SimulatedIssuer;
    services: EngineServices;
    demoSeeded: boolean;
  }) {
    this.database = parts.database;
    this.repositories = parts.repositories;
    this.hsm = parts.hsm;
    this.commits = parts.commits;
    this.directory = parts.directory;
    this.engine = parts.engine;
    this.issuer = parts.issuer;
    this.services = parts.services;
    this.wallet = parts.services.wallet;
    this.walletActions = new WalletActions(parts.services);
    this.demoSeeded = parts.demoSeeded;
  }

  static async open(options: HostRuntimeOptions): Promise<HostRuntime> {
    const clock = options.clock ?? systemClock;
    const random = options.random ?? systemRandom;
    const database = await openDatabase(
      options.databaseUrl,
      options.postgresSchema === undefined ? {} : { schema: options.postgresSchema },
    );
    try {
      await migrateToLatest(database);
      return await HostRuntime.#compose(database, options, clock, random);
    } catch (error) {
      await database.close();
      throw error;
    }
  }

  static async #compose(
    database: HostDatabase,
    options: HostRuntimeOptions,
    clock: Clock,
    random: RandomSource,
  ): Promise<HostRuntime> {
    const repositories = createRepositories(database.db);
    const hsm = new SoftwareHsm({
      lmk: options.lmk,
      random,
      clock,
      store: new CachedKeyStore(repositories.hsmKeys),
      keyCacheSize: 10_000,
    });
    const keys = await ensureHostKeys(hsm, repositories.settings);
    const pans = new PanProtector(hsm, { dataKey: keys.panData, hashKey: keys.panHash }, random);
    const panHash = (pan: string) => pans.hash(pan);
    const demoSeeded =
      options.demoData === false ? false : await seedDemoData({ repositories, hsm, panHash, clock });
    const changes = new IssuerChangeBuffer(clock);
    const issuer = await loadIssuer(repositories, hsm, keys.issuerZpk, panHash, clock, random, changes);
    const wallet = new Wallet({
      clock,
      random,
      rows: await repositories.wallet.loadAll(),
      ...(options.qrOrderTtlMs === undefined ? {} : { orderTtlMs: options.qrOrderTtlMs }),
    });
    if (options.demoData !== false) await seedDemoWallet(wallet, repositories, random, clock);
    const tms = await TerminalManagement.load({
      repositories,
      clock,
      trustedKeys: trustedSigningKeys(hsm, repositories.settings, options.demoData !== false),
    });
    if (options.demoData !== false) await seedDemoTms(hsm, repositories, tms);
    const risk = await loadRisk(repositories, clock, options.risk, await panHash(LOAD_TEST_CARD_PAN));
    const today = hostDateOf(clock.nowMs());
    const lastRrn = await repositories.transactions.lastRrnOn(today, rrnDayPrefix(clock.nowMs()));
    const ids = new HostIds(clock, random, lastRrn);
    const commits = new CommitQueue(database.writer, {
      clock,
      // The SQLite writer thread takes batches in the order posted: prepare the next while one is written.
      maxConcurrentCommits: database.writer === database.db ? 1 : 2,
      stopAfterFailure: true,
      ...(options.onCommit ? { onCommit: options.onCommit } : {}),
    });
    const directory = new TerminalDirectory(repositories.terminals, repositories.merchants);
    const journal = new BatchJournal(async (tid, batchNo) =>
      (await repositories.transactions.listByBatch(tid, batchNo)).map(journalEntryOf),
    );
    const services: EngineServices = {
      codec: createCodec(cupPosSpec),
      clock,
      ids,
      repositories,
      commits,
      terminals: directory,
      journal,
      security: new TerminalSecurity(hsm),
      pans,
      issuer,
      issuerZpk: keys.issuerZpk,
      risk,
      wallet,
      tms,
      drainIssuerChanges: (batch) => changes.drainInto(batch),
      logger: options.logger ?? SILENT_LOGGER,
      observer: options.observer ?? {},
      lateResponseMs: options.lateResponseMs ?? 40_000,
    };
    return new HostRuntime({
      database,
      repositories,
      hsm,
      commits,
      directory,
      engine: new HostEngine(services),
      issuer,
      services,
      demoSeeded,
    });
  }

  /** Waits for queued commits, then closes the database. */
  async close(): Promise<void> {
    await this.commits.close();
    await this.database.close();
  }
}

async function loadIssuer(
  repositories: HostRepositories,
  hsm: SoftwareHsm,
  zpk: KeyHandle,
  panHash: (pan: string) => Promise<string>,
  clock: Clock,
  random: RandomSource,
  sink: IssuerChangeBuffer,
): Promise<SimulatedIssuer> {
  const [accounts, holds, movements, ibmPvkId, visaPvkId] = await Promise.all([
    repositories.issuerAccounts.listAll(),
    repositories.holds.listAll(),
    repositories.issuerMovements.listLatest(DEFAULT_MAX_CACHED_MOVEMENTS),
    repositories.settings.get(ISSUER_PVK_SETTINGS.ibm),
    repositories.settings.get(ISSUER_PVK_SETTINGS.visa),
  ]);
  return new SimulatedIssuer({
    accounts: accounts.map(accountRecordFromRow),
    holds: holds.map(holdRecordFromRow),
    movements: movements.map(movementRecordFromRow),
    panHash,
    hsm,
    pinKeys: {
      zpk,
      ...(ibmPvkId === undefined ? {} : { ibmPvk: await hsm.getKey(ibmPvkId) }),
      ...(visaPvkId === undefined ? {} : { visaPvk: await hsm.getKey(visaPvkId) }),
    },
    clock,
    random,
    sink,
    movementCache: {
      load: async (id) => {
        const row = await repositories.issuerMovements.get(id);
        return row === undefined ? undefined : movementRecordFromRow(row);
      },
    },
  });
}

/** Risk counters rebuilt from today's approved card transactions; the load-test card is exempt. */
async function loadRisk(
  repositories: HostRepositories,
  clock: Clock,
  config: RiskConfigInput | undefined,
  loadTestPanHash: string,
): Promise<RiskEngine> {
  const exemptions = config?.velocityExemptions;
  const risk = new RiskEngine(clock, {
    ...config,
    velocityExemptions: { ...exemptions, panHashes: [...(exemptions?.panHashes ?? []), loadTestPanHash] },
  });
  const counted = await approvedToday(repositories, clock);
  risk.rebuild(
    counted.map((record) => ({
      id: record.id,
      panHash: record.panHash ?? '',
      amountMinor: record.amountMinor,
      currency: record.currency === '156' ? 'CNY' : record.currency,
      atMs: record.createdAt,
    })),
  );
  return risk;
}

/** Today's approved sales and pre-authorisations (the velocity rules count them), page by page. */
async function approvedToday(repositories: HostRepositories, clock: Clock): Promise<TransactionRecord[]> {
  const date = hostDateOf(clock.nowMs());
  const from =
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(4, 6)) - 1, Number(date.slice(6))) -
    HOST_UTC_OFFSET_MS;
  const approved: TransactionRecord[] = [];
  for (const kind of ['sale', 'preauth']) {
    let cursor: string | undefined;
    do {
      const page = await repositories.transactions.search({
        from,
        kind,
        responseCode: '00',
        limit: 1000,
        ...(cursor === undefined ? {} : { cursor }),
      });
      // A completed pre-auth keeps counting (the running host counted it and never uncounted it).
      approved.push(
        ...page.items.filter((record) => record.status === 'approved' || record.status === 'completed'),
      );
      cursor = page.nextCursor;
    } while (cursor !== undefined);
  }
  return approved;
}
