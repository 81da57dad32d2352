import type { Hsm } from '@payterm/crypto';
import { DEMO_SOFTWARE_PUBLIC_KEY, DEMO_SOFTWARE_SIGNING_SEED_HEX } from '@payterm/software';
import type { Clock, RandomSource } from '@payterm/kernel';
import { testCardAccounts } from '../issuer/test-card-accounts.js';
import { importClearTdesKey } from '../security/clear-key-import.js';
import { WriteBatch } from '../storage/commit/write-batch.js';
import type { HostRepositories } from '../storage/repositories/host-repositories.js';
import type { Wallet } from '../wallet/wallet.js';
import { hashWalletPin } from '../wallet/wallet-secrets.js';
import type { TerminalManagement } from '../tms/terminal-management.js';
import { SIGNING_KEY_SETTINGS } from '../tms/signing-keys.js';

/** The demo merchant, terminals and TMK of shared/spec/test-cards.md. Test data only. */
export const DEMO = {
  mid: '898310058120001',
  merchantName: 'PayTerm Demo Store',
  mcc: '5812',
  city: 'Beijing',
  currency: '156',
  tids: ['10000001', '10000002'],
  tmkHex: '0123456789ABCDEFFEDCBA9876543210',
  tmkKcv: '08D7B4',
  /** CNY 1,000,000.00: a single transaction above it declines `61`. */
  singleTransactionLimitMinor: 100_000_000,
} as const;

export const ISSUER_PVK_SETTINGS = { ibm: 'hsm.issuer-ibm-pvk', visa: 'hsm.issuer-visa-pvk' } as const;
const SEEDED_SETTING = 'demo.seeded';

export interface DemoSeedDependencies {
  readonly repositories: HostRepositories;
  readonly hsm: Hsm;
  readonly panHash: (pan: string) => Promise<string>;
  readonly clock: Clock;
}

/**
 * Creates the demo merchant, its two terminals (TMK loaded through the HSM as components, batch 000001
 * open) and the issuer's test-card accounts, once: on the first start of an empty database. Every step
 * checks before it writes, so a start interrupted halfway completes the seed on the next start.
 * Returns false when the database was seeded already.
 */
export async function seedDemoData(deps: DemoSeedDependencies): Promise<boolean> {
  const { repositories, hsm, clock } = deps;
  const settings = repositories.settings;
  if ((await settings.get(SEEDED_SETTING)) !== undefined) return false;
  const now = clock.nowMs();
  if ((await repositories.merchants.get(DEMO.mid)) === undefined) {
    await repositories.merchants.create({
      mid: DEMO.mid,
      name: DEMO.merchantName,
      mcc: DEMO.mcc,
      city: DEMO.city,
      currency: DEMO.currency,
      singleTransactionLimitMinor: DEMO.singleTransactionLimitMinor,
      status: 'active',
      createdAt: now,
    });
  }
  for (const tid of DEMO.tids) {
    if ((await repositories.terminals.get(tid)) !== undefined) continue;
    const tmk = await importClearTdesKey(hsm, 'TMK', DEMO.tmkHex, { kcv: DEMO.tmkKcv });
    await repositories.terminals.create({
      tid,
      mid: DEMO.mid,
      status: 'active',
      tmkKeyId: tmk.id,
      pikKeyId: null,
      makKeyId: null,
      tdkKeyId: null,
      batchNo: '000001',
      signedIn: false,
      signedInAt: null,
      operator: null,
      parameterVersion: null,
      createdAt: now,
    });
    if ((await repositories.batches.get(tid, '000001')) === undefined) {
      await repositories.batches.open({
        tid,
        batchNo: '000001',
        status: 'open',
        openedAt: now,
        settledAt: null,
        settlementResult: null,
      });
    }
  }
  const seed = await testCardAccounts(deps.panHash, hsm);
  for (const account of seed.accounts) {
    if ((await repositories.issuerAccounts.get(account.panHash)) === undefined) {
      await repositories.issuerAccounts.put({ ...account, updatedAt: now });
    }
  }
  await settings.put(ISSUER_PVK_SETTINGS.ibm, seed.ibmPvk.id);
  await settings.put(ISSUER_PVK_SETTINGS.visa, seed.visaPvk.id);
  await settings.put(SEEDED_SETTING, String(now));
  return true;
}

/** The wallet users of test-cards.md: user, wallet PIN, opening balance (CNY). Test data only. */
export const DEMO_WALLET_USERS = [
  { userId: 'alice', name: 'Alice', pin: '111111', openingMinor: 5_000_00 },
  { userId: 'bob', name: 'Bob', pin: '222222', openingMinor: 20_00 },
] as const;

/** The demo PINs are published: a low scrypt cost keeps a fresh database's first start quick. */
const DEMO_PIN_COST = 1024;

/**
 * Adds each demo wallet user that is missing (a database seeded before the wallet existed gets them at
 * its next start), with a hashed PIN and the opening balance as the first movement of its ledger.
 */
export async function seedDemoWallet(
  wallet: Wallet,
  repositories: HostRepositories,
  random: RandomSource,
  clock: Clock,
): Promise<void> {
  for (const demo of DEMO_WALLET_USERS) {
    if (wallet.user(demo.userId) !== undefined) continue;
    const changes = new WriteBatch();
    wallet.addUser(
      {
        userId: demo.userId,
        name: demo.name,
        pinHash: await hashWalletPin(demo.pin, random, DEMO_PIN_COST),
        currency: DEMO.currency,
        pinFailures: 0,
        pinFailureDay: null,
        createdAt: clock.nowMs(),
      },
      demo.openingMinor,
      changes,
    );
    for (const change of changes.changes) {
      if (change.type === 'put-wallet-row') await repositories.wallet.put(change.wallet);
    }
    wallet.committed(changes);
  }
}

/**
 * The demo merchant's parameter set (docs/TMS.md §2.1): what demo terminals download first. Timeouts are
 * the dialect's defaults and no language is set, so a demo terminal behaves after its first download as
 * before it (each device keeps the language its user chose).
 */
export const DEMO_PARAMETERS = {
  merchantName: DEMO.merchantName,
  responseTimeoutSeconds: 30,
  connectTimeoutSeconds: 10,
  saleLimitMinor: DEMO.singleTransactionLimitMinor,
  refundLimitMinor: 10_000_000,
} as const;

function hexBytes(hex: string): Uint8Array {
  return Uint8Array.from(hex.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
}

/**
 * Terminal management's demo data, added when missing (a database seeded before the TMS gets it at its
 * next start): the published demo software-signing key imported into the HSM (DEMO ONLY: its seed is
 * public) and a parameter set for the demo merchant.
 */
export async function seedDemoTms(
  hsm: Hsm,
  repositories: HostRepositories,
  tms: TerminalManagement,
): Promise<void> {
  if ((await repositories.settings.get(SIGNING_KEY_SETTINGS.demo)) === undefined) {
    const key = await hsm.importKey({
      kind: 'seed',
      type: 'SIGNING',
      algorithm: 'ed25519',
      seed: hexBytes(DEMO_SOFTWARE_SIGNING_SEED_HEX),
      publicKey: DEMO_SOFTWARE_PUBLIC_KEY,
    });
    await repositories.settings.put(SIGNING_KEY_SETTINGS.demo, key.id);
  }
  if (!tms.parameterSets().some((set) => set.scope === 'merchant' && set.scopeId === DEMO.mid)) {
    await tms.setParameters('merchant', DEMO.mid, DEMO_PARAMETERS, 'demo-data');
  }
}
