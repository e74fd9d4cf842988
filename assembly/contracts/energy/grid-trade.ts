// Trading with the grid: buying energy at the retail tariff, selling it at the feed-in tariff.
import {
  Address,
  balanceOf,
  caller,
  emit,
  input,
  output,
  Reader,
  revert,
  transferOrRevert,
  Writer,
} from '../../contract-sdk/index';
import { fenCeil, fenFloor } from './amounts';
import { loadConfig } from './config';

/** Reads an input of exactly one u64 amount of Wh, which must be positive. */
export function inputWh(): u64 {
  const r = new Reader(input());
  const wh = r.u64();
  r.end();
  if (wh === 0) revert('amount must be positive');
  return wh;
}

/** Event `supply_restored` (household): its kWh balance was 0 and is not any more. */
export function emitSupplyRestored(household: Address): void {
  emit('supply_restored', household.bytes);
}

/**
 * `buy_from_grid` (u64 Wh): the caller pays ceil(Wh x retail / 1000) fen of CNY to the grid (an
 * allowance of the caller) and receives the Wh of kWh from the grid. Outputs the fen paid (u64).
 * Events `grid_sale` (buyer, Wh, fen) and, when the buyer had no kWh, `supply_restored`.
 */
export function buy_from_grid(): void {
  const wh = inputWh();
  const config = loadConfig();
  const kwh = config.kwh();
  const buyer = caller();
  const fen = fenCeil(wh, config.retailTariff);
  const before = balanceOf(buyer, kwh);
  if (fen > 0) transferOrRevert(buyer, config.cny(), config.grid, fen);
  transferOrRevert(config.grid, kwh, buyer, wh);
  emit('grid_sale', new Writer(39).address(buyer).u64(wh).u64(fen).finish());
  if (before === 0) emitSupplyRestored(buyer);
  output(new Writer(8).u64(fen).finish());
}

/**
 * `sell_to_grid` (u64 Wh): the caller's kWh go to the grid (an allowance of the caller) and the
 * grid pays floor(Wh x feed-in / 1000) fen of CNY. Outputs the fen received (u64). Event
 * `grid_purchase` (seller, Wh, fen).
 */
export function sell_to_grid(): void {
  const wh = inputWh();
  const config = loadConfig();
  const seller = caller();
  const fen = fenFloor(wh, config.feedInTariff);
  transferOrRevert(seller, config.kwh(), config.grid, wh);
  if (fen > 0) transferOrRevert(config.grid, config.cny(), seller, fen);
  emit('grid_purchase', new Writer(39).address(seller).u64(wh).u64(fen).finish());
  output(new Writer(8).u64(fen).finish());
}
