// Offers of the order book: storage `o` + id (u64 big-endian) -> seller | Wh left | price.
import {
  Address,
  newBytes,
  storageDelete,
  storageRead,
  storageSet,
  Writer,
} from '../../contract-sdk/index';

/** Bytes of an offer record. */
export const OFFER_BYTES: i32 = 39;

/**
 * An offer (39 bytes): seller (23) | Wh remaining (u64) | price (u64, fen per kWh). The fields
 * are read from and written to the record in place.
 */
export class Offer {
  readonly key: Uint8Array;
  readonly record: Uint8Array;
  readonly seller: Address;

  constructor(key: Uint8Array, record: Uint8Array) {
    this.key = key;
    this.record = record;
    this.seller = new Address(record.dataStart);
  }

  /** A new offer `id` of `seller`. */
  static create(id: u64, seller: Address, wh: u64, price: u64): Offer {
    const record = new Writer(OFFER_BYTES).address(seller).u64(wh).u64(price).finish();
    return new Offer(offerKey(id), record);
  }

  get remainingWh(): u64 {
    return load<u64>(this.record.dataStart, 23);
  }
  set remainingWh(value: u64) {
    store<u64>(this.record.dataStart, value, 23);
  }

  get priceFenPerKwh(): u64 {
    return load<u64>(this.record.dataStart, 31);
  }

  save(): void {
    storageSet(this.key, this.record);
  }

  delete(): void {
    storageDelete(this.key);
  }
}

/** `o` followed by the id, big-endian (so the keys sort by id). */
export function offerKey(id: u64): Uint8Array {
  return new Writer(9).u8(0x6f).u64be(id).finish();
}

/** The offer `id`, or null when there is none (never posted, sold out or cancelled). */
export function loadOffer(id: u64): Offer | null {
  const key = offerKey(id);
  const record = newBytes(OFFER_BYTES);
  if (storageRead(key, record) !== OFFER_BYTES) return null;
  return new Offer(key, record);
}
