/** The types shared by the contract host and the ledgers it runs against (docs/contracts.md). */

/** An asset: the issuing account's 23-byte address and its code (e.g. `kWh`). */
export type AssetRef = { issuer: Uint8Array; code: string };

/** What `transfer` returns to the contract. Numbers are part of the host ABI. */
export const TransferStatus = {
  OK: 0,
  INSUFFICIENT_BALANCE: 1,
  NOT_AUTHORISED: 2,
  NO_DESTINATION: 3,
  OVERFLOW: 4,
  INVALID: 5,
} as const;
export type TransferStatus = (typeof TransferStatus)[keyof typeof TransferStatus];

/** The most the contract may move out of `owner`'s account in one call (optionally only to `to`). */
export type Allowance = {
  owner: Uint8Array;
  asset: AssetRef;
  amount: bigint;
  to?: Uint8Array;
};

/** A registered meter and its last accepted reading, as `meter_read` shows it. */
export type MeterView = {
  household: Uint8Array;
  grid: Uint8Array;
  /** Trigger amount registered for this meter in Wh; 0 = the contract's default. */
  triggerWh: bigint;
  /** Sequence number of the last accepted reading; 0 = none yet. */
  sequence: bigint;
  timeMs: bigint;
  exportedWh: bigint;
  importedWh: bigint;
  /** Imported Wh of the reading before the last one (0 before the second reading). */
  previousImportedWh: bigint;
};

/**
 * The state a contract call reads and changes. The host checks authority before `transfer`;
 * the ledger checks balances, accounts and overflow. Rolling back a failed call is the
 * ledger's business (the host never undoes anything).
 */
export interface ContractLedger {
  balanceOf(account: Uint8Array, asset: AssetRef): bigint;
  transfer(from: Uint8Array, asset: AssetRef, to: Uint8Array, amount: bigint): TransferStatus;
  /** The contract's own storage. */
  storageRead(key: Uint8Array): Uint8Array | undefined;
  storageWrite(key: Uint8Array, value: Uint8Array): void;
  storageDelete(key: Uint8Array): void;
  meter(id: string): MeterView | undefined;
}

export type ContractEvent = { topic: Uint8Array; data: Uint8Array };

/** Sizes the host API accepts; beyond them the call traps. */
export const HOST_LIMITS = Object.freeze({
  maxInputBytes: 64 * 1024,
  maxOutputBytes: 16 * 1024,
  maxKeyBytes: 64,
  maxValueBytes: 16 * 1024,
  maxTopicBytes: 32,
  maxEventDataBytes: 4 * 1024,
  maxEventsPerCall: 256,
  maxAssetCodeBytes: 12,
  maxMeterIdBytes: 64,
});

/** Gas of host calls (docs/contracts.md, "Gas schedule"). */
export const HOST_GAS = Object.freeze({
  call: 100n,
  perByte: 1n,
  storageRead: 200n,
  storageWrite: 2_000n,
  storageDelete: 1_000n,
  balanceOf: 100n,
  transfer: 1_000n,
  emit: 400n,
  meterRead: 200n,
});

/** Bytes `meter_read` writes. */
export const METER_RECORD_BYTES = 102;
export const ADDRESS_BYTES = 23;
