// Meter settlement: called by the ledger after it accepts each signed meter reading. This is the
// contract's hot path (one call per reading of every meter), so it works on static buffers with
// the raw host API (contract-sdk/env) and allocates nothing unless it emits an event or fails.

import * as env from '../../contract-sdk/env';
import {
  ADDRESS_BYTES,
  Address,
  Asset,
  emit,
  METER_RECORD_BYTES,
  revert,
  TransferStatus,
  transferFailure,
  Writer,
} from '../../contract-sdk/index';
import { CONFIG_BYTES } from './config';

/** Bytes of a meter's settlement record: settled export (u64) | unpaid Wh (u64). */
export const SETTLEMENT_BYTES: i32 = 16;

/** Longest meter id: the key `m` + id must fit the host's 64-byte keys. */
const MAX_METER_ID_BYTES: i32 = 63;

/** Moves kWh (issued by the grid at `grid`) or reverts naming the status. */
function moveKwh(from: usize, grid: usize, to: usize, wh: u64): void {
  const kwh = memory.data<u8>([0x6b, 0x57, 0x68]);
  const status = env.transfer(from, grid, kwh, 3, to, wh);
  if (status !== TransferStatus.OK)
    revert(transferFailure(new Asset(new Address(grid), 'kWh'), status));
}

/**
 * `system_meter_reading` (the meter id, UTF-8; only the ledger calls `system_*`):
 *
 * - import: the Wh imported since the previous reading are debited from the household's kWh (of
 *   the meter's grid) to the meter's grid, as far as its balance goes; the rest is added to the
 *   meter's unpaid Wh.
 * - export: each time the exported Wh not yet settled reach the trigger (the meter's, else the
 *   configuration's), the grid credits the household a trigger's worth of kWh. All the triggers
 *   reached by one reading are settled by one transfer and one `triggered_trade` event
 *   (household, Wh, number of triggers, meter id).
 * - supply: `supply_cut` (household, meter id) when the reading imported energy and left the
 *   household with no kWh, if it had some before or the meter owed nothing yet (its first cut);
 *   `supply_restored` (household) when a triggered trade gave kWh back to a household with none.
 *
 * The settlement record (storage `m` + meter id) is written only when it changes.
 */
export function system_meter_reading(): void {
  const idLength = env.input_length();
  if (idLength < 1 || idLength > MAX_METER_ID_BYTES) revert('meter id must be 1-63 bytes');
  // The key `m` + id, with the id read in place after the prefix.
  const key = memory.data(64);
  const keyLength = 1 + idLength;
  store<u8>(key, 0x6d);
  const id = key + 1;
  env.input_read(id);

  const meter = memory.data(METER_RECORD_BYTES);
  if (env.meter_read(id, idLength, meter) === 0) revert('unknown meter');
  const config = memory.data(CONFIG_BYTES);
  const configKey = memory.data<u8>([0x63]);
  if (env.storage_read(configKey, 1, config, CONFIG_BYTES) !== CONFIG_BYTES)
    revert('not initialised');
  const grid = config; // the treasury, which credits triggered trades in its own kWh
  const household = meter;
  // The grid that registered the meter: the import is paid in its kWh, to it (what the ledger
  // authorises). In a community with one grid it is the treasury.
  const meterGrid = meter + <usize>ADDRESS_BYTES;
  const kwh = memory.data<u8>([0x6b, 0x57, 0x68]);

  const record = memory.data(SETTLEMENT_BYTES);
  const found = env.storage_read(key, keyLength, record, SETTLEMENT_BYTES) >= 0;
  let settledWh: u64 = found ? load<u64>(record) : 0;
  const unpaidBefore: u64 = found ? load<u64>(record, 8) : 0;
  let unpaidWh = unpaidBefore;
  let changed = false;

  const before = env.balance_of(household, meterGrid, kwh, 3);
  let balance = before;
  const imported = load<u64>(meter, 78);
  const previous = load<u64>(meter, 86);
  const deltaWh: u64 = imported > previous ? imported - previous : 0;
  if (deltaWh > 0) {
    const debit = deltaWh < balance ? deltaWh : balance;
    if (debit > 0) {
      moveKwh(household, meterGrid, meterGrid, debit);
      balance -= debit;
    }
    if (debit < deltaWh) {
      unpaidWh += deltaWh - debit;
      changed = true;
    }
  }

  const meterTrigger = load<u64>(meter, 46);
  const trigger = meterTrigger !== 0 ? meterTrigger : load<u64>(config, 47);
  const exported = load<u64>(meter, 70);
  if (exported > settledWh && exported - settledWh >= trigger) {
    const count = (exported - settledWh) / trigger;
    const wh = count * trigger;
    moveKwh(grid, grid, household, wh);
    settledWh += wh;
    if (Address.equalAt(grid, meterGrid)) balance += wh;
    changed = true;
    const data = new Writer(39 + idLength)
      .address(new Address(household))
      .u64(wh)
      .u64(count)
      .copyFrom(id, idLength)
      .finish();
    emit('triggered_trade', data);
  }

  if (changed) {
    store<u64>(record, settledWh);
    store<u64>(record, unpaidWh, 8);
    env.storage_write(key, keyLength, record, SETTLEMENT_BYTES);
  }
  if (deltaWh > 0 && balance === 0 && (before > 0 || unpaidBefore === 0)) {
    const data = new Writer(23 + idLength)
      .address(new Address(household))
      .copyFrom(id, idLength)
      .finish();
    emit('supply_cut', data);
  } else if (before === 0 && balance > 0) {
    emit('supply_restored', new Address(household).bytes);
  }
}
