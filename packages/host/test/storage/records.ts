import type {
  HoldRecord,
  IssuerAccountRecord,
  IssuerMovementRow,
  MerchantRecord,
  NewTransaction,
  TerminalRecord,
} from '../../src/storage/index.js';

/* Complete records for storage tests; each test overrides what it is about. */

export function merchantRecord(overrides: Partial<MerchantRecord> = {}): MerchantRecord {
  return {
    mid: '898310058120001',
    name: 'PayTerm Demo Store',
    mcc: '5812',
    city: 'Beijing',
    currency: '156',
    singleTransactionLimitMinor: 5_000_000,
    status: 'active',
    createdAt: 1_764_115_200_000,
    ...overrides,
  };
}

export function terminalRecord(overrides: Partial<TerminalRecord> = {}): TerminalRecord {
  return {
    tid: '10000001',
    mid: '898310058120001',
    status: 'active',
    tmkKeyId: null,
    pikKeyId: null,
    makKeyId: null,
    tdkKeyId: null,
    batchNo: '000001',
    signedIn: false,
    signedInAt: null,
    operator: null,
    parameterVersion: null,
    createdAt: 1_764_115_200_000,
    ...overrides,
  };
}

export function transactionRecord(overrides: Partial<NewTransaction> = {}): NewTransaction {
  return {
    id: 'tx-1',
    tid: '10000001',
    mid: '898310058120001',
    batchNo: '000001',
    stan: '000001',
    kind: 'sale',
    mti: '0200',
    processingCode: '000000',
    amountMinor: 12_345,
    currency: '156',
    panEncrypted: 'ENC:0011223344556677',
    panMasked: '622202******0001',
    panHash: 'a1'.repeat(32),
    cardScope: 'domestic',
    entryMode: '051',
    rrn: '000000000001',
    authCode: '123456',
    responseCode: '00',
    status: 'approved',
    originalId: null,
    refundedMinor: 0,
    requestDigest: 'd1'.repeat(32),
    responseJson: '{"39":"00"}',
    localDate: '1126',
    localTime: '103000',
    hostDate: '20261126',
    declineRule: null,
    createdAt: 1_764_152_000_000,
    ...overrides,
  };
}

export function issuerAccountRecord(overrides: Partial<IssuerAccountRecord> = {}): IssuerAccountRecord {
  return {
    panHash: 'b2'.repeat(32),
    panMasked: '622202******0001',
    kind: 'debit',
    currency: '156',
    balanceMinor: 1_000_000,
    creditLimitMinor: 0,
    heldMinor: 0,
    status: 'active',
    pinTryDate: null,
    pinTries: 0,
    pvv: '1234',
    expiry: '3012',
    behaviour: null,
    updatedAt: 1_764_115_200_000,
    ...overrides,
  };
}

export function issuerMovementRow(overrides: Partial<IssuerMovementRow> = {}): IssuerMovementRow {
  return {
    id: 'mv-1',
    panHash: 'b2'.repeat(32),
    kind: 'sale',
    amountMinor: 12_345,
    currency: '156',
    balanceDeltaMinor: -12_345,
    heldDeltaMinor: 0,
    holdId: null,
    originalId: null,
    refundedMinor: 0,
    status: 'applied',
    updatedAt: 1_764_152_000_000,
    ...overrides,
  };
}

export function holdRecord(overrides: Partial<HoldRecord> = {}): HoldRecord {
  return {
    id: 'H00000000001',
    panHash: 'b2'.repeat(32),
    transactionId: 'pre-1',
    amountMinor: 30_000,
    status: 'held',
    createdAt: 1_764_152_000_000,
    ...overrides,
  };
}
