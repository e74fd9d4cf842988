// The operator's figures, from accounts as the API gives them: a household's row (its kWh and CNY
// of its grid, supply, meters, and whether it is a PV user) and the grid's totals. A household is
// a PV user when one of its meters has exported energy (the chain records no panels, only what
// the meters measure). The grid's energy is a fixed issue that only moves: its own credit, the
// households' balances and the offers' escrow (the energy contract's account) add up to it.
import type { GridAccount } from './grid-feed.ts';

export type HouseholdRow = {
  address: string;
  name: string;
  pv: boolean;
  energyWh: bigint;
  moneyFen: bigint;
  supply: string;
  meters: string[];
  exportedWh: bigint;
  importedWh: bigint;
};

export type GridTotals = {
  gridEnergyWh: bigint;
  gridMoneyFen: bigint;
  householdsEnergyWh: bigint;
  householdsMoneyFen: bigint;
  escrowWh: bigint;
  issuedWh: bigint;
  importedWh: bigint;
  exportedWh: bigint;
  supplyOn: number;
  supplyCut: number;
  households: number;
  pv: number;
};

/** The amount of (grid, code) an account holds. */
export function balanceOf(account: GridAccount | null | undefined, grid: string, code: string) {
  const balance = account?.balances.find((b) => b.issuer === grid && b.code === code);
  return BigInt(balance?.amount ?? '0');
}

export function householdRow(account: GridAccount, grid: string): HouseholdRow {
  let exportedWh = 0n;
  let importedWh = 0n;
  for (const meter of account.meters) {
    exportedWh += BigInt(meter.lastReading?.exportedWh ?? '0');
    importedWh += BigInt(meter.lastReading?.importedWh ?? '0');
  }
  return {
    address: account.address,
    name: account.realName,
    pv: exportedWh > 0n,
    energyWh: balanceOf(account, grid, 'kWh'),
    moneyFen: balanceOf(account, grid, 'CNY'),
    supply: account.supplyStatus,
    meters: account.meters.map((m) => m.meterId),
    exportedWh,
    importedWh,
  };
}

export function gridTotals(
  grid: GridAccount | null,
  contract: GridAccount | null,
  rows: readonly HouseholdRow[],
): GridTotals {
  const address = grid?.address ?? '';
  const sum = (pick: (r: HouseholdRow) => bigint) => rows.reduce((n, r) => n + pick(r), 0n);
  const gridEnergyWh = balanceOf(grid, address, 'kWh');
  const householdsEnergyWh = sum((r) => r.energyWh);
  const escrowWh = balanceOf(contract, address, 'kWh');
  return {
    gridEnergyWh,
    gridMoneyFen: balanceOf(grid, address, 'CNY'),
    householdsEnergyWh,
    householdsMoneyFen: sum((r) => r.moneyFen),
    escrowWh,
    issuedWh: gridEnergyWh + householdsEnergyWh + escrowWh,
    importedWh: sum((r) => r.importedWh),
    exportedWh: sum((r) => r.exportedWh),
    supplyOn: rows.filter((r) => r.supply === 'active').length,
    supplyCut: rows.filter((r) => r.supply === 'suspended').length,
    households: rows.length,
    pv: rows.filter((r) => r.pv).length,
  };
}
