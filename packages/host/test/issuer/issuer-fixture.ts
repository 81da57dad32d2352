import { createHmac } from 'node:crypto';
import { encryptPinBlock, hexToBytes, SoftwareHsm, type KeyHandle } from '@payterm/crypto';
import { createNodeCipher } from '@payterm/crypto/node';
import { SeededRandom, SimulatedClock } from '@payterm/kernel';
import {
  SimulatedIssuer,
  testCardAccounts,
  type AuthorizeRequest,
  type IssuerAccountRecord,
  type IssuerHoldRecord,
  type IssuerMovementRecord,
  type IssuerPinBlock,
  type IssuerStateSink,
  type SimulatedIssuerOptions,
} from '../../src/issuer/index.js';

export const LMK = hexToBytes('000102030405060708090A0B0C0D0E0F101112131415161718191A1B1C1D1E1F');
/** The issuer's zone PIN key in these tests (odd parity). */
export const ZPK_HEX = '0123456789ABCDEFFEDCBA9876543210';
const PAN_HASH_KEY = 'test pan hash key';

/** 2026-11-26 10:00 in China (UTC+8). */
export const START_MS = Date.UTC(2026, 10, 26, 2, 0, 0);

export function panHash(pan: string): string {
  return createHmac('sha256', PAN_HASH_KEY).update(pan).digest('hex');
}

export class RecordingSink implements IssuerStateSink {
  readonly accounts: IssuerAccountRecord[] = [];
  readonly holds: IssuerHoldRecord[] = [];
  readonly movements: IssuerMovementRecord[] = [];
  onAccountChange(record: IssuerAccountRecord): void {
    this.accounts.push(record);
  }
  onHoldChange(hold: IssuerHoldRecord): void {
    this.holds.push(hold);
  }
  onMovement(movement: IssuerMovementRecord): void {
    this.movements.push(movement);
  }
  /** The last record of each key, as a database that applied every change would hold. */
  latest(): {
    accounts: IssuerAccountRecord[];
    holds: IssuerHoldRecord[];
    movements: IssuerMovementRecord[];
  } {
    const last = <T>(items: readonly T[], key: (item: T) => string): T[] => [
      ...new Map(items.map((item) => [key(item), item])).values(),
    ];
    return {
      accounts: last(this.accounts, (account) => account.panHash),
      holds: last(this.holds, (hold) => hold.id),
      movements: last(this.movements, (movement) => movement.id),
    };
  }
}

export interface IssuerFixture {
  readonly issuer: SimulatedIssuer;
  readonly clock: SimulatedClock;
  readonly sink: RecordingSink;
  readonly hsm: SoftwareHsm;
  readonly seedAccounts: readonly IssuerAccountRecord[];
  readonly options: SimulatedIssuerOptions;
  pinBlock(pan: string, pin: string): IssuerPinBlock;
  /** A request with sensible defaults: a chip sale of `amountMinor` CNY. */
  sale(pan: string, amountMinor: number, fields?: Partial<AuthorizeRequest>): AuthorizeRequest;
}

let nextMovement = 1;

export function movementId(): string {
  nextMovement += 1;
  return `T${String(nextMovement).padStart(8, '0')}`;
}

async function importClear(hsm: SoftwareHsm, hex: string): Promise<KeyHandle> {
  const key = hexToBytes(hex);
  return hsm.importKey({
    kind: 'components',
    type: 'ZPK',
    algorithm: 'tdes',
    components: [
      { value: new Uint8Array(16).fill(0x01) },
      { value: new Uint8Array(16).fill(0x02) },
      { value: key.map((byte) => byte ^ 0x03) },
    ],
  });
}

export async function newIssuerFixture(
  overrides: Partial<SimulatedIssuerOptions> = {},
): Promise<IssuerFixture> {
  const clock = new SimulatedClock(START_MS);
  // Default key parity ('odd'): the seeding must import its keys under the strict rule.
  const hsm = new SoftwareHsm({
    lmk: LMK,
    random: new SeededRandom(11),
    cipherFactory: createNodeCipher,
    clock,
  });
  const zpk = await importClear(hsm, ZPK_HEX);
  const seed = await testCardAccounts(panHash, hsm);
  const sink = new RecordingSink();
  const options: SimulatedIssuerOptions = {
    accounts: seed.accounts,
    panHash,
    hsm,
    pinKeys: { zpk, ibmPvk: seed.ibmPvk, visaPvk: seed.visaPvk },
    clock,
    random: new SeededRandom(5),
    sink,
    ...overrides,
  };
  const issuer = new SimulatedIssuer(options);
  const random = new SeededRandom(3);
  const zpkCipher = createNodeCipher('tdes', hexToBytes(ZPK_HEX));
  const pinBlock = (pan: string, pin: string): IssuerPinBlock => ({
    format: 0,
    block: encryptPinBlock(zpkCipher, { format: 0, pin, pan, random }),
  });
  return {
    issuer,
    clock,
    sink,
    hsm,
    seedAccounts: seed.accounts,
    options,
    pinBlock,
    sale(pan, amountMinor, fields = {}) {
      const pin = pan.startsWith('62') ? '123456' : '1234';
      return {
        type: 'sale',
        movementId: movementId(),
        pan,
        amountMinor,
        currency: 'CNY',
        entryMode: 'chip',
        pinBlock: pinBlock(pan, pin),
        ...fields,
      };
    },
  };
}
