// The community bench/contracts runs the energy contract in, and the two engines it runs it on:
// the Wasm host (`invokeContract` on the instrumented contract compiled once, as the ledger runs
// it) and the plain-TypeScript ceiling (energy-ceiling.ts). A community is a memory
// ledger with the grid's funds, the contract's account and households with kWh and CNY, each
// with a registered meter; `init` has run. Meters advance as the ledger advances them before it
// settles a reading (node/ledger/operations/meters.ts), and their settlements carry the same
// allowance the ledger gives (the household's kWh, up to the import, to the meter's grid).
import { encodeEnergyCall, energyContractWasm } from '../../light-client/contracts/energy/index.ts';
import { invokeContract, prepareContract } from '../../light-client/contracts/host.ts';
import type {
  Allowance,
  AssetRef,
  ContractEvent,
  MeterView,
} from '../../light-client/contracts/host-types.ts';
import {
  createMemoryLedger,
  type MemoryLedger,
} from '../../light-client/contracts/memory-ledger.ts';
import { type CeilingCall, type CeilingMethod, invokeCeiling } from './energy-ceiling.ts';

/** A 23-byte address `a0 01 <tag> 0 ... 0 <n, u32 big-endian>` (the host checks no checksum). */
function address(tag: number, n: number): Uint8Array {
  const bytes = new Uint8Array(23);
  bytes[0] = 0xa0;
  bytes[1] = 0x01;
  bytes[2] = tag;
  new DataView(bytes.buffer).setUint32(19, n);
  return bytes;
}

export const GRID = address(0x47, 1);
export const CONTRACT = address(0x43, 1);
export const household = (i: number): Uint8Array => address(0x48, i);
export const meterId = (i: number): string => `meter-${String(i).padStart(4, '0')}`;
export const KWH: AssetRef = { issuer: GRID, code: 'kWh' };
export const CNY: AssetRef = { issuer: GRID, code: 'CNY' };
/** Gas of every call: the ledger's METER_SETTLEMENT_GAS; far above what any call here uses. */
export const GAS_LIMIT = 1_000_000n;
const TIME_MS = 1_700_000_000_000n;

/** What one call of either engine returned (gas only from the Wasm host). */
export type EngineResult = {
  kind: 'ok' | 'reverted' | 'trap' | 'out_of_gas';
  output: Uint8Array;
  events: ContractEvent[];
  reason?: string;
  gasUsed?: bigint;
};

/** Runs one method of the energy contract against a ledger. */
export type Engine = {
  name: string;
  invoke(method: CeilingMethod | 'init', call: CeilingCall): EngineResult;
};

let compiled: WebAssembly.Module | undefined;

/** The energy contract, validated, instrumented and compiled once (the node's module cache). */
export function energyModule(): WebAssembly.Module {
  compiled ??= new WebAssembly.Module(
    prepareContract(energyContractWasm()) as Uint8Array<ArrayBuffer>,
  );
  return compiled;
}

export function wasmEngine(): Engine {
  const module = energyModule();
  return {
    name: 'Wasm host',
    invoke(method, call) {
      const result = invokeContract({
        module,
        entry: method,
        input: call.input,
        caller: call.caller,
        self: call.self,
        height: 1n,
        timeMs: TIME_MS,
        gasLimit: GAS_LIMIT,
        treasury: call.treasury,
        allowances: call.allowances,
        ledger: call.ledger,
      });
      const reason =
        result.kind === 'reverted' ? result.reason : result.kind === 'trap' ? result.message : '';
      return { ...result, reason };
    },
  };
}

export const ceilingEngine: Engine = {
  name: 'plain TypeScript',
  invoke(method, call) {
    if (method === 'init') throw new Error('the ceiling has no init: use the Wasm host');
    const result = invokeCeiling(method, call);
    const reason =
      result.kind === 'reverted' ? result.reason : result.kind === 'trap' ? result.message : '';
    return { ...result, reason };
  },
};

export type Community = {
  ledger: MemoryLedger;
  households: number;
  /** The meter views in the ledger (advanced in place by `nextReading`). */
  meters: MeterView[];
  /** Each meter id in UTF-8: the input of its settlement. */
  meterInputs: Uint8Array[];
};

export type CommunityOptions = {
  households: number;
  /** kWh (Wh) and CNY (fen) each household starts with. */
  householdWh: bigint;
  householdFen: bigint;
  /** kWh (Wh) and CNY (fen) the grid starts with. */
  gridWh: bigint;
  gridFen: bigint;
};

/** A fresh community with every account, meter and the contract's configuration (`init`). */
export function createCommunity(options: CommunityOptions): Community {
  const ledger = createMemoryLedger();
  ledger.setBalance(GRID, KWH, options.gridWh);
  ledger.setBalance(GRID, CNY, options.gridFen);
  ledger.createAccount(CONTRACT);
  const meters: MeterView[] = [];
  const meterInputs: Uint8Array[] = [];
  for (let i = 0; i < options.households; i++) {
    const h = household(i);
    if (options.householdWh > 0n) ledger.setBalance(h, KWH, options.householdWh);
    else ledger.createAccount(h);
    if (options.householdFen > 0n) ledger.setBalance(h, CNY, options.householdFen);
    const meter: MeterView = {
      household: h,
      grid: GRID,
      triggerWh: 0n,
      sequence: 0n,
      timeMs: TIME_MS,
      exportedWh: 0n,
      importedWh: 0n,
      previousImportedWh: 0n,
    };
    ledger.setMeter(meterId(i), meter);
    meters.push(meter);
    meterInputs.push(new TextEncoder().encode(meterId(i)));
  }
  const init = encodeEnergyCall({ method: 'init', grid: GRID });
  const result = wasmEngine().invoke('init', {
    input: init.input,
    caller: GRID,
    self: CONTRACT,
    ledger,
  });
  if (result.kind !== 'ok')
    throw new Error(`energy contract init: ${result.kind} ${result.reason}`);
  return { ledger, households: options.households, meters, meterInputs };
}

/**
 * Advances meter `i` by one reading (the ledger's work before settling it) and returns the
 * settlement call: sequence + 1, 15 minutes on, `exportWh` more exported, `importWh` more
 * imported, and an allowance for the import when there is one.
 */
export function nextReading(
  community: Community,
  i: number,
  exportWh: bigint,
  importWh: bigint,
): CeilingCall {
  const meter = community.meters[i] as MeterView;
  meter.sequence += 1n;
  meter.timeMs += 900_000n;
  meter.previousImportedWh = meter.importedWh;
  meter.exportedWh += exportWh;
  meter.importedWh += importWh;
  const allowances: Allowance[] =
    importWh > 0n ? [{ owner: meter.household, asset: KWH, amount: importWh, to: meter.grid }] : [];
  return {
    input: community.meterInputs[i] as Uint8Array,
    caller: GRID,
    self: CONTRACT,
    treasury: GRID,
    allowances,
    ledger: community.ledger,
  };
}

/** A call of `buyer` with these allowances, treasury the grid, as CALL_CONTRACT makes it. */
export function householdCall(
  community: Community,
  caller: Uint8Array,
  input: Uint8Array,
  allowances: Allowance[],
): CeilingCall {
  return { input, caller, self: CONTRACT, treasury: GRID, allowances, ledger: community.ledger };
}
