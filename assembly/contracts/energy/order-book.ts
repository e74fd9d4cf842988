// The households' order book: offers of energy escrowed by the contract, bought in part or whole.
import {
  balanceOf,
  caller,
  emit,
  input,
  orRevert,
  output,
  Reader,
  revert,
  selfAddress,
  storageGetU64,
  storageSetU64,
  transferOrRevert,
  Writer,
} from '../../contract-sdk/index';
import { fenCeil } from './amounts';
import { loadConfig, nextOfferIdKey } from './config';
import { emitSupplyRestored } from './grid-trade';
import { loadOffer, Offer } from './offers';

/**
 * `post_offer` (u64 Wh > 0, u64 price in fen per kWh >= the feed-in tariff): escrows the Wh of
 * kWh from the caller (an allowance of the caller) into the contract. Outputs the offer id
 * (u64). Event `offer_posted` (id, seller, Wh, price).
 */
export function post_offer(): void {
  const r = new Reader(input());
  const wh = r.u64();
  const price = r.u64();
  r.end();
  if (wh === 0) revert('amount must be positive');
  const config = loadConfig();
  if (price < config.feedInTariff) revert('price below the feed-in tariff');
  const seller = caller();
  const idKey = nextOfferIdKey();
  const id = storageGetU64(idKey, 1);
  transferOrRevert(seller, config.kwh(), selfAddress(), wh);
  Offer.create(id, seller, wh, price).save();
  storageSetU64(idKey, id + 1);
  emit('offer_posted', new Writer(47).u64(id).address(seller).u64(wh).u64(price).finish());
  output(new Writer(8).u64(id).finish());
}

/**
 * `cancel_offer` (u64 id): only the offer's seller; the Wh left in escrow go back to the seller
 * and the offer is deleted. Event `offer_cancelled` (id, seller, Wh returned).
 */
export function cancel_offer(): void {
  const r = new Reader(input());
  const id = r.u64();
  r.end();
  const config = loadConfig();
  const offer = orRevert(loadOffer(id), 'no such offer');
  if (!caller().equals(offer.seller)) revert('only the seller may cancel an offer');
  transferOrRevert(selfAddress(), config.kwh(), offer.seller, offer.remainingWh);
  offer.delete();
  const data = new Writer(39).u64(id).address(offer.seller).u64(offer.remainingWh).finish();
  emit('offer_cancelled', data);
}

/**
 * `buy_offer` (u64 id, u64 Wh, 0 < Wh <= what is left): the buyer (not the seller) pays
 * ceil(Wh x price / 1000) fen of CNY to the seller and the grid fee ceil(Wh x fee / 1000) fen to
 * the grid (both from the buyer's allowance) and receives the Wh of kWh from the escrow. The
 * offer shrinks, and is deleted when nothing is left. Outputs fen paid to the seller (u64) and
 * the fee (u64). Events `trade` (id, seller, buyer, Wh, fen, fee) and, when the buyer had no kWh,
 * `supply_restored`.
 */
export function buy_offer(): void {
  const r = new Reader(input());
  const id = r.u64();
  const wh = r.u64();
  r.end();
  if (wh === 0) revert('amount must be positive');
  const config = loadConfig();
  const offer = orRevert(loadOffer(id), 'no such offer');
  if (wh > offer.remainingWh) revert('amount exceeds what the offer has left');
  const buyer = caller();
  if (buyer.equals(offer.seller)) revert('the seller may not buy its own offer');
  const kwh = config.kwh();
  const cny = config.cny();
  const fen = fenCeil(wh, offer.priceFenPerKwh);
  const fee = buyer.equals(config.grid) ? 0 : fenCeil(wh, config.gridFee);
  const before = balanceOf(buyer, kwh);
  if (fen > 0) transferOrRevert(buyer, cny, offer.seller, fen);
  if (fee > 0) transferOrRevert(buyer, cny, config.grid, fee);
  transferOrRevert(selfAddress(), kwh, buyer, wh);
  offer.remainingWh -= wh;
  if (offer.remainingWh === 0) offer.delete();
  else offer.save();
  const data = new Writer(86)
    .u64(id)
    .address(offer.seller)
    .address(buyer)
    .u64(wh)
    .u64(fen)
    .u64(fee)
    .finish();
  emit('trade', data);
  if (before === 0) emitSupplyRestored(buyer);
  output(new Writer(16).u64(fen).u64(fee).finish());
}

/** `get_offer` (u64 id): outputs the offer record (39 bytes), or reverts `no such offer`. */
export function get_offer(): void {
  const r = new Reader(input());
  const id = r.u64();
  r.end();
  output(orRevert(loadOffer(id), 'no such offer').record);
}
