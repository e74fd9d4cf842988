// The energy contract's storage records and keys (docs/energy-contract.md, "Storage"). The
// configuration and offer records are also what `get_config` and `get_offer` output.
import { FieldReader, FieldWriter } from './energy-bytes.ts';

/** The configuration (storage `c`, 55 bytes). Tariffs and fees in fen per kWh. */
export type EnergyConfig = {
  grid: Uint8Array;
  retailTariff: bigint;
  feedInTariff: bigint;
  gridFee: bigint;
  triggerWh: bigint;
};

/** An offer of the order book (storage `o` + id big-endian, 39 bytes). */
export type EnergyOffer = {
  seller: Uint8Array;
  remainingWh: bigint;
  priceFenPerKwh: bigint;
};

/** A meter's settlement state (storage `m` + meter id, 16 bytes). */
export type MeterSettlement = {
  /** Exported Wh already credited by triggered trades. */
  settledExportWh: bigint;
  /** Imported Wh the household's kWh balance could not cover. */
  unpaidWh: bigint;
};

export const CONFIG_RECORD_BYTES = 55;
export const OFFER_RECORD_BYTES = 39;
export const METER_SETTLEMENT_BYTES = 16;

export function decodeEnergyConfig(bytes: Uint8Array): EnergyConfig {
  const r = new FieldReader(bytes, 'energy config');
  const config = {
    grid: r.address(),
    retailTariff: r.u64(),
    feedInTariff: r.u64(),
    gridFee: r.u64(),
    triggerWh: r.u64(),
  };
  r.end();
  return config;
}

export function encodeEnergyConfig(config: EnergyConfig): Uint8Array {
  return new FieldWriter()
    .address(config.grid, 'grid')
    .u64(config.retailTariff, 'retailTariff')
    .u64(config.feedInTariff, 'feedInTariff')
    .u64(config.gridFee, 'gridFee')
    .u64(config.triggerWh, 'triggerWh')
    .finish();
}

export function decodeEnergyOffer(bytes: Uint8Array): EnergyOffer {
  const r = new FieldReader(bytes, 'energy offer');
  const offer = { seller: r.address(), remainingWh: r.u64(), priceFenPerKwh: r.u64() };
  r.end();
  return offer;
}

export function encodeEnergyOffer(offer: EnergyOffer): Uint8Array {
  return new FieldWriter()
    .address(offer.seller, 'seller')
    .u64(offer.remainingWh, 'remainingWh')
    .u64(offer.priceFenPerKwh, 'priceFenPerKwh')
    .finish();
}

export function decodeMeterSettlement(bytes: Uint8Array): MeterSettlement {
  const r = new FieldReader(bytes, 'meter settlement');
  const settlement = { settledExportWh: r.u64(), unpaidWh: r.u64() };
  r.end();
  return settlement;
}

const ascii = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0));
const utf8 = new TextEncoder();

/** Storage keys of the energy contract. */
export const energyStorageKeys = Object.freeze({
  /** The configuration record. */
  config: (): Uint8Array => ascii('c'),
  /** The next offer id (u64 little-endian). */
  nextOfferId: (): Uint8Array => ascii('n'),
  /** An offer: `o` + its id as u64 big-endian. */
  offer(id: bigint): Uint8Array {
    const key = new Uint8Array(9);
    key[0] = 0x6f;
    new DataView(key.buffer).setBigUint64(1, BigInt.asUintN(64, id), false);
    return key;
  },
  /** A meter's settlement record: `m` + the meter id in UTF-8. */
  meterSettlement: (meterId: string): Uint8Array =>
    new FieldWriter().bytes(ascii('m')).bytes(utf8.encode(meterId)).finish(),
});
