// Static buffers shared by the Ed25519 kernels and their JavaScript bindings.
//
// The module never allocates and its memory never grows. JavaScript writes inputs, calls a
// kernel and reads the result:
//   DATA    each signed record R || A || M (the bytes SHA-512 hashes for k), back to back
//   ITEMS   per item: u32 offset of its record in DATA, u32 length of M
//   S       per item: the 32-byte S half of the signature
//   RANDOM  per item: the 16-byte random coefficient z of a batch check (written before each check)
//   STATUS  per item after batchPrepare: 1 if S < L and R and A decode, else 0
//   OUTPUT  64 bytes: a SHA-512 digest
//   CONTEXT the streaming SHA-512 state (state 64, total 8, pending 4, block at 128)

/** Items one batch call takes. */
export const MAX_BATCH: i32 = 512;
/** Bytes of signed records one call can read. */
export const DATA_BYTES: i32 = 262144;

export const DATA: usize = memory.data(DATA_BYTES, 64);
export const ITEMS: usize = memory.data(MAX_BATCH * 8, 64);
export const S_VALUES: usize = memory.data(MAX_BATCH * 32, 64);
export const RANDOM: usize = memory.data(MAX_BATCH * 16, 64);
export const STATUS: usize = memory.data(MAX_BATCH, 64);
export const OUTPUT: usize = memory.data(64, 64);
export const CONTEXT: usize = memory.data(256, 64);
export const CTX_STATE: usize = 0;
export const CTX_TOTAL: usize = 64;
export const CTX_PENDING: usize = 72;
export const CTX_BLOCK: usize = 128;

export function dataPointer(): usize {
  return DATA;
}

export function itemsPointer(): usize {
  return ITEMS;
}

export function scalarsPointer(): usize {
  return S_VALUES;
}

export function randomPointer(): usize {
  return RANDOM;
}

export function statusPointer(): usize {
  return STATUS;
}

export function outputPointer(): usize {
  return OUTPUT;
}

export function dataCapacity(): i32 {
  return DATA_BYTES;
}

export function batchCapacity(): i32 {
  return MAX_BATCH;
}
