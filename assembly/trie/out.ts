// The output buffer that prove, iterate and persist write into (it grows; the bindings read it at
// the pointer a call reports), and the input buffer the bindings write keys, values and batches to.
import { alloc, free } from './alloc';

let out: usize = 0;
let outCap: usize = 0;
export let outLen: usize = 0;

export function outStart(): usize {
  outLen = 0;
  return out;
}

export function outBase(): usize {
  return out;
}

/** Appends `n` bytes to the output; returns where they go. */
export function reserve(n: usize): usize {
  // 32 bytes of slack: encoders copy refs as whole 32-byte words.
  if (outLen + n + 32 > outCap) {
    const cap = max<usize>(max<usize>(outCap << 1, outLen + n + 32), 65536);
    const bigger = alloc(cap);
    memory.copy(bigger, out, outLen);
    free(out, outCap);
    out = bigger;
    outCap = cap;
  }
  const at = out + outLen;
  outLen += n;
  return at;
}

let io: usize = 0;
let ioCap: usize = 0;

/** An input buffer of at least `size` bytes (its contents are lost when it grows). */
export function ioBuffer(size: usize): usize {
  if (size > ioCap) {
    free(io, ioCap);
    ioCap = max<usize>(size, 65536);
    io = alloc(ioCap);
  }
  return io;
}

let load: usize = 0;
let loadCap: usize = 0;

/** A second input buffer, for node encodings being loaded while a batch waits in the first. */
export function loadBuffer(size: usize): usize {
  if (size > loadCap) {
    free(load, loadCap);
    loadCap = max<usize>(size, 65536);
    load = alloc(loadCap);
  }
  return load;
}
