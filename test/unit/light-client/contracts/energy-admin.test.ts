import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  decodeEnergyOutput,
  energyContractWasm,
} from '../../../../light-client/contracts/energy/index.ts';
import {
  CONTRACT_LIMITS,
  validateContractModule,
} from '../../../../light-client/contracts/index.ts';
import { ALICE, createEnergyHarness, GRID } from './energy-harness.ts';

describe('energy contract: module', () => {
  it('passes the host validation (host imports only, bounded memory, no floats or start)', () => {
    const info = validateContractModule(energyContractWasm(), CONTRACT_LIMITS);
    const methods = [...info.exports.keys()].filter((name) => name !== 'memory').sort();
    assert.deepEqual(methods, [
      'buy_from_grid',
      'buy_offer',
      'cancel_offer',
      'get_config',
      'get_offer',
      'init',
      'post_offer',
      'sell_to_grid',
      'set_feed_in_tariff',
      'set_grid_fee',
      'set_retail_tariff',
      'set_trigger',
      'system_meter_reading',
    ]);
    assert.ok(!info.sections.some((s) => s.id === 8), 'no start section');
  });
});

describe('energy contract: init and configuration', () => {
  it('stores the default configuration with the grid', () => {
    const h = createEnergyHarness();
    const config = decodeEnergyOutput('get_config', h.ok(ALICE, { method: 'get_config' }).output);
    assert.deepEqual(config, {
      grid: GRID,
      retailTariff: 50n,
      feedInTariff: 40n,
      gridFee: 5n,
      triggerWh: 100_000n,
    });
  });

  it('runs once', () => {
    const h = createEnergyHarness();
    h.reverts(GRID, { method: 'init', grid: ALICE }, 'already initialised');
    h.reverts(ALICE, { method: 'init', grid: ALICE }, 'already initialised');
  });

  it('refuses every method before init', () => {
    const h = createEnergyHarness({ init: false });
    h.reverts(ALICE, { method: 'get_config' }, 'not initialised');
    h.reverts(ALICE, { method: 'buy_from_grid', amountWh: 1n }, 'not initialised');
    h.reverts(GRID, { method: 'set_trigger', triggerWh: 5n }, 'not initialised');
  });

  it('refuses an input of the wrong size', () => {
    const h = createEnergyHarness({ init: false });
    const call = (entry: string, input: Uint8Array) => h.raw(GRID, entry, input);
    const short = call('init', new Uint8Array(22));
    assert.equal(short.kind === 'reverted' && short.reason, 'bad input: too short');
    const long = call('init', new Uint8Array(24));
    assert.equal(long.kind === 'reverted' && long.reason, 'bad input: too long');
    const initialised = createEnergyHarness();
    const extra = initialised.raw(ALICE, 'buy_offer', new Uint8Array(17));
    assert.equal(extra.kind === 'reverted' && extra.reason, 'bad input: too long');
    const missing = initialised.raw(ALICE, 'no_such_method', new Uint8Array(0));
    assert.equal(missing.kind, 'trap');
  });

  const settings = [
    ['set_retail_tariff', 'retail_tariff', 'retailTariff', 'set the retail tariff', 50n],
    ['set_feed_in_tariff', 'feed_in_tariff', 'feedInTariff', 'set the feed-in tariff', 40n],
    ['set_grid_fee', 'grid_fee', 'gridFee', 'set the grid fee', 5n],
    ['set_trigger', 'trigger', 'triggerWh', 'set the trigger', 100_000n],
  ] as const;
  for (const [method, topic, field, what, old] of settings) {
    it(`${method}: the grid changes it, with an event of the old and new value`, () => {
      const h = createEnergyHarness();
      const call =
        method === 'set_trigger' ? { method, triggerWh: 123n } : { method, fenPerKwh: 123n };
      const result = h.ok(GRID, call);
      assert.deepEqual(result.decoded, [{ type: topic, oldValue: old, newValue: 123n }]);
      const config = decodeEnergyOutput('get_config', h.ok(ALICE, { method: 'get_config' }).output);
      assert.equal(config[field], 123n);
      h.reverts(ALICE, call, `only the grid may ${what}`);
    });
  }

  it('set_trigger refuses 0; tariffs may be 0', () => {
    const h = createEnergyHarness();
    h.reverts(GRID, { method: 'set_trigger', triggerWh: 0n }, 'the trigger must be positive');
    h.ok(GRID, { method: 'set_grid_fee', fenPerKwh: 0n });
  });
});
