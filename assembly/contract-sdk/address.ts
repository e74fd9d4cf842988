// Account addresses: 23 bytes (0xa0 0x01, 20 bytes of SHA-256 of the public key, a CRC-8).
import { bytesAt } from './raw';
import { revert } from './revert';

/** Bytes in an address. */
export const ADDRESS_BYTES: i32 = 23;

/**
 * An account address: 23 bytes in the contract's memory, compared by value with `equals`. It
 * refers to the bytes where they are (in the input, a record, a host buffer) without copying.
 */
export class Address {
  /** Where the 23 bytes are in memory (what host calls take). */
  readonly ptr: usize;

  /** The address at `ptr` (23 bytes the caller keeps unchanged). */
  constructor(ptr: usize) {
    this.ptr = ptr;
  }

  /** The address held by `bytes` (shared, not copied); reverts unless there are 23. */
  static fromBytes(bytes: Uint8Array): Address {
    if (bytes.length !== ADDRESS_BYTES) revert('an address is 23 bytes');
    return new Address(bytes.dataStart);
  }

  /** Fresh memory for a host call to write an address into. */
  static alloc(): Address {
    return new Address(heap.alloc(<usize>ADDRESS_BYTES));
  }

  /** A copy of the 23 bytes. */
  get bytes(): Uint8Array {
    return bytesAt(this.ptr, ADDRESS_BYTES);
  }

  /** Whether both hold the same 23 bytes. */
  equals(other: Address): bool {
    return Address.equalAt(this.ptr, other.ptr);
  }

  /** Whether the 23 bytes at `a` and at `b` are the same (no object needed). */
  static equalAt(a: usize, b: usize): bool {
    return (
      load<u64>(a) === load<u64>(b) &&
      load<u64>(a, 8) === load<u64>(b, 8) &&
      load<u32>(a, 16) === load<u32>(b, 16) &&
      load<u16>(a, 20) === load<u16>(b, 20) &&
      load<u8>(a, 22) === load<u8>(b, 22)
    );
  }

  /** Writes the 23 bytes at `dst`. */
  copyTo(dst: usize): void {
    const a = this.ptr;
    store<u64>(dst, load<u64>(a));
    store<u64>(dst, load<u64>(a, 8), 8);
    store<u32>(dst, load<u32>(a, 16), 16);
    store<u16>(dst, load<u16>(a, 20), 20);
    store<u8>(dst, load<u8>(a, 22), 22);
  }
}
