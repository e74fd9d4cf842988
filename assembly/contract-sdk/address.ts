// Account addresses: 23 bytes (0xa0 0x01, 20 bytes of SHA-256 of the public key, a CRC-8).
import { revert } from './revert';

/** Bytes in an address. */
export const ADDRESS_BYTES: i32 = 23;

/** An account address: 23 bytes, compared by value with `equals`. */
export class Address {
  /** The 23 bytes (a view; it may share memory with a record it was read from). */
  readonly bytes: Uint8Array;

  /** Wraps 23 bytes; reverts when there are not exactly 23. */
  constructor(bytes: Uint8Array) {
    if (bytes.length !== ADDRESS_BYTES) revert('an address is 23 bytes');
    this.bytes = bytes;
  }

  /** A fresh, zeroed address to be filled by a host call through `ptr`. */
  static empty(): Address {
    return new Address(new Uint8Array(ADDRESS_BYTES));
  }

  /** Where the 23 bytes are in memory (for host calls). */
  get ptr(): usize {
    return this.bytes.dataStart;
  }

  /** Whether both hold the same 23 bytes. */
  equals(other: Address): bool {
    const a = this.bytes.dataStart;
    const b = other.bytes.dataStart;
    return (
      load<u64>(a) === load<u64>(b) &&
      load<u64>(a, 8) === load<u64>(b, 8) &&
      load<u32>(a, 16) === load<u32>(b, 16) &&
      load<u16>(a, 20) === load<u16>(b, 20) &&
      load<u8>(a, 22) === load<u8>(b, 22)
    );
  }
}
