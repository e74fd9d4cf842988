// The energy contract (docs/energy-contract.md): the households' market for the grid's energy,
// settled in the grid's `kWh` (Wh) and `CNY` (fen) assets. Every export is a method: no
// parameters, input through input_read, output through output_write.
export {
  get_config,
  init,
  set_feed_in_tariff,
  set_grid_fee,
  set_retail_tariff,
  set_trigger,
} from './admin';
export { buy_from_grid, sell_to_grid } from './grid-trade';
export { buy_offer, cancel_offer, get_offer, post_offer } from './order-book';
export { system_meter_reading } from './settlement';
