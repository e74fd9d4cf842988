// The operator view's figures: a household's row (its grid's kWh and CNY, PV when a meter has
// exported), the grid's totals adding up to the issue, and transactions per second of blocks.
import assert from 'node:assert/strict';
import { it } from 'node:test';
import type { GridAccount } from '../../../../web/src/operator/grid-feed.ts';
import { gridTotals, householdRow } from '../../../../web/src/operator/grid-totals.ts';
import { TpsMeter } from '../../../../web/src/operator/tps-meter.ts';

const GRID = 'a001grid';
const OTHER = 'a001other';
const reading = (exportedWh: string, importedWh: string) => ({
  sequence: '1',
  timeMs: '0',
  exportedWh,
  importedWh,
});

function account(address: string, kwh: string, cny: string, extra: Partial<GridAccount> = {}) {
  return {
    address,
    nonce: '0',
    role: 'household',
    realName: address,
    creator: GRID,
    supplyStatus: kwh === '0' ? 'suspended' : 'active',
    balances: [
      { issuer: GRID, code: 'kWh', amount: kwh },
      { issuer: GRID, code: 'CNY', amount: cny },
      { issuer: OTHER, code: 'kWh', amount: '999' },
    ],
    meters: [],
    ...extra,
  } satisfies GridAccount;
}

it("reads a household's row: its own grid's assets, PV only once a meter has exported", () => {
  const pv = account('a001pv', '100000', '2500', {
    meters: [
      { meterId: 'M-1', triggerWh: '0', lastReading: reading('7', '3') },
      { meterId: 'M-2', triggerWh: '0', lastReading: null },
    ],
  });
  assert.deepEqual(householdRow(pv, GRID), {
    address: 'a001pv',
    name: 'a001pv',
    pv: true,
    energyWh: 100_000n,
    moneyFen: 2500n,
    supply: 'active',
    meters: ['M-1', 'M-2'],
    exportedWh: 7n,
    importedWh: 3n,
  });
  const plain = account('a001plain', '0', '0', {
    meters: [{ meterId: 'M-3', triggerWh: '0', lastReading: reading('0', '50') }],
  });
  assert.equal(householdRow(plain, GRID).pv, false);
  assert.equal(householdRow(plain, GRID).energyWh, 0n);
});

it('adds the grid credit, the households and the escrow up to the energy issued', () => {
  const grid = { ...account(GRID, '9000', '100'), role: 'grid' };
  const contract = { ...account('a001contract', '500', '0'), role: 'contract' };
  const rows = [account('a', '300', '10'), account('b', '0', '20')].map((a) =>
    householdRow(a, GRID),
  );
  const totals = gridTotals(grid, contract, rows);
  assert.equal(totals.gridEnergyWh, 9000n);
  assert.equal(totals.householdsEnergyWh, 300n);
  assert.equal(totals.householdsMoneyFen, 30n);
  assert.equal(totals.escrowWh, 500n);
  assert.equal(totals.issuedWh, 9800n);
  assert.equal(totals.supplyOn, 1);
  assert.equal(totals.supplyCut, 1);
  assert.equal(gridTotals(null, null, []).issuedWh, 0n);
});

it('counts transactions per second over the block times after the first block', () => {
  const meter = new TpsMeter();
  assert.equal(meter.add(1000n, 50), null);
  assert.equal(meter.add(2000n, 10), 10);
  assert.equal(meter.add(3000n, 30), 20);
  for (let i = 0; i < 30; i++) meter.add(4000n + BigInt(i) * 1000n, 5);
  assert.equal(meter.add(34_000n, 5), 5); // the window keeps the last 20 blocks
});
