// Offers of the order book: storage `o` + id (u64 big-endian) -> seller | Wh left | price.
import {
  Address,
  Reader,
  storageDelete,
  storageGet,
  storageSet,
  Writer,
} from '../../contract-sdk/index';

/** Bytes of an offer record. */
export const OFFER_BYTES: i32 = 39;

/** An offer (39 bytes): seller (23) | Wh remaining (u64) | price (u64, fen per kWh). */
export class Offer {
  id: u64;
  seller: Address;
  remainingWh: u64;
  priceFenPerKwh: u64;

  constructor(id: u64, seller: Address, remainingWh: u64, price: u64) {
    this.id = id;
    this.seller = seller;
    this.remainingWh = remainingWh;
    this.priceFenPerKwh = price;
  }

  encode(): Uint8Array {
    return new Writer(OFFER_BYTES)
      .address(this.seller)
      .u64(this.remainingWh)
      .u64(this.priceFenPerKwh)
      .finish();
  }

  save(): void {
    storageSet(offerKey(this.id), this.encode());
  }

  delete(): void {
    storageDelete(offerKey(this.id));
  }
}

/** `o` followed by the id, big-endian (so the keys sort by id). */
export function offerKey(id: u64): Uint8Array {
  return new Writer(9).u8(0x6f).u64be(id).finish();
}

/** The offer `id`, or null when there is none (never posted, sold out or cancelled). */
export function loadOffer(id: u64): Offer | null {
  const record = storageGet(offerKey(id));
  if (record === null) return null;
  const r = new Reader(record);
  const seller = r.address();
  const remaining = r.u64();
  const price = r.u64();
  return new Offer(id, seller, remaining, price);
}
