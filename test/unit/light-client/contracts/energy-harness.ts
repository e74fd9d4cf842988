// Runs the energy contract through the contract host against a map-backed ledger that rolls a
// failed call back (as the real ledger does), with a grid, the contract and three households.
import assert from 'node:assert/strict';
import {
  decodeEnergyEvent,
  type EnergyCall,
  type EnergyEvent,
  encodeEnergyCall,
  energyContractWasm,
} from '../../../../light-client/contracts/energy/index.ts';
import {
  type Allowance,
  type AssetRef,
  type ContractLedger,
  createMemoryLedger,
  type InvocationResult,
  invokeContract,
  type MemoryLedger,
  type MeterView,
  prepareContract,
  TransferStatus,
} from '../../../../light-client/contracts/index.ts';

/** A 23-byte address `a0 01 n n ... n` (the host does not check the checksum). */
export const address = (n: number): Uint8Array => {
  const bytes = new Uint8Array(23).fill(n);
  bytes[0] = 0xa0;
  bytes[1] = 0x01;
  return bytes;
};

export const GRID = address(1);
export const CONTRACT = address(2);
export const ALICE = address(3);
export const BOB = address(4);
export const CAROL = address(5);
export const KWH: AssetRef = { issuer: GRID, code: 'kWh' };
export const CNY: AssetRef = { issuer: GRID, code: 'CNY' };

/** What the grid holds at the start: 10,000,000 kWh and 10,000,000 CNY. */
export const GRID_WH = 10_000_000_000n;
export const GRID_FEN = 1_000_000_000n;
/** The gas of every call in these tests; each must stay well under it. */
export const GAS_LIMIT = 1_000_000n;

const compiled = new WebAssembly.Module(
  prepareContract(energyContractWasm()) as Uint8Array<ArrayBuffer>,
);

export type CallResult = InvocationResult & { decoded: EnergyEvent[] };

export type EnergyHarness = {
  ledger: MemoryLedger;
  /** Calls as `caller` with these allowances; a failed call leaves the ledger as it was. */
  call(caller: Uint8Array, call: EnergyCall, allowances?: readonly Allowance[]): CallResult;
  /** Calls an export with raw input bytes (for inputs the codec refuses to encode). */
  raw(caller: Uint8Array, entry: string, input: Uint8Array): CallResult;
  /** Like `call`, asserting the call ended ok. */
  ok(caller: Uint8Array, call: EnergyCall, allowances?: readonly Allowance[]): CallResult;
  /** Like `call`, asserting it reverted with exactly this reason (and changed nothing). */
  reverts(
    caller: Uint8Array,
    call: EnergyCall,
    reason: string,
    allowances?: readonly Allowance[],
  ): void;
  balance(account: Uint8Array, asset: AssetRef): bigint;
  /** The ledger's call of `system_meter_reading` after it accepted a reading. */
  settle(meterId: string, meter: MeterView): CallResult;
};

/** An allowance of `amount` of `asset` from `owner`, optionally only to `to`. */
export const allow = (
  owner: Uint8Array,
  asset: AssetRef,
  amount: bigint,
  to?: Uint8Array,
): Allowance => (to ? { owner, asset, amount, to } : { owner, asset, amount });

/** A ledger that journals transfers and storage writes and can undo them. */
function journaled(ledger: MemoryLedger): { ledger: ContractLedger; rollback(): void } {
  let undo: (() => void)[] = [];
  const wrapped: ContractLedger = {
    balanceOf: (account, asset) => ledger.balanceOf(account, asset),
    meter: (id) => ledger.meter(id),
    storageRead: (key) => ledger.storageRead(key),
    transfer(from, asset, to, amount) {
      const status = ledger.transfer(from, asset, to, amount);
      if (status === TransferStatus.OK) undo.push(() => ledger.transfer(to, asset, from, amount));
      return status;
    },
    storageWrite(key, value) {
      const old = ledger.storageRead(key);
      undo.push(() => (old ? ledger.storageWrite(key, old) : ledger.storageDelete(key)));
      ledger.storageWrite(key, value);
    },
    storageDelete(key) {
      const old = ledger.storageRead(key);
      if (old) undo.push(() => ledger.storageWrite(key, old));
      ledger.storageDelete(key);
    },
  };
  return {
    ledger: wrapped,
    rollback() {
      for (const step of undo.reverse()) step();
      undo = [];
    },
  };
}

/** A ledger with the grid's funds, the contract's account and three households with nothing. */
export function createEnergyHarness(options: { init?: boolean } = {}): EnergyHarness {
  const ledger = createMemoryLedger();
  ledger.setBalance(GRID, KWH, GRID_WH);
  ledger.setBalance(GRID, CNY, GRID_FEN);
  ledger.createAccount(CONTRACT);
  for (const household of [ALICE, BOB, CAROL]) ledger.createAccount(household);

  const raw = (
    caller: Uint8Array,
    entry: string,
    input: Uint8Array,
    allowances: readonly Allowance[] = [],
  ): CallResult => {
    const journal = journaled(ledger);
    const result = invokeContract({
      module: compiled,
      entry,
      input,
      caller,
      self: CONTRACT,
      height: 1n,
      timeMs: 1_700_000_000_000n,
      gasLimit: GAS_LIMIT,
      treasury: GRID,
      allowances,
      ledger: journal.ledger,
    });
    if (result.kind !== 'ok') journal.rollback();
    return { ...result, decoded: result.events.map(decodeEnergyEvent) };
  };
  const call = (
    caller: Uint8Array,
    energyCall: EnergyCall,
    allowances: readonly Allowance[] = [],
  ): CallResult => {
    const { entry, input } = encodeEnergyCall(energyCall);
    return raw(caller, entry, input, allowances);
  };

  const harness: EnergyHarness = {
    ledger,
    call,
    raw: (caller, entry, input) => raw(caller, entry, input),
    ok(caller, energyCall, allowances) {
      const result = call(caller, energyCall, allowances);
      assert.equal(result.kind, 'ok', `${energyCall.method}: ${JSON.stringify(result, json)}`);
      assert.ok(result.gasUsed < GAS_LIMIT / 4n, `${energyCall.method} used ${result.gasUsed} gas`);
      return result;
    },
    reverts(caller, energyCall, reason, allowances) {
      const before = snapshot(ledger);
      const result = call(caller, energyCall, allowances);
      assert.deepEqual(
        result.kind === 'reverted' ? result.reason : result,
        reason,
        `${energyCall.method} should revert`,
      );
      assert.deepEqual(snapshot(ledger), before, 'a reverted call changes nothing');
    },
    balance: (account, asset) => ledger.balanceOf(account, asset),
    settle(meterId, meter) {
      ledger.setMeter(meterId, meter);
      const delta = meter.importedWh - meter.previousImportedWh;
      // As the ledger does: the import, in the kWh of the meter's grid, to that grid.
      const kwh = { issuer: meter.grid, code: 'kWh' };
      const allowances = delta > 0n ? [allow(meter.household, kwh, delta, meter.grid)] : [];
      return call(GRID, { method: 'system_meter_reading', meterId }, allowances);
    },
  };
  if (options.init ?? true) harness.ok(GRID, { method: 'init', grid: GRID });
  return harness;
}

/** Storage and every balance the tests use, to compare before and after a call. */
function snapshot(ledger: MemoryLedger): unknown {
  const accounts = [GRID, CONTRACT, ALICE, BOB, CAROL];
  return {
    storage: [...ledger.storage.entries()].sort(),
    balances: accounts.flatMap((a) => [ledger.balanceOf(a, KWH), ledger.balanceOf(a, CNY)]),
  };
}

function json(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? `${value}n` : value;
}

/** A meter of `household` registered by the grid, with these registers. */
export function meterView(
  household: Uint8Array,
  registers: {
    sequence?: bigint;
    exportedWh?: bigint;
    importedWh?: bigint;
    previousImportedWh?: bigint;
    triggerWh?: bigint;
  },
): MeterView {
  return {
    household,
    grid: GRID,
    triggerWh: registers.triggerWh ?? 0n,
    sequence: registers.sequence ?? 1n,
    timeMs: 1_700_000_000_000n,
    exportedWh: registers.exportedWh ?? 0n,
    importedWh: registers.importedWh ?? 0n,
    previousImportedWh: registers.previousImportedWh ?? 0n,
  };
}
