// The contract's own storage: keys of 1-64 bytes, values of 1 byte - 16 KiB.
import * as env from './env';
import { copyBytes, newBytes } from './raw';

/**
 * Copies the value under `key` into `dst` (at most `dst.length` bytes) and returns its full
 * length, or -1 when the key is absent. No allocation: the way to read fixed-size records.
 */
export function storageRead(key: Uint8Array, dst: Uint8Array): i32 {
  return env.storage_read(key.dataStart, key.length, dst.dataStart, dst.length);
}

/** Values up to this size are read with one host call (through a static buffer). */
const SCRATCH_BYTES: i32 = 256;

/** The value under `key` (a fresh array), or null when absent. */
export function storageGet(key: Uint8Array): Uint8Array | null {
  const scratch = memory.data(SCRATCH_BYTES);
  const n = env.storage_read(key.dataStart, key.length, scratch, SCRATCH_BYTES);
  if (n < 0) return null;
  const value = newBytes(n);
  if (n <= SCRATCH_BYTES) copyBytes(value.dataStart, scratch, <usize>n);
  else env.storage_read(key.dataStart, key.length, value.dataStart, n);
  return value;
}

/** Whether `key` holds a value. */
export function storageHas(key: Uint8Array): bool {
  return env.storage_read(key.dataStart, key.length, 0, 0) >= 0;
}

/** Sets `key` to `value` (which must not be empty: delete instead). */
export function storageSet(key: Uint8Array, value: Uint8Array): void {
  env.storage_write(key.dataStart, key.length, value.dataStart, value.length);
}

/** Deletes `key` (no effect when absent). */
export function storageDelete(key: Uint8Array): void {
  env.storage_delete(key.dataStart, key.length);
}

/** The u64 (8 bytes, little-endian) under `key`, or `fallback` when absent. */
export function storageGetU64(key: Uint8Array, fallback: u64 = 0): u64 {
  const buffer = memory.data(8);
  const n = env.storage_read(key.dataStart, key.length, buffer, 8);
  if (n < 0) return fallback;
  assert(n === 8, 'storage value is not a u64');
  return load<u64>(buffer);
}

/** Sets `key` to a u64 (8 bytes, little-endian). */
export function storageSetU64(key: Uint8Array, value: u64): void {
  const buffer = memory.data(8);
  store<u64>(buffer, value);
  env.storage_write(key.dataStart, key.length, buffer, 8);
}

/** A storage key: an ASCII prefix followed by `suffix` (e.g. a record's id). */
export function storageKey(prefix: string, suffix: Uint8Array): Uint8Array {
  const n = prefix.length;
  const key = newBytes(n + suffix.length);
  const p = key.dataStart;
  for (let i = 0; i < n; i++) store<u8>(p + <usize>i, <u8>prefix.charCodeAt(i));
  copyBytes(p + <usize>n, suffix.dataStart, <usize>suffix.length);
  return key;
}
