// Cheap byte buffers for the SDK's hot paths. AssemblyScript's `new Uint8Array(n)` zeroes the
// new memory with a generic memset and `memory.copy` (without bulk memory) is a generic memmove;
// both cost hundreds of gas for the few bytes a contract moves. A call runs in a fresh instance
// whose memory is zero and the stub runtime never reuses memory, so a buffer that is about to be
// filled need not be cleared.

/**
 * A new byte array of `length` bytes, for the caller to fill completely: its contents are
 * unspecified (zero in practice, as every call runs in a fresh instance).
 */
export function newBytes(length: i32): Uint8Array {
  const buffer = __new(<usize>length, idof<ArrayBuffer>());
  const view = __new(offsetof<Uint8Array>(), idof<Uint8Array>());
  store<usize>(view, buffer, offsetof<Uint8Array>('buffer'));
  store<usize>(view, buffer, offsetof<Uint8Array>('dataStart'));
  store<i32>(view, length, offsetof<Uint8Array>('byteLength'));
  return changetype<Uint8Array>(view);
}

/** Copies `n` bytes from `src` to `dst` (ranges must not overlap), eight at a time. */
export function copyBytes(dst: usize, src: usize, n: usize): void {
  while (n >= 8) {
    store<u64>(dst, load<u64>(src));
    dst += 8;
    src += 8;
    n -= 8;
  }
  while (n > 0) {
    store<u8>(dst, load<u8>(src));
    dst++;
    src++;
    n--;
  }
}

/** A copy of `n` bytes at `src`, as a new array. */
export function bytesAt(src: usize, n: i32): Uint8Array {
  const bytes = newBytes(n);
  copyBytes(bytes.dataStart, src, <usize>n);
  return bytes;
}
