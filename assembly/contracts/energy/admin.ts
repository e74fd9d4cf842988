// Deployment and the grid's settings: tariffs, the grid fee and the trigger amount.
import {
  caller,
  emit,
  input,
  output,
  Reader,
  revert,
  storageHas,
  storageSetU64,
  Writer,
} from '../../contract-sdk/index';
import { Config, configKey, loadConfig, nextOfferIdKey, requireGrid } from './config';

/**
 * `init` (the grid's 23-byte address): stores the configuration with the default tariffs (retail
 * 50, feed-in 40 fen per kWh), grid fee (5 fen per kWh traded), trigger (100,000 Wh), next
 * offer id 1. Runs once, at deployment; any later call reverts `already initialised`.
 */
export function init(): void {
  if (storageHas(configKey())) revert('already initialised');
  const r = new Reader(input());
  const grid = r.address();
  r.end();
  Config.withDefaults(grid).save();
  storageSetU64(nextOfferIdKey(), 1);
}

/** `get_config`: outputs the configuration record (55 bytes, config.ts). */
export function get_config(): void {
  output(loadConfig().record);
}

/** Reads the setting's new value (u64) and checks that the caller is the grid. */
function beginSetting(config: Config, what: string): u64 {
  const r = new Reader(input());
  const value = r.u64();
  r.end();
  requireGrid(config, caller(), what);
  return value;
}

/** Saves the configuration and emits `topic` with the old and the new value (u64 each). */
function endSetting(config: Config, topic: string, old: u64, value: u64): void {
  config.save();
  emit(topic, new Writer(16).u64(old).u64(value).finish());
}

/** `set_retail_tariff` (u64 fen per kWh): grid only. Event `retail_tariff` (old, new). */
export function set_retail_tariff(): void {
  const config = loadConfig();
  const value = beginSetting(config, 'set the retail tariff');
  const old = config.retailTariff;
  config.retailTariff = value;
  endSetting(config, 'retail_tariff', old, value);
}

/** `set_feed_in_tariff` (u64 fen per kWh): grid only. Event `feed_in_tariff` (old, new). */
export function set_feed_in_tariff(): void {
  const config = loadConfig();
  const value = beginSetting(config, 'set the feed-in tariff');
  const old = config.feedInTariff;
  config.feedInTariff = value;
  endSetting(config, 'feed_in_tariff', old, value);
}

/** `set_grid_fee` (u64 fen per kWh traded): grid only. Event `grid_fee` (old, new). */
export function set_grid_fee(): void {
  const config = loadConfig();
  const value = beginSetting(config, 'set the grid fee');
  const old = config.gridFee;
  config.gridFee = value;
  endSetting(config, 'grid_fee', old, value);
}

/** `set_trigger` (u64 Wh > 0): grid only. Event `trigger` (old, new). */
export function set_trigger(): void {
  const config = loadConfig();
  const value = beginSetting(config, 'set the trigger');
  if (value === 0) revert('the trigger must be positive');
  const old = config.triggerWh;
  config.triggerWh = value;
  endSetting(config, 'trigger', old, value);
}
