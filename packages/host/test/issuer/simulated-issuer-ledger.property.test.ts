import { describe, expect, it } from 'vitest';
import { SeededRandom } from '@payterm/kernel';
import { SimulatedIssuer, type IssuerDecision } from '../../src/issuer/index.js';
import { movementId, newIssuerFixture, panHash } from './issuer-fixture.js';

const STANDARD = '6200001000000011';
const CREDIT = '6200001000000029';
const LOW_BALANCE = '6200001000000037';

describe('issuer ledger under random operations', () => {
  it('balance and held amounts always equal the sums of the unreversed movements, and a restart keeps them', async () => {
    const f = await newIssuerFixture();
    const random = new SeededRandom(2026);
    const ids: string[] = [];
    const pick = (): string => ids[random.nextInt(ids.length)] ?? 'none';
    const amount = (): number => 1 + random.nextInt(300_000);
    for (let step = 0; step < 400; step += 1) {
      const pan = random.nextInt(2) === 0 ? STANDARD : CREDIT;
      const id = movementId();
      let decision: IssuerDecision | undefined;
      switch (random.nextInt(7)) {
        case 0:
          decision = await f.issuer.authorize(f.sale(pan, amount(), { movementId: id }));
          break;
        case 1:
          decision = await f.issuer.authorize(f.sale(pan, amount(), { movementId: id, type: 'preauth' }));
          break;
        case 2:
          decision = await f.issuer.complete({
            movementId: id,
            preauthId: pick(),
            amountMinor: amount(),
            currency: 'CNY',
          });
          break;
        case 3:
          decision = await f.issuer.cancelHold({ movementId: id, preauthId: pick() });
          break;
        case 4:
          decision = await f.issuer.voidSale({ movementId: id, originalId: pick() });
          break;
        case 5:
          decision = await f.issuer.refund({
            movementId: id,
            originalId: pick(),
            amountMinor: amount(),
            currency: 'CNY',
          });
          break;
        default:
          await f.issuer.reverse({ movementId: pick() });
      }
      if (decision?.approved === true) ids.push(id);
    }
    const { accounts, holds, movements } = f.sink.latest();
    expect(movements.length).toBeGreaterThan(100);
    expect(movements.some((movement) => movement.status === 'reversed')).toBe(true);
    for (const pan of [STANDARD, CREDIT]) {
      const hash = panHash(pan);
      const seed = f.seedAccounts.find((account) => account.panHash === hash)!;
      const live = movements.filter(
        (movement) => movement.panHash === hash && movement.status !== 'reversed',
      );
      const balance = await f.issuer.balance(pan);
      expect(balance?.balanceMinor).toBe(
        seed.balanceMinor + live.reduce((sum, m) => sum + m.balanceDeltaMinor, 0),
      );
      const held = holds.filter((hold) => hold.panHash === hash && hold.status === 'held');
      expect(balance?.heldMinor).toBe(held.reduce((sum, hold) => sum + hold.amountMinor, 0));
      expect(balance?.heldMinor).toBe(live.reduce((sum, m) => sum + m.heldDeltaMinor, 0));
    }
    const merged = f.seedAccounts.map((seed) => accounts.find((a) => a.panHash === seed.panHash) ?? seed);
    const restarted = new SimulatedIssuer({ ...f.options, accounts: merged, holds, movements });
    for (const pan of [STANDARD, CREDIT])
      expect(await restarted.balance(pan)).toEqual(await f.issuer.balance(pan));
  });

  it('concurrent sales cannot spend the same funds twice (checks and writes follow the PIN verification atomically)', async () => {
    const f = await newIssuerFixture();
    const decisions = await Promise.all([1, 2, 3].map(() => f.issuer.authorize(f.sale(LOW_BALANCE, 600))));
    expect(decisions.filter((decision) => decision.approved)).toHaveLength(1);
    expect(decisions.filter((decision) => !decision.approved && decision.responseCode === '51')).toHaveLength(
      2,
    );
    expect((await f.issuer.balance(LOW_BALANCE))?.balanceMinor).toBe(400);
  });

  it('concurrent wrong PINs count one try each', async () => {
    const f = await newIssuerFixture();
    const wrong = () =>
      f.issuer.authorize(f.sale(STANDARD, 100, { pinBlock: f.pinBlock(STANDARD, '000000') }));
    const codes = (await Promise.all([wrong(), wrong(), wrong(), wrong()])).map((d) =>
      d.approved ? '00' : d.responseCode,
    );
    expect(codes.sort()).toEqual(['55', '55', '75', '75']);
  });
});
