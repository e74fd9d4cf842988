// Inputs and outputs of the energy contract's methods (docs/energy-contract.md, "Methods").
// Amounts: energy in Wh, money in fen, tariffs and fees in fen per kWh, all unsigned 64-bit.
import { FieldReader, FieldWriter } from './energy-bytes.ts';
import {
  decodeEnergyConfig,
  decodeEnergyOffer,
  type EnergyConfig,
  type EnergyOffer,
} from './energy-records.ts';

/** A call of the energy contract: its method and that method's input fields. */
export type EnergyCall =
  | { method: 'init'; grid: Uint8Array }
  | { method: 'buy_from_grid'; amountWh: bigint }
  | { method: 'sell_to_grid'; amountWh: bigint }
  | { method: 'post_offer'; amountWh: bigint; priceFenPerKwh: bigint }
  | { method: 'cancel_offer'; offerId: bigint }
  | { method: 'buy_offer'; offerId: bigint; amountWh: bigint }
  | { method: 'set_retail_tariff'; fenPerKwh: bigint }
  | { method: 'set_feed_in_tariff'; fenPerKwh: bigint }
  | { method: 'set_grid_fee'; fenPerKwh: bigint }
  | { method: 'set_trigger'; triggerWh: bigint }
  | { method: 'get_config' }
  | { method: 'get_offer'; offerId: bigint }
  | { method: 'system_meter_reading'; meterId: string };

export type EnergyMethod = EnergyCall['method'];

/** The contract's exports that are methods, in the order docs/energy-contract.md lists them. */
export const ENERGY_METHODS: readonly EnergyMethod[] = Object.freeze([
  'init',
  'buy_from_grid',
  'post_offer',
  'cancel_offer',
  'buy_offer',
  'sell_to_grid',
  'set_retail_tariff',
  'set_feed_in_tariff',
  'set_grid_fee',
  'set_trigger',
  'get_config',
  'get_offer',
  'system_meter_reading',
] as const);

const utf8 = new TextEncoder();

/** The export to call and its input bytes; throws RangeError for a field out of range. */
export function encodeEnergyCall(call: EnergyCall): { entry: EnergyMethod; input: Uint8Array } {
  const w = new FieldWriter();
  switch (call.method) {
    case 'init':
      w.address(call.grid, 'grid');
      break;
    case 'buy_from_grid':
    case 'sell_to_grid':
      w.u64(call.amountWh, 'amountWh');
      break;
    case 'post_offer':
      w.u64(call.amountWh, 'amountWh').u64(call.priceFenPerKwh, 'priceFenPerKwh');
      break;
    case 'cancel_offer':
    case 'get_offer':
      w.u64(call.offerId, 'offerId');
      break;
    case 'buy_offer':
      w.u64(call.offerId, 'offerId').u64(call.amountWh, 'amountWh');
      break;
    case 'set_retail_tariff':
    case 'set_feed_in_tariff':
    case 'set_grid_fee':
      w.u64(call.fenPerKwh, 'fenPerKwh');
      break;
    case 'set_trigger':
      w.u64(call.triggerWh, 'triggerWh');
      break;
    case 'get_config':
      break;
    case 'system_meter_reading': {
      const id = utf8.encode(call.meterId);
      if (id.length < 1 || id.length > 63) throw new RangeError('meterId must be 1-63 bytes');
      w.bytes(id);
      break;
    }
    default:
      throw new TypeError(`unknown energy method ${(call as { method: unknown }).method}`);
  }
  return { entry: call.method, input: w.finish() };
}

/** What each method outputs (an empty output for the others). */
export type EnergyOutputs = {
  buy_from_grid: { paidFen: bigint };
  sell_to_grid: { receivedFen: bigint };
  post_offer: { offerId: bigint };
  buy_offer: { paidFen: bigint; feeFen: bigint };
  get_config: EnergyConfig;
  get_offer: EnergyOffer;
};

/** Decodes a method's output; throws RangeError when it does not match the layout. */
export function decodeEnergyOutput<M extends keyof EnergyOutputs>(
  method: M,
  output: Uint8Array,
): EnergyOutputs[M] {
  const decoded = decodeOutput(method, output);
  return decoded as EnergyOutputs[M];
}

function decodeOutput(method: keyof EnergyOutputs, output: Uint8Array): unknown {
  if (method === 'get_config') return decodeEnergyConfig(output);
  if (method === 'get_offer') return decodeEnergyOffer(output);
  const r = new FieldReader(output, `${method} output`);
  let value: unknown;
  switch (method) {
    case 'buy_from_grid':
      value = { paidFen: r.u64() };
      break;
    case 'sell_to_grid':
      value = { receivedFen: r.u64() };
      break;
    case 'post_offer':
      value = { offerId: r.u64() };
      break;
    case 'buy_offer':
      value = { paidFen: r.u64(), feeFen: r.u64() };
      break;
    default:
      throw new TypeError(`energy method ${String(method)} has no output`);
  }
  r.end();
  return value;
}
