// Prices: an amount of Wh times a tariff in fen per kWh, divided by 1,000, in integers only.
import { revert } from '../../contract-sdk/index';

const U64_MAX: u64 = 0xffff_ffff_ffff_ffff;

function product(wh: u64, fenPerKwh: u64): u64 {
  if (fenPerKwh !== 0 && wh > U64_MAX / fenPerKwh) revert('amount too large');
  return wh * fenPerKwh;
}

/** ceil(wh * fenPerKwh / 1000): what a buyer pays (rounded in the seller's favour). */
export function fenCeil(wh: u64, fenPerKwh: u64): u64 {
  const p = product(wh, fenPerKwh);
  const q = p / 1000;
  return p - q * 1000 !== 0 ? q + 1 : q;
}

/** floor(wh * fenPerKwh / 1000): what the grid pays for energy it buys. */
export function fenFloor(wh: u64, fenPerKwh: u64): u64 {
  return product(wh, fenPerKwh) / 1000;
}
