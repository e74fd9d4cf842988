// Events of the energy contract (docs/energy-contract.md, "Events"): an ASCII topic and
// little-endian fixed-layout data, a meter id (UTF-8) last where there is one.
import { FieldReader } from './energy-bytes.ts';

export type EnergyEvent =
  | { type: 'grid_sale'; buyer: Uint8Array; amountWh: bigint; paidFen: bigint }
  | { type: 'grid_purchase'; seller: Uint8Array; amountWh: bigint; receivedFen: bigint }
  | {
      type: 'offer_posted';
      offerId: bigint;
      seller: Uint8Array;
      amountWh: bigint;
      priceFenPerKwh: bigint;
    }
  | { type: 'offer_cancelled'; offerId: bigint; seller: Uint8Array; returnedWh: bigint }
  | {
      type: 'trade';
      offerId: bigint;
      seller: Uint8Array;
      buyer: Uint8Array;
      amountWh: bigint;
      paidFen: bigint;
      feeFen: bigint;
    }
  | {
      type: 'triggered_trade';
      household: Uint8Array;
      amountWh: bigint;
      triggers: bigint;
      meterId: string;
    }
  | { type: 'supply_cut'; household: Uint8Array; meterId: string }
  | { type: 'supply_restored'; household: Uint8Array }
  | {
      type: 'retail_tariff' | 'feed_in_tariff' | 'grid_fee' | 'trigger';
      oldValue: bigint;
      newValue: bigint;
    };

export type EnergyEventType = EnergyEvent['type'];

const SETTINGS = new Set(['retail_tariff', 'feed_in_tariff', 'grid_fee', 'trigger']);
const ascii = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes one event of the energy contract. Throws TypeError for a topic the contract does not
 * emit and RangeError for data that does not match its layout.
 */
export function decodeEnergyEvent(event: { topic: Uint8Array; data: Uint8Array }): EnergyEvent {
  const type = ascii.decode(event.topic);
  const r = new FieldReader(event.data, `${type} event`);
  let decoded: EnergyEvent;
  switch (type) {
    case 'grid_sale':
      decoded = { type, buyer: r.address(), amountWh: r.u64(), paidFen: r.u64() };
      break;
    case 'grid_purchase':
      decoded = { type, seller: r.address(), amountWh: r.u64(), receivedFen: r.u64() };
      break;
    case 'offer_posted':
      decoded = {
        type,
        offerId: r.u64(),
        seller: r.address(),
        amountWh: r.u64(),
        priceFenPerKwh: r.u64(),
      };
      break;
    case 'offer_cancelled':
      decoded = { type, offerId: r.u64(), seller: r.address(), returnedWh: r.u64() };
      break;
    case 'trade':
      decoded = {
        type,
        offerId: r.u64(),
        seller: r.address(),
        buyer: r.address(),
        amountWh: r.u64(),
        paidFen: r.u64(),
        feeFen: r.u64(),
      };
      break;
    case 'triggered_trade':
      decoded = {
        type,
        household: r.address(),
        amountWh: r.u64(),
        triggers: r.u64(),
        meterId: utf8.decode(r.rest()),
      };
      break;
    case 'supply_cut':
      decoded = { type, household: r.address(), meterId: utf8.decode(r.rest()) };
      break;
    case 'supply_restored':
      decoded = { type, household: r.address() };
      break;
    default:
      if (!SETTINGS.has(type)) throw new TypeError(`not an energy contract event: ${type}`);
      decoded = {
        type: type as 'retail_tariff' | 'feed_in_tariff' | 'grid_fee' | 'trigger',
        oldValue: r.u64(),
        newValue: r.u64(),
      };
  }
  r.end();
  return decoded;
}
