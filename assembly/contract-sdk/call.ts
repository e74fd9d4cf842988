// The call itself: its input and output, who called, which contract, which block.
import { Address } from './address';
import * as env from './env';
import { newBytes } from './raw';

/** The call's input (a fresh copy; empty when there is none). */
export function input(): Uint8Array {
  const n = env.input_length();
  const bytes = newBytes(n);
  if (n > 0) env.input_read(bytes.dataStart);
  return bytes;
}

/** Sets the call's return data (at most 16 KiB; the last call wins). */
export function output(bytes: Uint8Array): void {
  env.output_write(bytes.dataStart, bytes.length);
}

/** The address of the transaction's source account. */
export function caller(): Address {
  const address = Address.alloc();
  env.caller(address.ptr);
  return address;
}

/** The contract's own address (the holder of its own funds, e.g. an escrow). */
export function selfAddress(): Address {
  const address = Address.alloc();
  env.self_address(address.ptr);
  return address;
}

/** Height of the block being executed. */
export function blockHeight(): u64 {
  return env.block_height();
}

/** Time of the block being executed, ms since the Unix epoch (agreed by consensus). */
export function blockTime(): u64 {
  return env.block_time();
}
