// The plain-TypeScript ceiling of bench/contracts does what the energy contract does: the same
// sequence of settlements, offers and purchases (edge cases included) run through the Wasm host
// and through the ceiling, on two fresh ledgers, gives the same results, outputs, events,
// balances and storage, call by call.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CeilingCall, CeilingMethod } from '../../../bench/contracts/energy-ceiling.ts';
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
} from '../../../bench/contracts/energy-community.ts';
import type { Allowance } from '../../../light-client/contracts/host-types.ts';

const HOUSEHOLDS = 8;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const ascii = (bytes: Uint8Array): string => Buffer.from(bytes).toString('latin1');
const u64s = (...values: bigint[]): Uint8Array => {
  const bytes = new Uint8Array(8 * values.length);
  for (const [i, v] of values.entries()) new DataView(bytes.buffer).setBigUint64(8 * i, v, true);
  return bytes;
};
const cny = (owner: number, amount: bigint): Allowance => ({
  owner: household(owner),
  asset: CNY,
  amount,
});
const escrow = (owner: number, amount: bigint): Allowance => ({
  owner: household(owner),
  asset: KWH,
  amount,
  to: CONTRACT,
});

/** One call of the script, made for the community it runs in; `expect` is `kind:topics`. */
type Step = { expect: string; make(c: Community): [CeilingMethod, CeilingCall] };

const reading = (i: number, exportWh: bigint, importWh: bigint, expect: string): Step => ({
  expect,
  make: (c) => ['system_meter_reading', nextReading(c, i, exportWh, importWh)],
});
const post = (seller: number, wh: bigint, price: bigint, expect: string): Step => ({
  expect,
  make: (c) => [
    'post_offer',
    householdCall(c, household(seller), u64s(wh, price), [escrow(seller, wh)]),
  ],
});
const buy = (
  buyer: Uint8Array,
  input: Uint8Array,
  allowances: Allowance[],
  expect: string,
): Step => ({ expect, make: (c) => ['buy_offer', householdCall(c, buyer, input, allowances)] });
const raw = (method: CeilingMethod, input: Uint8Array, expect: string): Step => ({
  expect,
  make: (c) => [method, householdCall(c, GRID, input, [])],
});

/** Balances set before the script (on both ledgers): 1 and 6 have no kWh, 7 no CNY. */
function prepare(c: Community): void {
  c.ledger.setBalance(household(0), KWH, 5_000n);
  c.ledger.setBalance(household(1), KWH, 0n);
  c.ledger.setBalance(household(2), KWH, 1_000_000n);
  c.ledger.setBalance(household(6), KWH, 0n);
  c.ledger.setBalance(household(7), CNY, 0n);
  (c.meters[3] as { triggerWh: bigint }).triggerWh = 5_000n;
}

const SCRIPT: Step[] = [
  reading(0, 10_000n, 2_000n, 'ok:'),
  reading(0, 95_000n, 4_000n, 'ok:triggered_trade'),
  reading(1, 0n, 3_000n, 'ok:supply_cut'),
  reading(1, 0n, 1_000n, 'ok:'),
  reading(1, 250_000n, 500n, 'ok:triggered_trade,supply_restored'),
  reading(2, 0n, 1_000_000n, 'ok:supply_cut'),
  reading(3, 12_000n, 0n, 'ok:triggered_trade'),
  reading(0, 0n, 0n, 'ok:'),
  reading(0, 0n, 1_000n, 'ok:'),
  raw('system_meter_reading', new TextEncoder().encode('meter-9999'), 'reverted:unknown meter'),
  raw(
    'system_meter_reading',
    new Uint8Array(64).fill(0x61),
    'reverted:meter id must be 1-63 bytes',
  ),
  raw('system_meter_reading', new Uint8Array([0x6d, 0xff]), 'reverted:unknown meter'),
  post(4, 10_000n, 45n, 'ok:offer_posted'),
  post(5, 2_000n, 60n, 'ok:offer_posted'),
  post(4, 10_000n, 39n, 'reverted:price below the feed-in tariff'),
  post(4, 0n, 45n, 'reverted:amount must be positive'),
  buy(household(5), u64s(1n, 3_333n), [cny(5, 1_000n)], 'ok:trade'),
  buy(household(6), u64s(1n, 1_000n), [cny(6, 1_000n)], 'ok:trade,supply_restored'),
  buy(
    household(5),
    u64s(1n, 9_000n),
    [cny(5, 1_000n)],
    'reverted:amount exceeds what the offer has left',
  ),
  buy(
    household(4),
    u64s(1n, 10n),
    [cny(4, 1_000n)],
    'reverted:the seller may not buy its own offer',
  ),
  buy(household(3), u64s(1n, 10n), [], 'reverted:CNY transfer not authorised'),
  buy(household(7), u64s(1n, 10n), [cny(7, 1_000n)], 'reverted:insufficient CNY'),
  buy(household(3), u64s(1n, 5_667n), [cny(3, 1_000n)], 'ok:trade'),
  buy(household(3), u64s(1n, 1n), [cny(3, 1_000n)], 'reverted:no such offer'),
  buy(GRID, u64s(2n, 700n), [{ owner: GRID, asset: CNY, amount: 100n }], 'ok:trade'),
  buy(household(3), u64s(2n, 0n), [cny(3, 1_000n)], 'reverted:amount must be positive'),
  buy(household(3), u64s(2n), [cny(3, 1_000n)], 'reverted:bad input: too short'),
  buy(household(3), u64s(2n, 1n, 1n), [cny(3, 1_000n)], 'reverted:bad input: too long'),
  buy(household(3), u64s(2n, 1_300n), [cny(3, 1_000n)], 'ok:trade'),
  post(4, 3_000n, 40n, 'ok:offer_posted'),
];

const summary = (result: EngineResult) => ({
  kind: result.kind,
  reason: result.reason ?? '',
  output: hex(result.output),
  events: result.events.map((e) => `${ascii(e.topic)} ${hex(e.data)}`),
});

function snapshot(c: Community): unknown {
  const accounts = [GRID, CONTRACT, ...Array.from({ length: HOUSEHOLDS }, (_, i) => household(i))];
  return {
    storage: [...c.ledger.storage.entries()].map(([k, v]) => `${k}=${hex(v)}`).sort(),
    balances: accounts.map((a) => [c.ledger.balanceOf(a, KWH), c.ledger.balanceOf(a, CNY)]),
  };
}

function community(): Community {
  const c = createCommunity({
    households: HOUSEHOLDS,
    householdWh: 1_000_000n,
    householdFen: 1_000_000n,
    gridWh: 10_000_000_000n,
    gridFen: 1_000_000_000n,
  });
  prepare(c);
  return c;
}

describe('bench/contracts plain-TypeScript ceiling', () => {
  it('settles, posts and buys exactly as the energy contract does', () => {
    const engines: [Engine, Community][] = [
      [wasmEngine(), community()],
      [ceilingEngine, community()],
    ];
    for (const [n, step] of SCRIPT.entries()) {
      const [wasm, ceiling] = engines.map(([engine, c]) => {
        const [method, call] = step.make(c);
        return summary(engine.invoke(method, call));
      }) as [ReturnType<typeof summary>, ReturnType<typeof summary>];
      const got =
        wasm.kind === 'ok'
          ? `ok:${wasm.events.map((e) => e.split(' ')[0]).join(',')}`
          : `${wasm.kind}:${wasm.reason}`;
      assert.equal(got, step.expect, `step ${n}: the contract did not do what the script says`);
      assert.deepEqual(ceiling, wasm, `step ${n} (${step.expect}): the ceiling differs`);
      assert.deepEqual(
        snapshot(engines[1]?.[1] as Community),
        snapshot(engines[0]?.[1] as Community),
        `step ${n} (${step.expect}): balances or storage differ`,
      );
    }
  });
});
