// The call itself: its input and output, who called, which contract, which block.
import { ADDRESS_BYTES, Address } from './address';
import * as env from './env';

/** The call's input (a fresh copy; empty when there is none). */
export function input(): Uint8Array {
  const n = env.input_length();
  const bytes = new Uint8Array(n);
  if (n > 0) env.input_read(bytes.dataStart);
  return bytes;
}

/** Sets the call's return data (at most 16 KiB; the last call wins). */
export function output(bytes: Uint8Array): void {
  env.output_write(bytes.dataStart, bytes.length);
}

/** The address of the transaction's source account. */
export function caller(): Address {
  const bytes = new Uint8Array(ADDRESS_BYTES);
  env.caller(bytes.dataStart);
  return new Address(bytes);
}

/** The contract's own address (the holder of its own funds, e.g. an escrow). */
export function selfAddress(): Address {
  const bytes = new Uint8Array(ADDRESS_BYTES);
  env.self_address(bytes.dataStart);
  return new Address(bytes);
}

/** Height of the block being executed. */
export function blockHeight(): u64 {
  return env.block_height();
}

/** Time of the block being executed, ms since the Unix epoch (agreed by consensus). */
export function blockTime(): u64 {
  return env.block_time();
}
