// bench/contracts: the energy contract's two hot calls through the Wasm host, meter readings
// settled (`system_meter_reading`) and neighbour purchases (`buy_offer`), beside the same logic as
// plain TypeScript (energy-ceiling.ts: same storage, transfers and events over the same
// ContractLedger, no Wasm: our ceiling) and beside @ethereumjs/evm running an ERC-20 transfer
// compiled by solc (contracts/evm-erc20.ts). All five subjects in one run, rounds interleaved,
// medians; every call runs against a memory ledger (light-client/contracts/memory-ledger.ts).
//
// Settlements: 500 households, one meter each, read in turn; each reading exports 10,000 Wh
// (every 10th reading of a meter crosses the 100 kWh trigger: a triggered trade and its event)
// and imports 2,000 Wh, debited from the household's kWh under the ledger's allowance. The meter
// view is advanced inside the timed call, as the ledger does before it settles a reading.
// Purchases: 50 sellers' offers of 1,000,000 Wh at 45 fen/kWh, bought 500 Wh at a time by the
// other 450 households in turn (seller paid, grid fee paid, Wh delivered from escrow). An offer
// runs out after 2,000 purchases (its record deleted) and its seller posts a new one at once,
// inside the timed region: that post's time counts, but it does not count as a purchase.

import type { CeilingCall } from './contracts/energy-ceiling.ts';
import {
  CNY,
  CONTRACT,
  type Community,
  ceilingEngine,
  createCommunity,
  type Engine,
  type EngineResult,
  GRID,
  household,
  householdCall,
  KWH,
  nextReading,
  wasmEngine,
} from './contracts/energy-community.ts';
import { prepareErc20Peer } from './contracts/evm-erc20.ts';
import { type BenchOptions, measureRatesAsync, printTable, type Subject } from './measure.ts';

const HOUSEHOLDS = 500;
const EXPORT_WH = 10_000n;
const IMPORT_WH = 2_000n;
const TRIGGER_WH = 100_000n;
const SELLERS = 50;
const OFFER_WH = 1_000_000n;
const PRICE = 45n;
const PURCHASE_WH = 500n;
/** ceil(500 x 45 / 1000) to the seller and ceil(500 x 5 / 1000) to the grid, in fen. */
const PURCHASE_FEN = 23n;
const PURCHASE_FEE = 3n;

const TARGET_SETTLEMENTS = 20_000;
const TARGET_CEILING_RATIO = 0.5;
const TARGET_EVM_RATIO = 10;

const u64s = (...values: bigint[]): Uint8Array => {
  const bytes = new Uint8Array(8 * values.length);
  for (const [i, v] of values.entries()) new DataView(bytes.buffer).setBigUint64(8 * i, v, true);
  return bytes;
};
const topics = (result: EngineResult): string =>
  result.events.map((e) => new TextDecoder().decode(e.topic)).join(',');

function expectOk(engine: Engine, what: string, result: EngineResult): EngineResult {
  if (result.kind !== 'ok')
    throw new Error(`${engine.name} ${what} failed: ${result.kind} ${result.reason ?? ''}`);
  return result;
}

function community(): Community {
  return createCommunity({
    households: HOUSEHOLDS,
    householdWh: 1_000_000_000_000n,
    householdFen: 1_000_000_000_000n,
    gridWh: 10n ** 18n,
    gridFen: 10n ** 18n,
  });
}

/** The next ten readings of meter 0: nine debits, then one crossing the trigger. */
function meterCycle(engine: Engine, c: Community): EngineResult[] {
  const results: EngineResult[] = [];
  for (let reading = 1; reading <= 10; reading++) {
    const call = nextReading(c, 0, EXPORT_WH, IMPORT_WH);
    const result = expectOk(engine, 'settlement', engine.invoke('system_meter_reading', call));
    if (topics(result) !== (reading === 10 ? 'triggered_trade' : ''))
      throw new Error(`${engine.name} reading ${reading} emitted [${topics(result)}]`);
    results.push(result);
  }
  return results;
}

/** Meter readings settled in turn; `settle()` is one reading of the next meter. */
function settlements(engine: Engine) {
  const c = community();
  let next = 0;
  const settle = (): EngineResult => {
    const i = next;
    next = (next + 1) % HOUSEHOLDS;
    const call = nextReading(c, i, EXPORT_WH, IMPORT_WH);
    return expectOk(engine, 'settlement', engine.invoke('system_meter_reading', call));
  };
  // The first ten readings of the first meter, checked: 20,000 Wh debited, 100,000 credited.
  const h = household(0);
  const before = c.ledger.balanceOf(h, KWH);
  meterCycle(engine, c);
  const after = c.ledger.balanceOf(h, KWH);
  if (after !== before - 10n * IMPORT_WH + TRIGGER_WH)
    throw new Error(`${engine.name} settlements moved ${after - before} Wh, not 80,000`);
  /** Gas of a full cycle of meter 0 (its settlement record written by now). */
  const cycleGas = (): bigint[] => {
    for (let reading = 0; reading < 10; reading++) {
      const call = nextReading(c, 0, EXPORT_WH, IMPORT_WH);
      const result = expectOk(engine, 'settlement', engine.invoke('system_meter_reading', call));
      if (topics(result) !== '') break; // the end of a cycle: the next one starts afresh
    }
    return meterCycle(engine, c).map((r) => r.gasUsed ?? 0n);
  };
  return { settle, cycleGas };
}

/** Purchases in turn from the sellers' offers; `buy()` is one purchase (and maybe one post). */
function purchases(engine: Engine) {
  const c = community();
  const offerIds: bigint[] = [];
  const left: bigint[] = [];
  const post = (slot: number): EngineResult => {
    const seller = slot;
    const call = householdCall(c, household(seller), u64s(OFFER_WH, PRICE), [
      { owner: household(seller), asset: KWH, amount: OFFER_WH, to: CONTRACT },
    ]);
    const result = expectOk(engine, 'post_offer', engine.invoke('post_offer', call));
    offerIds[slot] = new DataView(result.output.buffer, result.output.byteOffset).getBigUint64(
      0,
      true,
    );
    left[slot] = OFFER_WH;
    return result;
  };
  for (let slot = 0; slot < SELLERS; slot++) post(slot);
  let next = 0;
  const purchase = (): { call: CeilingCall; slot: number } => {
    const slot = next % SELLERS;
    const buyer = household(SELLERS + (next % (HOUSEHOLDS - SELLERS)));
    next++;
    const input = u64s(offerIds[slot] as bigint, PURCHASE_WH);
    const allowance = { owner: buyer, asset: CNY, amount: PURCHASE_FEN + PURCHASE_FEE };
    return { call: householdCall(c, buyer, input, [allowance]), slot };
  };
  const buy = (): EngineResult => {
    const { call, slot } = purchase();
    const result = expectOk(engine, 'purchase', engine.invoke('buy_offer', call));
    left[slot] = (left[slot] as bigint) - PURCHASE_WH;
    if (left[slot] === 0n) post(slot);
    return result;
  };
  // The first purchase, checked: seller and grid paid, buyer charged, Wh delivered.
  const { call, slot } = purchase();
  const seller = household(slot);
  const buyer = call.caller;
  const balances = () => [
    c.ledger.balanceOf(seller, CNY),
    c.ledger.balanceOf(GRID, CNY),
    c.ledger.balanceOf(buyer, CNY),
    c.ledger.balanceOf(buyer, KWH),
  ];
  const before = balances();
  const first = expectOk(engine, 'purchase', engine.invoke('buy_offer', call));
  left[slot] = (left[slot] as bigint) - PURCHASE_WH;
  const moved = balances().map((b, i) => b - (before[i] as bigint));
  const expected = [PURCHASE_FEN, PURCHASE_FEE, -(PURCHASE_FEN + PURCHASE_FEE), PURCHASE_WH];
  if (moved.join() !== expected.join() || topics(first) !== 'trade')
    throw new Error(`${engine.name} purchase moved [${moved}], emitted [${topics(first)}]`);
  return { buy, gas: () => buy().gasUsed ?? 0n };
}

const perSecond = (rate: number): string => `${Math.round(rate).toLocaleString('en-US')}/s`;
const ratio = (x: number): string => `${x.toFixed(2)}x`;
const met = (ok: boolean): string => (ok ? 'met' : 'MISSED');

export async function benchContracts(options: BenchOptions): Promise<string[][]> {
  const wasm = wasmEngine();
  const wasmSettle = settlements(wasm);
  const tsSettle = settlements(ceilingEngine);
  const wasmBuy = purchases(wasm);
  const tsBuy = purchases(ceilingEngine);
  const evm = await prepareErc20Peer({ state: 'simple', recipients: HOUSEHOLDS });
  const evmName = `@ethereumjs/evm ${evm.versions.evm} ERC-20 transfer (${evm.versions.solc.split('+')[0]}, simple state)`;

  const subjects: Subject[] = [
    { name: 'settle-wasm', units: 1, run: wasmSettle.settle },
    { name: 'settle-ts', units: 1, run: tsSettle.settle },
    { name: 'buy-wasm', units: 1, run: wasmBuy.buy },
    { name: 'buy-ts', units: 1, run: tsBuy.buy },
    { name: 'evm', units: 1, run: () => evm.transfer() },
  ];
  const rates = await measureRatesAsync(subjects, options);
  const rate = (name: string): number => rates.get(name) as number;
  const settleWasm = rate('settle-wasm');
  const settleTs = rate('settle-ts');
  const buyWasm = rate('buy-wasm');
  const buyTs = rate('buy-ts');
  const evmRate = rate('evm');

  // Gas in the steady state, after the measurement: a meter with a settlement record, an offer
  // bought before, an ERC-20 recipient holding a balance already.
  const gas = wasmSettle.cycleGas();
  const plainGas = gas[0] as bigint;
  const triggerGas = gas[9] as bigint;
  const cycleGas = gas.reduce((a, b) => a + b, 0n) / BigInt(gas.length);
  const buyGas = wasmBuy.gas();
  const evmGas = (await evm.transferTo(evm.recipients[1] ?? evm.sender, 1n)).gasUsed;
  console.log(
    `\n### Contracts: the energy contract through the Wasm host, as plain TypeScript, and an ERC-20 on @ethereumjs/evm (${HOUSEHOLDS} households, memory ledger, one core)\n`,
  );
  printTable(
    ['figure', 'per second', 'ratio'],
    [
      ['meter settlements, Wasm host', perSecond(settleWasm), ''],
      ['meter settlements, plain TypeScript (ceiling)', perSecond(settleTs), ''],
      ['meter settlements, Wasm ÷ plain TypeScript', '', ratio(settleWasm / settleTs)],
      ['neighbour purchases, Wasm host', perSecond(buyWasm), ''],
      ['neighbour purchases, plain TypeScript (ceiling)', perSecond(buyTs), ''],
      ['neighbour purchases, Wasm ÷ plain TypeScript', '', ratio(buyWasm / buyTs)],
      [evmName, perSecond(evmRate), ''],
      ['meter settlements, Wasm ÷ EVM transfers', '', ratio(settleWasm / evmRate)],
      ['neighbour purchases, Wasm ÷ EVM transfers', '', ratio(buyWasm / evmRate)],
    ],
  );
  console.log('');
  printTable(
    ['call', 'gas'],
    [
      ['settlement, import debited', `${plainGas}`],
      ['settlement, import debited + triggered trade', `${triggerGas}`],
      ['settlement, mean over a meter’s 10-reading cycle', `${cycleGas}`],
      ['purchase (`buy_offer` of part of an offer)', `${buyGas}`],
      ['EVM ERC-20 transfer to a holder (execution gas, another schedule)', `${evmGas}`],
    ],
  );
  return [
    [
      'meter settlements/s, Wasm host, one core',
      perSecond(settleWasm),
      '',
      '',
      `>= ${perSecond(TARGET_SETTLEMENTS)} ${met(settleWasm >= TARGET_SETTLEMENTS)}`,
    ],
    [
      'meter settlements/s, Wasm host vs plain TypeScript',
      perSecond(settleWasm),
      `plain TypeScript: ${perSecond(settleTs)}`,
      ratio(settleWasm / settleTs),
      `>= ${TARGET_CEILING_RATIO}x ${met(settleWasm / settleTs >= TARGET_CEILING_RATIO)}`,
    ],
    [
      'neighbour purchases/s, Wasm host vs plain TypeScript',
      perSecond(buyWasm),
      `plain TypeScript: ${perSecond(buyTs)}`,
      ratio(buyWasm / buyTs),
      `>= ${TARGET_CEILING_RATIO}x ${met(buyWasm / buyTs >= TARGET_CEILING_RATIO)}`,
    ],
    [
      'meter settlements/s vs ERC-20 transfers/s',
      perSecond(settleWasm),
      `@ethereumjs/evm: ${perSecond(evmRate)}`,
      ratio(settleWasm / evmRate),
      `>= ${TARGET_EVM_RATIO}x ${met(settleWasm / evmRate >= TARGET_EVM_RATIO)}`,
    ],
    [
      'neighbour purchases/s vs ERC-20 transfers/s',
      perSecond(buyWasm),
      `@ethereumjs/evm: ${perSecond(evmRate)}`,
      ratio(buyWasm / evmRate),
      `>= ${TARGET_EVM_RATIO}x ${met(buyWasm / evmRate >= TARGET_EVM_RATIO)}`,
    ],
  ];
}
