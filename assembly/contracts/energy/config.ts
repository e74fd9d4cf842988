// The energy contract's configuration record and the assets it settles in.
import {
  Address,
  Asset,
  newBytes,
  revert,
  storageRead,
  storageSet,
  Writer,
} from '../../contract-sdk/index';

/** Storage key of the configuration record: `c`. */
export function configKey(): Uint8Array {
  return key1(0x63);
}

/** Storage key of the next offer id (u64): `n`. */
export function nextOfferIdKey(): Uint8Array {
  return key1(0x6e);
}

function key1(byte: u8): Uint8Array {
  const key = newBytes(1);
  store<u8>(key.dataStart, byte);
  return key;
}

/** Bytes of the configuration record. */
export const CONFIG_BYTES: i32 = 55;

/** Defaults set by `init`. */
export const DEFAULT_RETAIL_TARIFF: u64 = 50;
export const DEFAULT_FEED_IN_TARIFF: u64 = 40;
export const DEFAULT_GRID_FEE: u64 = 5;
export const DEFAULT_TRIGGER_WH: u64 = 100_000;

/**
 * The configuration (storage `c`, 55 bytes): grid (23) | retail tariff (u64, fen per kWh) |
 * feed-in tariff (u64, fen per kWh) | grid fee (u64, fen per kWh traded) | trigger (u64, Wh).
 * The fields are read from and written to the record in place.
 */
export class Config {
  readonly record: Uint8Array;
  readonly grid: Address;
  private kwhAsset: Asset | null = null;
  private cnyAsset: Asset | null = null;

  constructor(record: Uint8Array) {
    this.record = record;
    this.grid = new Address(record.dataStart);
  }

  /** A new configuration for `grid` with the default tariffs, fee and trigger. */
  static withDefaults(grid: Address): Config {
    const record = new Writer(CONFIG_BYTES)
      .address(grid)
      .u64(DEFAULT_RETAIL_TARIFF)
      .u64(DEFAULT_FEED_IN_TARIFF)
      .u64(DEFAULT_GRID_FEE)
      .u64(DEFAULT_TRIGGER_WH)
      .finish();
    return new Config(record);
  }

  get retailTariff(): u64 {
    return load<u64>(this.record.dataStart, 23);
  }
  set retailTariff(value: u64) {
    store<u64>(this.record.dataStart, value, 23);
  }

  get feedInTariff(): u64 {
    return load<u64>(this.record.dataStart, 31);
  }
  set feedInTariff(value: u64) {
    store<u64>(this.record.dataStart, value, 31);
  }

  get gridFee(): u64 {
    return load<u64>(this.record.dataStart, 39);
  }
  set gridFee(value: u64) {
    store<u64>(this.record.dataStart, value, 39);
  }

  get triggerWh(): u64 {
    return load<u64>(this.record.dataStart, 47);
  }
  set triggerWh(value: u64) {
    store<u64>(this.record.dataStart, value, 47);
  }

  /** The grid's energy: `kWh` issued by the grid, amounts in Wh. */
  kwh(): Asset {
    let asset = this.kwhAsset;
    if (asset === null) this.kwhAsset = asset = new Asset(this.grid, 'kWh');
    return asset;
  }

  /** The grid's money: `CNY` issued by the grid, amounts in fen. */
  cny(): Asset {
    let asset = this.cnyAsset;
    if (asset === null) this.cnyAsset = asset = new Asset(this.grid, 'CNY');
    return asset;
  }

  save(): void {
    storageSet(configKey(), this.record);
  }
}

/** The configuration; reverts `not initialised` before `init`. */
export function loadConfig(): Config {
  const record = newBytes(CONFIG_BYTES);
  if (storageRead(configKey(), record) !== CONFIG_BYTES) revert('not initialised');
  return new Config(record);
}

/** Reverts unless `who` is the configuration's grid (`only the grid may <what>`). */
export function requireGrid(config: Config, who: Address, what: string): void {
  if (!who.equals(config.grid)) revert(`only the grid may ${what}`);
}
