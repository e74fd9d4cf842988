// Static buffers shared by the hash kernels and their JavaScript bindings.
//
// The module never allocates: JavaScript writes input into INPUT, calls a kernel, and reads the
// result from OUTPUT. A streaming hash keeps its state in CONTEXT; the bindings save and restore
// that state around each call, so any number of independent hashers can share one module.

/** Bytes of input one call can read. Batch calls read up to INPUT_BYTES / 64 blocks. */
export const INPUT_BYTES: i32 = 65536;
/** Bytes of output one call can write: up to INPUT_BYTES / 64 digests of 32 bytes. */
export const OUTPUT_BYTES: i32 = 32768;
/**
 * Streaming context, the same layout for every 32-byte-digest hash:
 * 0..32 chaining state (eight u32), 32..40 total bytes absorbed (u64),
 * 40..44 bytes waiting in the block buffer (u32), 64..128 the block buffer.
 */
export const CONTEXT_BYTES: i32 = 128;
export const CTX_STATE: usize = 0;
export const CTX_TOTAL: usize = 32;
export const CTX_PENDING: usize = 40;
export const CTX_BLOCK: usize = 64;

/**
 * Scratch that any kernel call may overwrite (message schedules, transposed lanes, one-shot
 * state). Only CONTEXT survives between calls, and only the streaming calls (init, update,
 * final) touch it: the bindings hand CONTEXT from hasher to hasher lazily and rely on this.
 */
export const SCHEDULE_BYTES: i32 = 1024;

export const INPUT: usize = memory.data(INPUT_BYTES, 64);
export const OUTPUT: usize = memory.data(OUTPUT_BYTES, 64);
export const CONTEXT: usize = memory.data(CONTEXT_BYTES, 64);
export const SCHEDULE: usize = memory.data(SCHEDULE_BYTES, 64);

export function inputPointer(): usize {
  return INPUT;
}

export function outputPointer(): usize {
  return OUTPUT;
}

export function contextPointer(): usize {
  return CONTEXT;
}

export function inputCapacity(): i32 {
  return INPUT_BYTES;
}
