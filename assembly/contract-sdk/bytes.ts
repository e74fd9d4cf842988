// Little-endian fixed-layout encoding for inputs, outputs, storage records and event data.
import { ADDRESS_BYTES, Address } from './address';
import { copyBytes, newBytes } from './raw';
import { revert } from './revert';

/**
 * Reads fields in order from a byte array. Reading past the end reverts with
 * `bad input: too short`; `end()` reverts when bytes are left over, so a method can demand an
 * input of exactly its layout.
 */
export class Reader {
  readonly bytes: Uint8Array;
  private pos: i32 = 0;

  constructor(bytes: Uint8Array) {
    this.bytes = bytes;
  }

  /** Bytes not read yet. */
  get remaining(): i32 {
    return this.bytes.length - this.pos;
  }

  private take(n: i32): usize {
    if (n > this.bytes.length - this.pos) revert('bad input: too short');
    const at = this.bytes.dataStart + <usize>this.pos;
    this.pos += n;
    return at;
  }

  u8(): u8 {
    return load<u8>(this.take(1));
  }

  u32(): u32 {
    return load<u32>(this.take(4));
  }

  u64(): u64 {
    return load<u64>(this.take(8));
  }

  /** The next `n` bytes, as a view (no copy). */
  bytesOf(n: i32): Uint8Array {
    const start = this.pos;
    this.take(n);
    return this.bytes.subarray(start, start + n);
  }

  /** The next 23 bytes as an address (referring to them, no copy). */
  address(): Address {
    return new Address(this.take(ADDRESS_BYTES));
  }

  /** Everything not read yet (a view). */
  rest(): Uint8Array {
    return this.bytesOf(this.remaining);
  }

  /** Reverts unless every byte was read. */
  end(): void {
    if (this.pos !== this.bytes.length) revert('bad input: too long');
  }
}

/**
 * Writes fields in order into a byte array of fixed capacity (the layouts are fixed, so the
 * size is known up front). Writing past the capacity aborts: it is a bug of the contract.
 */
export class Writer {
  readonly bytes: Uint8Array;
  private pos: i32 = 0;

  constructor(capacity: i32) {
    this.bytes = newBytes(capacity);
  }

  private put(n: i32): usize {
    assert(n <= this.bytes.length - this.pos, 'Writer capacity exceeded');
    const at = this.bytes.dataStart + <usize>this.pos;
    this.pos += n;
    return at;
  }

  u8(value: u8): Writer {
    store<u8>(this.put(1), value);
    return this;
  }

  u32(value: u32): Writer {
    store<u32>(this.put(4), value);
    return this;
  }

  u64(value: u64): Writer {
    store<u64>(this.put(8), value);
    return this;
  }

  /** A u64 big-endian (for storage keys that should sort by number). */
  u64be(value: u64): Writer {
    store<u64>(this.put(8), bswap<u64>(value));
    return this;
  }

  bytesOf(value: Uint8Array): Writer {
    copyBytes(this.put(value.length), value.dataStart, <usize>value.length);
    return this;
  }

  /** `length` bytes from memory at `src`. */
  copyFrom(src: usize, length: i32): Writer {
    copyBytes(this.put(length), src, <usize>length);
    return this;
  }

  address(value: Address): Writer {
    value.copyTo(this.put(ADDRESS_BYTES));
    return this;
  }

  /** An ASCII string, one byte per character (for storage key prefixes). */
  ascii(value: string): Writer {
    const n = value.length;
    const at = this.put(n);
    for (let i = 0; i < n; i++) store<u8>(at + <usize>i, <u8>value.charCodeAt(i));
    return this;
  }

  /** What was written (the whole array when it is full, else a view of the written part). */
  finish(): Uint8Array {
    return this.pos === this.bytes.length ? this.bytes : this.bytes.subarray(0, this.pos);
  }
}
