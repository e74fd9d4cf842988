import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeMeterSettlement,
  energyStorageKeys,
  type MeterSettlement,
} from '../../../../light-client/contracts/energy/index.ts';
import {
  ALICE,
  address,
  allow,
  BOB,
  CNY,
  createEnergyHarness,
  type EnergyHarness,
  GAS_LIMIT,
  GRID,
  GRID_WH,
  KWH,
  meterView,
} from './energy-harness.ts';

const METER = 'meter-alice-01';

function settlement(h: EnergyHarness, meterId = METER): MeterSettlement | undefined {
  const record = h.ledger.storageRead(energyStorageKeys.meterSettlement(meterId));
  return record && decodeMeterSettlement(record);
}

/** Feeds the meter's successive cumulative registers, as the ledger does with each reading. */
function readings(h: EnergyHarness, household = ALICE, meterId = METER, triggerWh = 0n) {
  let sequence = 0n;
  let lastImported = 0n;
  return (registers: { exportedWh?: bigint; importedWh?: bigint }) => {
    sequence += 1n;
    const importedWh = registers.importedWh ?? lastImported;
    const view = meterView(household, {
      sequence,
      triggerWh,
      exportedWh: registers.exportedWh ?? 0n,
      importedWh,
      previousImportedWh: lastImported,
    });
    lastImported = importedWh;
    const result = h.settle(meterId, view);
    assert.equal(result.kind, 'ok', JSON.stringify(result.kind === 'reverted' && result.reason));
    assert.ok(result.gasUsed < GAS_LIMIT / 10n, `settlement used ${result.gasUsed} gas`);
    return result;
  };
}

describe('energy contract: system_meter_reading, import', () => {
  it('debits the imported Wh from the household to the grid', (t) => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 10_000n);
    const read = readings(h);
    const first = read({ importedWh: 1_500n });
    assert.deepEqual(first.decoded, []);
    assert.equal(h.balance(ALICE, KWH), 8_500n);
    assert.equal(h.balance(GRID, KWH), GRID_WH + 1_500n);
    const second = read({ importedWh: 4_000n });
    assert.equal(h.balance(ALICE, KWH), 6_000n);
    assert.equal(settlement(h), undefined, 'nothing owed, nothing exported: no record written');
    const idle = read({});
    assert.equal(h.balance(ALICE, KWH), 6_000n);
    t.diagnostic(`gas: import ${second.gasUsed}, idle reading ${idle.gasUsed}`);
  });

  it('cuts the supply when the balance runs out, once, and keeps the rest as unpaid', () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 1_000n);
    const read = readings(h);
    const cut = read({ importedWh: 1_600n });
    assert.deepEqual(cut.decoded, [{ type: 'supply_cut', household: ALICE, meterId: METER }]);
    assert.equal(h.balance(ALICE, KWH), 0n);
    assert.equal(h.balance(GRID, KWH), GRID_WH + 1_000n);
    assert.deepEqual(settlement(h), { settledExportWh: 0n, unpaidWh: 600n });

    const still = read({ importedWh: 2_000n });
    assert.deepEqual(still.decoded, [], 'already cut: no second event');
    assert.deepEqual(settlement(h), { settledExportWh: 0n, unpaidWh: 1_000n });

    // The household buys energy (supply restored), then uses it all up: cut again.
    h.ledger.setBalance(ALICE, CNY, 100n);
    const bought = h.ok(ALICE, { method: 'buy_from_grid', amountWh: 500n }, [
      allow(ALICE, CNY, 25n),
    ]);
    assert.deepEqual(bought.decoded[1], { type: 'supply_restored', household: ALICE });
    const again = read({ importedWh: 2_500n });
    assert.deepEqual(again.decoded, [{ type: 'supply_cut', household: ALICE, meterId: METER }]);
    assert.equal(h.balance(ALICE, KWH), 0n);
    assert.deepEqual(settlement(h), { settledExportWh: 0n, unpaidWh: 1_000n }, 'exactly covered');
  });

  it("reports a household's first cut even when it never had energy", () => {
    const h = createEnergyHarness();
    const read = readings(h, BOB, 'meter-bob');
    assert.deepEqual(read({}).decoded, [], 'no import, no cut');
    const first = read({ importedWh: 10n });
    assert.deepEqual(first.decoded, [{ type: 'supply_cut', household: BOB, meterId: 'meter-bob' }]);
    assert.deepEqual(settlement(h, 'meter-bob'), { settledExportWh: 0n, unpaidWh: 10n });
  });

  it('debits only what the ledger authorised (the import since the previous reading)', () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 10_000n);
    const view = meterView(ALICE, { importedWh: 500n, previousImportedWh: 0n });
    h.ledger.setMeter(METER, view);
    h.reverts(
      GRID,
      { method: 'system_meter_reading', meterId: METER },
      'kWh transfer not authorised',
      [allow(ALICE, KWH, 499n, GRID)],
    );
  });
});

describe('energy contract: system_meter_reading, export (triggered trading)', () => {
  it('credits 100 kWh from the grid each time the export crosses the 100 kWh trigger', (t) => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 5n);
    const read = readings(h);
    assert.deepEqual(read({ exportedWh: 99_999n }).decoded, []);
    assert.equal(h.balance(ALICE, KWH), 5n);
    const crossed = read({ exportedWh: 100_000n });
    assert.deepEqual(crossed.decoded, [
      {
        type: 'triggered_trade',
        household: ALICE,
        amountWh: 100_000n,
        triggers: 1n,
        meterId: METER,
      },
    ]);
    assert.equal(h.balance(ALICE, KWH), 100_005n);
    assert.equal(h.balance(GRID, KWH), GRID_WH - 100_000n);
    assert.deepEqual(settlement(h), { settledExportWh: 100_000n, unpaidWh: 0n });
    assert.deepEqual(read({ exportedWh: 199_999n }).decoded, []);
    t.diagnostic(`gas: triggered trade ${crossed.gasUsed}`);
  });

  it('250 kWh exported at once settles two triggers; the remaining 50 kWh waits', () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 1n);
    const read = readings(h);
    const result = read({ exportedWh: 250_000n });
    assert.deepEqual(result.decoded, [
      {
        type: 'triggered_trade',
        household: ALICE,
        amountWh: 200_000n,
        triggers: 2n,
        meterId: METER,
      },
    ]);
    assert.equal(h.balance(ALICE, KWH), 200_001n);
    assert.deepEqual(settlement(h), { settledExportWh: 200_000n, unpaidWh: 0n });
    const third = read({ exportedWh: 300_000n });
    assert.deepEqual(third.decoded, [
      {
        type: 'triggered_trade',
        household: ALICE,
        amountWh: 100_000n,
        triggers: 1n,
        meterId: METER,
      },
    ]);
    assert.equal(h.balance(ALICE, KWH), 300_001n);
    assert.equal(h.balance(GRID, KWH), GRID_WH - 300_000n);
  });

  it("uses the meter's own trigger, else the configuration's as the grid sets it", () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 1n);
    h.ledger.setBalance(BOB, KWH, 1n);
    const own = readings(h, ALICE, METER, 5_000n);
    assert.deepEqual(own({ exportedWh: 12_000n }).decoded[0], {
      type: 'triggered_trade',
      household: ALICE,
      amountWh: 10_000n,
      triggers: 2n,
      meterId: METER,
    });
    h.ok(GRID, { method: 'set_trigger', triggerWh: 30_000n });
    const bob = readings(h, BOB, 'meter-bob');
    assert.deepEqual(bob({ exportedWh: 29_999n }).decoded, []);
    assert.equal(bob({ exportedWh: 30_000n }).decoded.length, 1);
    assert.equal(h.balance(BOB, KWH), 30_001n);
  });

  it('imports and exports in one reading: debit first, then the credit restores the supply', () => {
    const h = createEnergyHarness();
    h.ledger.setBalance(ALICE, KWH, 300n);
    const read = readings(h);
    const result = read({ importedWh: 1_000n, exportedWh: 100_000n });
    assert.deepEqual(result.decoded, [
      {
        type: 'triggered_trade',
        household: ALICE,
        amountWh: 100_000n,
        triggers: 1n,
        meterId: METER,
      },
    ]);
    assert.equal(h.balance(ALICE, KWH), 100_000n);
    assert.deepEqual(settlement(h), { settledExportWh: 100_000n, unpaidWh: 700n });

    const cutHousehold = createEnergyHarness();
    const bob = readings(cutHousehold, BOB, 'meter-bob');
    bob({ importedWh: 50n });
    const restored = bob({ exportedWh: 100_000n });
    assert.deepEqual(
      restored.decoded.map((e) => e.type),
      ['triggered_trade', 'supply_restored'],
    );
  });
});

describe('energy contract: system_meter_reading, a second grid', () => {
  it("takes the import in the kWh of the meter's grid; triggered trades come from the treasury", () => {
    const h = createEnergyHarness();
    const grid2 = address(9);
    const kwh2 = { issuer: grid2, code: 'kWh' };
    h.ledger.setBalance(grid2, kwh2, 1_000n);
    h.ledger.setBalance(ALICE, kwh2, 700n);
    h.ledger.setBalance(ALICE, KWH, 50n);
    const view = { ...meterView(ALICE, { importedWh: 500n, exportedWh: 100_000n }), grid: grid2 };
    const result = h.settle(METER, view);
    assert.equal(result.kind, 'ok');
    assert.equal(h.balance(ALICE, kwh2), 200n);
    assert.equal(h.balance(grid2, kwh2), 1_500n);
    assert.equal(h.balance(ALICE, KWH), 100_050n);
    assert.equal(h.balance(GRID, KWH), GRID_WH - 100_000n);
    assert.deepEqual(
      result.decoded.map((e) => e.type),
      ['triggered_trade'],
    );
  });
});

describe('energy contract: system_meter_reading, refusals', () => {
  it('reverts for an unknown meter, an empty or too long id, and when the grid has no kWh', () => {
    const h = createEnergyHarness();
    h.reverts(GRID, { method: 'system_meter_reading', meterId: 'nobody' }, 'unknown meter');
    const reason = (input: Uint8Array) => {
      const result = h.raw(GRID, 'system_meter_reading', input);
      return result.kind === 'reverted' ? result.reason : result.kind;
    };
    assert.equal(reason(new Uint8Array(0)), 'meter id must be 1-63 bytes');
    assert.equal(reason(new Uint8Array(64).fill(0x61)), 'meter id must be 1-63 bytes');
    assert.equal(reason(new Uint8Array(63).fill(0x61)), 'unknown meter');
    const h2 = createEnergyHarness();
    h2.ledger.setBalance(GRID, KWH, 99_999n);
    h2.ledger.setMeter(METER, meterView(ALICE, { exportedWh: 100_000n }));
    h2.reverts(GRID, { method: 'system_meter_reading', meterId: METER }, 'insufficient kWh');
  });
});
