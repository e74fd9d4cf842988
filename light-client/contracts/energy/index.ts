/** The energy contract's client side: its Wasm and the codec of its calls, records and events. */

export {
  decodeEnergyOutput,
  ENERGY_METHODS,
  type EnergyCall,
  type EnergyMethod,
  type EnergyOutputs,
  encodeEnergyCall,
} from './energy-calls.ts';
export { decodeEnergyEvent, type EnergyEvent, type EnergyEventType } from './energy-events.ts';
export {
  CONFIG_RECORD_BYTES,
  decodeEnergyConfig,
  decodeEnergyOffer,
  decodeMeterSettlement,
  type EnergyConfig,
  type EnergyOffer,
  encodeEnergyConfig,
  encodeEnergyOffer,
  energyStorageKeys,
  METER_SETTLEMENT_BYTES,
  type MeterSettlement,
  OFFER_RECORD_BYTES,
} from './energy-records.ts';
export { energyContractWasm, exampleContractWasm } from './energy-wasm.ts';
