// The host API (docs/contracts.md, "The host API"). AssemblyScript imports a `declare function`
// from the module named after its file, so every function here is imported as `env.<name>`.
// Pointers are offsets into the contract's memory; i64 values hold unsigned 64-bit numbers.
// Contract authors use the typed wrappers of the other SDK files instead of these.

/** Length of the call's input. */
export declare function input_length(): i32;
/** Copies the whole input to `dst`. */
export declare function input_read(dst: usize): void;
/** Sets the call's return data (at most 16 KiB; the last write wins). */
export declare function output_write(src: usize, len: i32): void;
/** Ends the call with `reverted` and this UTF-8 reason; never returns. */
export declare function revert(reason: usize, len: i32): void;
/** Writes the 23-byte address of the transaction's source account to `dst`. */
export declare function caller(dst: usize): void;
/** Writes the contract's own 23-byte address to `dst`. */
export declare function self_address(dst: usize): void;
/** Height of the block being executed. */
export declare function block_height(): u64;
/** Time of the block being executed, ms since the Unix epoch. */
export declare function block_time(): u64;
/** Balance of asset (issuer, code) of an account; 0 for an unknown account. */
export declare function balance_of(account: usize, issuer: usize, code: usize, codeLen: i32): u64;
/** Moves an amount of asset (issuer, code); returns a TransferStatus. */
export declare function transfer(
  from: usize,
  issuer: usize,
  code: usize,
  codeLen: i32,
  to: usize,
  amount: u64,
): i32;
/** Length of the value under `key`, or -1 when absent; copies at most `cap` bytes to `dst`. */
export declare function storage_read(key: usize, keyLen: i32, dst: usize, cap: i32): i32;
/** Sets a key (1-64 bytes) of the contract's storage to a value (1 byte - 16 KiB). */
export declare function storage_write(key: usize, keyLen: i32, value: usize, valueLen: i32): void;
/** Deletes a key (no effect when absent). */
export declare function storage_delete(key: usize, keyLen: i32): void;
/** Appends an event (topic 1-32 bytes, data at most 4 KiB, 256 per call) to the receipt. */
export declare function emit(topic: usize, topicLen: i32, data: usize, dataLen: i32): void;
/** 1 and the 102-byte meter record written to `dst` when the meter is registered, else 0. */
export declare function meter_read(id: usize, idLen: i32, dst: usize): i32;
