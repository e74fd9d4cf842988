import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeEnergyOffer,
  decodeEnergyOutput,
  energyStorageKeys,
} from '../../../../light-client/contracts/energy/index.ts';
import {
  ALICE,
  allow,
  BOB,
  CAROL,
  CNY,
  CONTRACT,
  createEnergyHarness,
  type EnergyHarness,
  GRID,
  GRID_FEN,
  KWH,
} from './energy-harness.ts';

/** Alice offers 30,000 Wh at 60 fen per kWh: offer 1. */
function withOffer(): EnergyHarness {
  const h = createEnergyHarness();
  h.ledger.setBalance(ALICE, KWH, 50_000n);
  h.ledger.setBalance(BOB, CNY, 100_000n);
  const posted = h.ok(ALICE, { method: 'post_offer', amountWh: 30_000n, priceFenPerKwh: 60n }, [
    allow(ALICE, KWH, 30_000n),
  ]);
  assert.deepEqual(decodeEnergyOutput('post_offer', posted.output), { offerId: 1n });
  assert.deepEqual(posted.decoded, [
    { type: 'offer_posted', offerId: 1n, seller: ALICE, amountWh: 30_000n, priceFenPerKwh: 60n },
  ]);
  return h;
}

const offer = (h: EnergyHarness, id: bigint) =>
  decodeEnergyOutput('get_offer', h.ok(CAROL, { method: 'get_offer', offerId: id }).output);

describe('energy contract: post_offer', () => {
  it('escrows the Wh in the contract and numbers offers from 1', () => {
    const h = withOffer();
    assert.equal(h.balance(ALICE, KWH), 20_000n);
    assert.equal(h.balance(CONTRACT, KWH), 30_000n);
    assert.deepEqual(offer(h, 1n), { seller: ALICE, remainingWh: 30_000n, priceFenPerKwh: 60n });
    const stored = h.ledger.storageRead(energyStorageKeys.offer(1n));
    assert.ok(stored);
    assert.deepEqual(decodeEnergyOffer(stored), offer(h, 1n));
    const second = h.ok(ALICE, { method: 'post_offer', amountWh: 1n, priceFenPerKwh: 40n }, [
      allow(ALICE, KWH, 1n),
    ]);
    assert.deepEqual(decodeEnergyOutput('post_offer', second.output), { offerId: 2n });
  });

  it('refuses a price below the feed-in tariff, 0 Wh, and Wh the seller lacks or did not allow', () => {
    const h = withOffer();
    const post = (amountWh: bigint, priceFenPerKwh: bigint) =>
      ({ method: 'post_offer', amountWh, priceFenPerKwh }) as const;
    h.reverts(ALICE, post(1_000n, 39n), 'price below the feed-in tariff', [
      allow(ALICE, KWH, 1_000n),
    ]);
    h.reverts(ALICE, post(0n, 50n), 'amount must be positive');
    h.reverts(ALICE, post(20_001n, 50n), 'insufficient kWh', [allow(ALICE, KWH, 20_001n)]);
    h.reverts(ALICE, post(1_000n, 50n), 'kWh transfer not authorised');
    h.ok(GRID, { method: 'set_feed_in_tariff', fenPerKwh: 30n });
    h.ok(ALICE, post(1_000n, 39n), [allow(ALICE, KWH, 1_000n)]);
  });
});

describe('energy contract: buy_offer', () => {
  it('a partial purchase pays the seller and the grid fee, delivers the Wh, shrinks the offer', () => {
    const h = withOffer();
    const result = h.ok(BOB, { method: 'buy_offer', offerId: 1n, amountWh: 10_001n }, [
      allow(BOB, CNY, 1_000n),
    ]);
    // 10,001 Wh x 60 = 600.06 -> 601 fen to Alice; x 5 = 50.005 -> 51 fen to the grid
    assert.deepEqual(decodeEnergyOutput('buy_offer', result.output), {
      paidFen: 601n,
      feeFen: 51n,
    });
    assert.deepEqual(result.decoded, [
      {
        type: 'trade',
        offerId: 1n,
        seller: ALICE,
        buyer: BOB,
        amountWh: 10_001n,
        paidFen: 601n,
        feeFen: 51n,
      },
      { type: 'supply_restored', household: BOB },
    ]);
    assert.equal(h.balance(BOB, KWH), 10_001n);
    assert.equal(h.balance(BOB, CNY), 100_000n - 652n);
    assert.equal(h.balance(ALICE, CNY), 601n);
    assert.equal(h.balance(GRID, CNY), GRID_FEN + 51n);
    assert.equal(h.balance(CONTRACT, KWH), 19_999n);
    assert.deepEqual(offer(h, 1n), { seller: ALICE, remainingWh: 19_999n, priceFenPerKwh: 60n });
  });

  it('buying what is left deletes the offer', () => {
    const h = withOffer();
    h.ok(BOB, { method: 'buy_offer', offerId: 1n, amountWh: 10_000n }, [allow(BOB, CNY, 650n)]);
    const rest = h.ok(BOB, { method: 'buy_offer', offerId: 1n, amountWh: 20_000n }, [
      allow(BOB, CNY, 1_300n),
    ]);
    assert.deepEqual(decodeEnergyOutput('buy_offer', rest.output), {
      paidFen: 1_200n,
      feeFen: 100n,
    });
    assert.deepEqual(
      rest.decoded.map((e) => e.type),
      ['trade'],
      'Bob had energy already: no supply_restored',
    );
    assert.equal(h.balance(BOB, KWH), 30_000n);
    assert.equal(h.balance(BOB, CNY), 100_000n - 650n - 1_300n);
    assert.equal(h.balance(ALICE, CNY), 1_800n);
    assert.equal(h.balance(CONTRACT, KWH), 0n);
    assert.equal(h.ledger.storageRead(energyStorageKeys.offer(1n)), undefined);
    h.reverts(CAROL, { method: 'get_offer', offerId: 1n }, 'no such offer');
    h.reverts(BOB, { method: 'buy_offer', offerId: 1n, amountWh: 1n }, 'no such offer', [
      allow(BOB, CNY, 10n),
    ]);
  });

  it('refuses more than is left, 0 Wh, the seller itself, and a buyer short of CNY', () => {
    const h = withOffer();
    const buy = (amountWh: bigint) => ({ method: 'buy_offer', offerId: 1n, amountWh }) as const;
    const plenty = [allow(BOB, CNY, 100_000n), allow(ALICE, CNY, 100_000n)];
    h.reverts(BOB, buy(30_001n), 'amount exceeds what the offer has left', plenty);
    h.reverts(BOB, buy(0n), 'amount must be positive', plenty);
    h.reverts(ALICE, buy(1_000n), 'the seller may not buy its own offer', plenty);
    h.reverts(CAROL, buy(1_000n), 'insufficient CNY', [allow(CAROL, CNY, 100n)]);
    // Enough for the seller's price but not the fee: nothing moves at all.
    h.ledger.setBalance(CAROL, CNY, 60n);
    h.reverts(CAROL, buy(1_000n), 'insufficient CNY', [allow(CAROL, CNY, 100n)]);
    h.ledger.setBalance(CAROL, CNY, 65n);
    h.reverts(CAROL, buy(1_000n), 'CNY transfer not authorised', [allow(CAROL, CNY, 64n)]);
    h.ok(CAROL, buy(1_000n), [allow(CAROL, CNY, 65n)]);
    assert.equal(h.balance(CAROL, CNY), 0n);
    assert.equal(h.balance(CAROL, KWH), 1_000n);
    h.reverts(BOB, { method: 'buy_offer', offerId: 9n, amountWh: 1n }, 'no such offer', plenty);
  });

  it('costs well under the call gas limit', (t) => {
    const h = withOffer();
    const result = h.ok(BOB, { method: 'buy_offer', offerId: 1n, amountWh: 10_000n }, [
      allow(BOB, CNY, 650n),
    ]);
    t.diagnostic(`buy_offer gas: ${result.gasUsed}`);
    assert.ok(result.gasUsed < 20_000n, `buy_offer used ${result.gasUsed} gas`);
  });
});

describe('energy contract: cancel_offer', () => {
  it('only the seller cancels; the escrow left goes back; the offer is gone', () => {
    const h = withOffer();
    h.ok(BOB, { method: 'buy_offer', offerId: 1n, amountWh: 5_000n }, [allow(BOB, CNY, 325n)]);
    h.reverts(BOB, { method: 'cancel_offer', offerId: 1n }, 'only the seller may cancel an offer');
    h.reverts(GRID, { method: 'cancel_offer', offerId: 1n }, 'only the seller may cancel an offer');
    const result = h.ok(ALICE, { method: 'cancel_offer', offerId: 1n });
    assert.deepEqual(result.decoded, [
      { type: 'offer_cancelled', offerId: 1n, seller: ALICE, returnedWh: 25_000n },
    ]);
    assert.equal(h.balance(ALICE, KWH), 45_000n);
    assert.equal(h.balance(CONTRACT, KWH), 0n);
    h.reverts(ALICE, { method: 'cancel_offer', offerId: 1n }, 'no such offer');
  });
});
