// The energy contract on any host: the same calls give the same results, gas, events and final
// state in Node and in Chromium (test/unit/light-client/contracts/energy-shared.test.ts and
// test/browser/energy-contract.test.ts). The figures are pinned: a host that computes anything
// else - one more unit of gas, one other byte - fails.
import { sha256 } from '../../assembly/bindings/crypto.ts';
import {
  type EnergyCall,
  encodeEnergyCall,
  energyContractWasm,
} from '../../light-client/contracts/energy/index.ts';
import {
  type AssetRef,
  createMemoryLedger,
  invokeContract,
  type MeterView,
  prepareContract,
} from '../../light-client/contracts/index.ts';
import { checkEqual } from './check.ts';
import type { TestCase } from './hash-suite.ts';

const addr = (n: number): Uint8Array => new Uint8Array(23).fill(n);
const CONTRACT = addr(1);
const GRID = addr(2);
const ALICE = addr(3);
const BOB = addr(4);
const KWH: AssetRef = { issuer: GRID, code: 'kWh' };
const CNY: AssetRef = { issuer: GRID, code: 'CNY' };

/** What every host must compute for the session below (gas of each call, then a state digest). */
export const ENERGY_SESSION_RESULT = `init=ok:7014::
buy_from_grid=ok:9289:e803000000000000:grid_sale:0303030303030303030303030303030303030303030303204e000000000000e803000000000000,supply_restored:0303030303030303030303030303030303030303030303
post_offer=ok:12540:0100000000000000:offer_posted:0100000000000000030303030303030303030303030303030303030303030388130000000000002d00000000000000
buy_offer=ok:15133:5a000000000000000a00000000000000:trade:010000000000000003030303030303030303030303030303030303030303030404040404040404040404040404040404040404040404d0070000000000005a000000000000000a00000000000000,supply_restored:0404040404040404040404040404040404040404040404
system_meter_reading=ok:3026::
system_meter_reading=ok:8429::triggered_trade:0303030303030303030303030303030303030303030303a08601000000000001000000000000004d54522d41
system_meter_reading=ok:8551::triggered_trade:0303030303030303030303030303030303030303030303a08601000000000001000000000000004d54522d41
balances=9999820000,1000001010,175000,99090,2000,99900,3000,0
storage=3f41a6b2739f1a0c476df0bc8c35a823db49c77d3509428b9564f1f8dcd1f182`;

const hex = (bytes: Uint8Array) =>
  Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

/** A short market session: init, a purchase from the grid, an offer bought in part, meter readings. */
export function runEnergySession(): string {
  const module = new WebAssembly.Module(prepareContract(energyContractWasm()));
  const ledger = createMemoryLedger();
  ledger.createAccount(CONTRACT);
  ledger.setBalance(GRID, KWH, 10_000_000_000n);
  ledger.setBalance(GRID, CNY, 1_000_000_000n);
  ledger.setBalance(ALICE, CNY, 100_000n);
  ledger.setBalance(BOB, CNY, 100_000n);
  const lines: string[] = [];
  const run = (
    caller: Uint8Array,
    call: EnergyCall,
    allowances: { asset: AssetRef; amount: bigint; owner?: Uint8Array; to?: Uint8Array }[] = [],
  ) => {
    const { entry, input } = encodeEnergyCall(call);
    const result = invokeContract({
      module,
      entry,
      input,
      caller,
      self: CONTRACT,
      height: 7n,
      timeMs: 1_732_400_000_000n,
      gasLimit: 1_000_000n,
      treasury: GRID,
      allowances: allowances.map((a) => ({ ...a, owner: a.owner ?? caller })),
      ledger,
    });
    const events = result.events.map((e) => `${new TextDecoder().decode(e.topic)}:${hex(e.data)}`);
    lines.push(
      `${entry}=${result.kind}:${result.gasUsed}:${hex(result.output)}:${events.join(',')}`,
    );
  };
  const meter = (
    exportedWh: bigint,
    importedWh: bigint,
    previousImportedWh: bigint,
    sequence: bigint,
  ): MeterView => ({
    household: ALICE,
    grid: GRID,
    triggerWh: 0n,
    sequence,
    timeMs: 1_732_400_000_000n + sequence,
    exportedWh,
    importedWh,
    previousImportedWh,
  });
  run(GRID, { method: 'init', grid: GRID });
  run(ALICE, { method: 'buy_from_grid', amountWh: 20_000n }, [{ asset: CNY, amount: 1_000n }]);
  run(ALICE, { method: 'post_offer', amountWh: 5_000n, priceFenPerKwh: 45n }, [
    { asset: KWH, amount: 5_000n },
  ]);
  run(BOB, { method: 'buy_offer', offerId: 1n, amountWh: 2_000n }, [
    { asset: CNY, amount: 1_000n },
  ]);
  for (const [i, [exported, imported, previous]] of [
    [60_000n, 1_000n, 0n],
    [130_000n, 3_000n, 1_000n],
    [250_000n, 40_000n, 3_000n],
  ].entries()) {
    ledger.setMeter(
      'MTR-A',
      meter(exported as bigint, imported as bigint, previous as bigint, BigInt(i + 1)),
    );
    run(GRID, { method: 'system_meter_reading', meterId: 'MTR-A' }, [
      { asset: KWH, amount: (imported as bigint) - (previous as bigint), owner: ALICE, to: GRID },
    ]);
  }
  const balances = [GRID, ALICE, BOB, CONTRACT].flatMap((a) => [
    ledger.balanceOf(a, KWH),
    ledger.balanceOf(a, CNY),
  ]);
  const storage = [...ledger.storage]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${hex(v)}`);
  lines.push(`balances=${balances.join(',')}`);
  lines.push(`storage=${hex(sha256(new TextEncoder().encode(storage.join(';'))))}`);
  return lines.join('\n');
}

export function createEnergyContractSuite(): TestCase[] {
  return [
    {
      name: 'a market session gives the pinned results, gas and state on this host',
      async run() {
        const first = runEnergySession();
        checkEqual(runEnergySession(), first, 'a second run on the same host');
        checkEqual(first, ENERGY_SESSION_RESULT, 'the session every host computes');
      },
    },
  ];
}
