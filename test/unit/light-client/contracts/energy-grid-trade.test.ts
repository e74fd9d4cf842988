import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { decodeEnergyOutput } from '../../../../light-client/contracts/energy/index.ts';
import {
  ALICE,
  allow,
  CNY,
  createEnergyHarness,
  GRID,
  GRID_FEN,
  GRID_WH,
  KWH,
} from './energy-harness.ts';

describe('energy contract: buy_from_grid', () => {
  it('charges ceil(Wh x retail / 1000) fen and delivers the Wh; restores supply from 0', () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, CNY, 10_000n);
    const result = h.ok(ALICE, { method: 'buy_from_grid', amountWh: 12_345n }, [
      allow(ALICE, CNY, 1_000n),
    ]);
    // 12,345 Wh x 50 fen/kWh = 617.25 fen -> 618
    assert.deepEqual(decodeEnergyOutput('buy_from_grid', result.output), { paidFen: 618n });
    assert.deepEqual(result.decoded, [
      { type: 'grid_sale', buyer: ALICE, amountWh: 12_345n, paidFen: 618n },
      { type: 'supply_restored', household: ALICE },
    ]);
    assert.equal(h.balance(ALICE, CNY), 10_000n - 618n);
    assert.equal(h.balance(ALICE, KWH), 12_345n);
    assert.equal(h.balance(GRID, CNY), GRID_FEN + 618n);
    assert.equal(h.balance(GRID, KWH), GRID_WH - 12_345n);

    const again = h.ok(ALICE, { method: 'buy_from_grid', amountWh: 1n }, [allow(ALICE, CNY, 1n)]);
    assert.deepEqual(
      again.decoded.map((e) => e.type),
      ['grid_sale'],
      'no supply_restored when the balance was not 0',
    );
    assert.equal(h.balance(ALICE, CNY), 10_000n - 619n, '1 Wh costs 0.05 fen, rounded up to 1');
  });

  it('reverts without enough CNY, without an allowance, or for 0 Wh', () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, CNY, 49n);
    const buy = { method: 'buy_from_grid', amountWh: 1_000n } as const;
    h.reverts(ALICE, buy, 'insufficient CNY', [allow(ALICE, CNY, 50n)]);
    h.ledger.setBalance(ALICE, CNY, 50n);
    h.reverts(ALICE, buy, 'CNY transfer not authorised');
    h.reverts(ALICE, buy, 'CNY transfer not authorised', [allow(ALICE, CNY, 49n)]);
    h.reverts(ALICE, { method: 'buy_from_grid', amountWh: 0n }, 'amount must be positive');
    h.reverts(ALICE, { method: 'buy_from_grid', amountWh: 1n << 63n }, 'amount too large');
    h.ok(ALICE, buy, [allow(ALICE, CNY, 50n)]);
    assert.equal(h.balance(ALICE, CNY), 0n);
    assert.equal(h.balance(ALICE, KWH), 1_000n);
  });

  it('follows the retail tariff the grid sets', () => {
    const h = createEnergyHarness();
    h.ok(GRID, { method: 'set_retail_tariff', fenPerKwh: 61n });
    h.ledger.setBalance(ALICE, CNY, 1_000n);
    const result = h.ok(ALICE, { method: 'buy_from_grid', amountWh: 2_000n }, [
      allow(ALICE, CNY, 1_000n),
    ]);
    assert.deepEqual(decodeEnergyOutput('buy_from_grid', result.output), { paidFen: 122n });
  });
});

describe('energy contract: sell_to_grid', () => {
  it('takes the Wh and pays floor(Wh x feed-in / 1000) fen', () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 50_000n);
    const result = h.ok(ALICE, { method: 'sell_to_grid', amountWh: 12_345n }, [
      allow(ALICE, KWH, 12_345n),
    ]);
    // 12,345 Wh x 40 fen/kWh = 493.8 fen -> 493
    assert.deepEqual(decodeEnergyOutput('sell_to_grid', result.output), { receivedFen: 493n });
    assert.deepEqual(result.decoded, [
      { type: 'grid_purchase', seller: ALICE, amountWh: 12_345n, receivedFen: 493n },
    ]);
    assert.equal(h.balance(ALICE, KWH), 50_000n - 12_345n);
    assert.equal(h.balance(ALICE, CNY), 493n);
    assert.equal(h.balance(GRID, KWH), GRID_WH + 12_345n);
    assert.equal(h.balance(GRID, CNY), GRID_FEN - 493n);
  });

  it('pays nothing for less than a fen, and reverts without the kWh or an allowance', () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 100n);
    const tiny = h.ok(ALICE, { method: 'sell_to_grid', amountWh: 24n }, [allow(ALICE, KWH, 24n)]);
    assert.deepEqual(decodeEnergyOutput('sell_to_grid', tiny.output), { receivedFen: 0n });
    assert.equal(h.balance(ALICE, CNY), 0n);
    const sell = { method: 'sell_to_grid', amountWh: 77n } as const;
    h.reverts(ALICE, sell, 'insufficient kWh', [allow(ALICE, KWH, 77n)]);
    h.reverts(ALICE, { method: 'sell_to_grid', amountWh: 76n }, 'kWh transfer not authorised');
    h.reverts(ALICE, { method: 'sell_to_grid', amountWh: 0n }, 'amount must be positive');
  });
});
