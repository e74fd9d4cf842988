// Registered energy meters and their last accepted reading.
import { ADDRESS_BYTES, Address } from './address';
import * as env from './env';

/** Bytes `meter_read` writes. */
export const METER_RECORD_BYTES: i32 = 102;

/** A meter's record (docs/contracts.md, "Meter records and settlement"). */
export class Meter {
  /** The household the meter belongs to. */
  readonly household: Address;
  /** The grid account that registered it. */
  readonly grid: Address;
  /** Trigger amount in Wh registered for this meter; 0 = the contract's default. */
  readonly triggerWh: u64;
  /** Sequence number of the last accepted reading; 0 = none yet. */
  readonly sequence: u64;
  /** Time of that reading, ms since the Unix epoch. */
  readonly timeMs: u64;
  /** Cumulative Wh exported (fed into the grid) since the meter was installed. */
  readonly exportedWh: u64;
  /** Cumulative Wh imported (taken from the grid). */
  readonly importedWh: u64;
  /** Imported Wh of the reading before the last one; the import delta is importedWh - this. */
  readonly previousImportedWh: u64;

  /** The meter whose 102-byte record is at `record` (the addresses refer to it). */
  constructor(record: usize) {
    this.household = new Address(record);
    this.grid = new Address(record + <usize>ADDRESS_BYTES);
    this.triggerWh = load<u64>(record, 46);
    this.sequence = load<u64>(record, 54);
    this.timeMs = load<u64>(record, 62);
    this.exportedWh = load<u64>(record, 70);
    this.importedWh = load<u64>(record, 78);
    this.previousImportedWh = load<u64>(record, 86);
  }
}

/** The meter registered under `id` (its UTF-8 bytes, at most 64), or null. */
export function readMeter(id: Uint8Array): Meter | null {
  const record = heap.alloc(<usize>METER_RECORD_BYTES);
  if (env.meter_read(id.dataStart, id.length, record) === 0) return null;
  return new Meter(record);
}
