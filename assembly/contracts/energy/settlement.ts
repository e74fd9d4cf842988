// Meter settlement: called by the ledger after it accepts each signed meter reading.
import {
  balanceOf,
  emit,
  input,
  orRevert,
  readMeter,
  revert,
  storageKey,
  storageRead,
  storageSet,
  transferOrRevert,
  Writer,
} from '../../contract-sdk/index';
import { loadConfig } from './config';
import { emitSupplyRestored } from './grid-trade';

/** Bytes of a meter's settlement record: settled export (u64) | unpaid Wh (u64). */
export const SETTLEMENT_BYTES: i32 = 16;

/** Longest meter id: the key `m` + id must fit the host's 64-byte keys. */
const MAX_METER_ID_BYTES: i32 = 63;

/**
 * `system_meter_reading` (the meter id, UTF-8; only the ledger calls `system_*`):
 *
 * - import: the Wh imported since the previous reading are debited from the household's kWh to
 *   the meter's grid, as far as its balance goes; the rest is added to the meter's unpaid Wh.
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
  const id = input();
  if (id.length === 0 || id.length > MAX_METER_ID_BYTES) revert('meter id must be 1-63 bytes');
  const meter = orRevert(readMeter(id), 'unknown meter');
  const config = loadConfig();
  const kwh = config.kwh();
  const household = meter.household;

  const key = storageKey('m', id);
  const record = new Uint8Array(SETTLEMENT_BYTES);
  const p = record.dataStart;
  const found = storageRead(key, record) >= 0;
  let settledWh: u64 = found ? load<u64>(p) : 0;
  const unpaidBefore: u64 = found ? load<u64>(p, 8) : 0;
  let unpaidWh = unpaidBefore;
  let changed = false;

  const before = balanceOf(household, kwh);
  let balance = before;
  const imported = meter.importedWh;
  const previous = meter.previousImportedWh;
  const deltaWh: u64 = imported > previous ? imported - previous : 0;
  if (deltaWh > 0) {
    const debit = deltaWh < balance ? deltaWh : balance;
    if (debit > 0) {
      transferOrRevert(household, kwh, meter.grid, debit);
      balance -= debit;
    }
    if (debit < deltaWh) {
      unpaidWh += deltaWh - debit;
      changed = true;
    }
  }

  const trigger = meter.triggerWh !== 0 ? meter.triggerWh : config.triggerWh;
  const exported = meter.exportedWh;
  if (exported > settledWh && exported - settledWh >= trigger) {
    const count = (exported - settledWh) / trigger;
    const wh = count * trigger;
    transferOrRevert(config.grid, kwh, household, wh);
    settledWh += wh;
    balance += wh;
    changed = true;
    const data = new Writer(39 + id.length)
      .address(household)
      .u64(wh)
      .u64(count)
      .bytesOf(id)
      .finish();
    emit('triggered_trade', data);
  }

  if (changed) {
    store<u64>(p, settledWh);
    store<u64>(p, unpaidWh, 8);
    storageSet(key, record);
  }
  if (deltaWh > 0 && balance === 0 && (before > 0 || unpaidBefore === 0)) {
    emit('supply_cut', new Writer(23 + id.length).address(household).bytesOf(id).finish());
  } else if (before === 0 && balance > 0) {
    emitSupplyRestored(household);
  }
}
