// The energy contract's configuration record and the assets it settles in.
import {
  Address,
  Asset,
  orRevert,
  Reader,
  revert,
  storageGet,
  storageSet,
  Writer,
} from '../../contract-sdk/index';

/** Storage key of the configuration record: `c`. */
export function configKey(): Uint8Array {
  const key = new Uint8Array(1);
  key[0] = 0x63;
  return key;
}

/** Storage key of the next offer id (u64): `n`. */
export function nextOfferIdKey(): Uint8Array {
  const key = new Uint8Array(1);
  key[0] = 0x6e;
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
 */
export class Config {
  grid: Address;
  retailTariff: u64;
  feedInTariff: u64;
  gridFee: u64;
  triggerWh: u64;

  constructor(grid: Address, retail: u64, feedIn: u64, fee: u64, trigger: u64) {
    this.grid = grid;
    this.retailTariff = retail;
    this.feedInTariff = feedIn;
    this.gridFee = fee;
    this.triggerWh = trigger;
  }

  /** The grid's energy: `kWh` issued by the grid, amounts in Wh. */
  kwh(): Asset {
    return new Asset(this.grid, 'kWh');
  }

  /** The grid's money: `CNY` issued by the grid, amounts in fen. */
  cny(): Asset {
    return new Asset(this.grid, 'CNY');
  }

  encode(): Uint8Array {
    return new Writer(CONFIG_BYTES)
      .address(this.grid)
      .u64(this.retailTariff)
      .u64(this.feedInTariff)
      .u64(this.gridFee)
      .u64(this.triggerWh)
      .finish();
  }

  save(): void {
    storageSet(configKey(), this.encode());
  }
}

/** Whether `init` has run. */
export function initialised(): bool {
  return storageGet(configKey()) !== null;
}

/** The configuration; reverts `not initialised` before `init`. */
export function loadConfig(): Config {
  const r = new Reader(orRevert(storageGet(configKey()), 'not initialised'));
  const grid = r.address();
  const retail = r.u64();
  const feedIn = r.u64();
  const fee = r.u64();
  const trigger = r.u64();
  return new Config(grid, retail, feedIn, fee, trigger);
}

/** Reverts unless `who` is the configuration's grid (`only the grid may <what>`). */
export function requireGrid(config: Config, who: Address, what: string): void {
  if (!who.equals(config.grid)) revert(`only the grid may ${what}`);
}
