// The pvchain contract SDK (docs/contracts.md, "The SDK"): import what a contract needs from
// here. Compile with scripts/build-contracts.ts, which applies the sandbox's flags.
export { ADDRESS_BYTES, Address } from './address';
export {
  Asset,
  balanceOf,
  TransferStatus,
  transfer,
  transferFailure,
  transferOrRevert,
} from './assets';
export { Reader, Writer } from './bytes';
export { blockHeight, blockTime, caller, input, output, selfAddress } from './call';
export { emit } from './events';
export { METER_RECORD_BYTES, Meter, readMeter } from './meter';
export { bytesAt, copyBytes, newBytes } from './raw';
export { orRevert, require, revert } from './revert';
export {
  storageDelete,
  storageGet,
  storageGetU64,
  storageHas,
  storageKey,
  storageRead,
  storageSet,
  storageSetU64,
} from './storage';
